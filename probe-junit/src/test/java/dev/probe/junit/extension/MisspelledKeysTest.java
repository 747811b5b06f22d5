package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.probe.core.model.Classifier;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A near miss of a setting's key is named with the key it meant; other keys pass unremarked. */
class MisspelledKeysTest {

    @Test
    void nearMissesAreNamedWithTheKeyTheyMeant() {
        // a client's -Dprobe.notconverged=fail left not-converged probes skipped, without a word
        assertThat(MisspelledKeys.in(Set.of("probe.notconverged", "probe.chain", "probe.chains", "probe.skipLibraryTests",
                "probe.groups", "user.dir", "probe.only")))
                .containsExactly("probe.chain (did you mean probe.chains?)",
                        "probe.notconverged (did you mean probe.notConverged?)");
        // a key with letters left out was ignored without a word
        assertThat(MisspelledKeys.in(Set.of("probe.minEss", "probe.maxRhat"))).containsExactly(
                "probe.minEss (did you mean probe.minAttainedEss?)");
    }

    @Test
    void aProjectsOwnPropertiesAndTheEnginesAreNoNearMisses() {
        // the properties of this repository's own builds and the engine's system properties
        Set<String> own = Set.of("probe.chunk", "probe.device", "probe.kernelCheck", "probe.ignoreFailures",
                "probe.groups", "probe.excludedGroups", "probe.populationSampling", "probe.levelSetMass", "probe.priorRate",
                "probe.futileAfter", "probe.futile", "probe.train.only", "probe.examples.dir", "probe.export.dir",
                "probe.omp.wait", "probe.malloc.mmapThreshold", "probe.malloc.trimThreshold", "probe.version",
                "probe.skipLibraryTests");
        assertThat(MisspelledKeys.in(own)).isEmpty();
        assertThat(MisspelledKeys.unknown(Set.of("probe.fooBar", "probe.chunk", "probe.chain", "user.dir")))
                .containsExactly("probe.fooBar");
    }

    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 10, draws = 10, maxRhat = 10, minAttainedEss = 1)
    static class AnyProbe {
        @ProbedModel("linear") static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0, model = "linear")
        void probe(ProbeAnswer answer) {}
    }

    /** A near miss fails every probe template, naming the key it meant: a warning scrolled by, the setting unset. */
    @Test
    void aNearMissFailsTheProbes() {
        try {
            ProbeExtension.keysChecked(MisspelledKeys.in(Set.of("probe.notconverged")));
            var events = Fixtures.run(AnyProbe.class, Map.of());
            events.containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m ->
                    m.contains("probe.notconverged (did you mean probe.notConverged?)") && m.contains("case-sensitive")))));
            events.testEvents().assertStatistics(s -> s.started(0));
        } finally {
            ProbeExtension.keysChecked(List.of());
        }
    }
}
