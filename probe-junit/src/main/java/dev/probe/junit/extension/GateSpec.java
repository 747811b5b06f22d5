package dev.probe.junit.extension;

import dev.probe.core.result.Comparison;
import dev.probe.junit.ProbeAnswer;
import java.util.List;
import java.util.Objects;

/**
 * One invocation of a regression gate between two model versions: the probes of the baseline and of the
 * candidate (the same question, one model each; several for a pooled statistic, none for a statistic of
 * independent prior draws) and how their results become a {@link Comparison}.
 *
 * <pre>{@code
 * GateSpec gate = new GateSpec("no worse: class 7", "7", List.of(base7), List.of(cand7), (b, c) -> Comparison.ofRates(...));
 * }</pre>
 *
 * @param displayName what a reviewer reads, e.g. {@code "no worse than baseline: class 7"}
 * @param key short id selecting this invocation alone with {@code -Dprobe.only=<key>}
 * @param baseline the baseline model's probes (sampled in order)
 * @param candidate the candidate model's probes
 * @param judge the comparison of the two sides' results
 * @param priorDrawsSeed for a statistic of independent prior draws (no probes), the seed of the draws both models
 *     judge, which a failure prints; empty otherwise
 */
public record GateSpec(String displayName, String key, List<ProbeSpec> baseline, List<ProbeSpec> candidate, Judge judge,
        java.util.OptionalLong priorDrawsSeed) {

    /**
     * Compares the answers of both sides (lists in the order of the specs; empty for a statistic of
     * independent prior draws). Each answer carries its tolerance, judged model and oracle.
     */
    @FunctionalInterface
    public interface Judge {
        /** The comparison of {@code baseline} and {@code candidate} answers. */
        Comparison compare(List<ProbeAnswer> baseline, List<ProbeAnswer> candidate);
    }

    /** A gate whose sides are probes (no prior draws of its own). */
    public GateSpec(String displayName, String key, List<ProbeSpec> baseline, List<ProbeSpec> candidate, Judge judge) {
        this(displayName, key, baseline, candidate, judge, java.util.OptionalLong.empty());
    }

    public GateSpec {
        Objects.requireNonNull(priorDrawsSeed, "priorDrawsSeed");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(key, "key");
        baseline = List.copyOf(baseline);
        candidate = List.copyOf(candidate);
        Objects.requireNonNull(judge, "judge");
    }
}
