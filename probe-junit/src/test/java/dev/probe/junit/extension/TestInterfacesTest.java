package dev.probe.junit.extension;

import static dev.probe.junit.extension.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.model.Classifier;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * JUnit's test interfaces: a contract that every model's test class implements carries its settings, members and
 * default probe methods, which were once dropped without a word (a pinned seed, a budget, "No model under test").
 */
class TestInterfacesTest {
    static final Map<String, ProbeAnswer> ANSWERS = new ConcurrentHashMap<>();

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 10, seed = "21", maxRhat = 10,
            minAttainedEss = 1)
    interface ClassifierContract {
        @Generator
        static SampleSpace box() {
            return Fixtures.box();
        }

        @ProbeHighConfidence(classes = 0)
        default void confident(ProbeAnswer answer) {
            ANSWERS.put(getClass().getSimpleName(), answer);
        }
    }

    static class LinearModelContract implements ClassifierContract {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
    }

    interface ModelOnTheInterface extends ClassifierContract {
        @ProbedModel
        static Classifier model() {
            return Fixtures.threeClasses();
        }
    }

    @ProbeSettings(draws = 12)
    static class InheritsEverything implements ModelOnTheInterface {}

    @Test
    void settingsMembersAndProbesOfATestInterfaceAreUsedAndTheClassWins() {
        run(LinearModelContract.class, Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));
        ProbeAnswer contract = ANSWERS.get("LinearModelContract");
        assertThat(contract.result().seed()).isEqualTo(21);
        assertThat(contract.settings()).hasValueSatisfying(s -> assertThat(s)
                .containsPattern("seed +21 +@ProbeSettings on ClassifierContract")
                .containsPattern("draws +10 +@ProbeSettings on ClassifierContract"));

        run(InheritsEverything.class, Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));
        ProbeAnswer inherited = ANSWERS.get("InheritsEverything");
        assertThat(inherited.settings()).hasValueSatisfying(s -> assertThat(s)
                .containsPattern("draws +12 +@ProbeSettings on InheritsEverything")
                .containsPattern("seed +21 +@ProbeSettings on ClassifierContract"));
        assertThat(inherited.result().size()).isEqualTo(4 * 12);
    }
}
