package dev.probe.junit.extension;

import dev.probe.core.probe.Probe;
import dev.probe.core.result.Oracle;
import java.util.Objects;

/**
 * One invocation of a probe template: what to sample and how to judge it.
 *
 * <pre>{@code
 * ProbeSpec spec = ProbeSpec.of("ambivalent 1 vs 7", "1:7", probe, settings);
 * }</pre>
 *
 * @param displayName what a reviewer reads, e.g. {@code "ambivalent 1 vs 7"}
 * @param key short id selecting this invocation alone with {@code -Dprobe.only=<key>}
 * @param probe the query over its space
 * @param settings resolved sampling settings
 * @param tolerance target distance within which a sample counts as attaining the target
 * @param oracle true labels of samples, or {@code null} if the probe has none
 * @param model name of the model whose predictions the assertions judge, or {@code null}
 */
public record ProbeSpec(String displayName, String key, Probe probe, ProbeSettings settings, double tolerance,
        Oracle oracle, String model) {

    /** Default attainment tolerance on the target distance. */
    public static final double TOLERANCE = 0.1;

    public ProbeSpec {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(settings, "settings");
    }

    public static ProbeSpec of(String displayName, String key, Probe probe, ProbeSettings settings) {
        return new ProbeSpec(displayName, key, probe, settings, TOLERANCE, null, null);
    }

    public ProbeSpec withOracle(Oracle o, String modelName) {
        return new ProbeSpec(displayName, key, probe, settings, tolerance, o, modelName);
    }

    public ProbeSpec withTolerance(double t) {
        return new ProbeSpec(displayName, key, probe, settings, t, oracle, model);
    }
}
