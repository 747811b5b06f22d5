package dev.probe.junit.extension;

import static dev.probe.junit.extension.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.space.InputSpace;
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
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** SMOOTHED_MALA's smoothing width s and antithetic pairs J, set like any other setting. */
class SmoothingSettingsTest {
    /** A stump: class 1 is certain right of x₀ = 0.5, class 0 left of it (no gradient anywhere). */
    static Classifier stump() {
        return Classifier.fromProbabilities(BlackBoxFunction.of("stump", 2, 2, rows -> {
            double[][] out = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                out[r] = rows[r][0] > 0.5 ? new double[] {0.02, 0.98} : new double[] {0.98, 0.02};
            }
            return out;
        }));
    }

    @ProbeSettings(sampler = SamplerKind.SMOOTHED_MALA, chains = 4, warmup = 20, draws = 10, maxRhat = 100,
            minAttainedEss = 1)
    static class Smoothed {
        static final Map<String, ProbeResult> RESULTS = new ConcurrentHashMap<>();
        @ProbedModel static final Classifier MODEL = stump();
        /** Widths 2 and 0.5: the built-in s is a tenth of the narrower one. */
        @Generator static final SampleSpace BOX = InputSpace.box(new double[] {0, 0}, new double[] {2, 0.5});

        static final Map<String, ProbeAnswer> ANSWERS = new ConcurrentHashMap<>();

        @ProbeHighConfidence(classes = 1)
        void builtIn(ProbeAnswer answer) {
            RESULTS.put("builtIn", answer.result());
            ANSWERS.put("builtIn", answer);
        }

        @ProbeHighConfidence(classes = 1)
        @ProbeSettings(smoothing = 0.3, smoothingPairs = 2)
        void set(ProbeAnswer answer) {
            RESULTS.put("set", answer.result());
        }
    }

    static class SmoothingWithoutSmoothedMala {
        @ProbedModel static final Classifier MODEL = stump();
        @Generator static final SampleSpace BOX = InputSpace.box(new double[] {0, 0}, new double[] {1, 1});

        @ProbeHighConfidence(classes = 1)
        @ProbeSettings(smoothing = 0.3)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void smoothingAndPairsReachTheKernelAndTheBuiltInWidthFollowsTheBox() {
        run(Smoothed.class, Map.of()).testEvents().assertStatistics(s -> s.succeeded(2));
        assertThat(Smoothed.RESULTS.get("builtIn").provenance().kernel()).contains("s=0.05, J=4");
        assertThat(Smoothed.RESULTS.get("set").provenance().kernel()).contains("s=0.3, J=2");
        // the listing shows the width that ran, and the pool's size, where it said "0" for both
        assertThat(Smoothed.ANSWERS.get("builtIn").settings().orElseThrow()).contains("0.0500 (a tenth of the narrowest box width)")
                .contains(dev.probe.core.probe.PriorPool.defaultSize(2) + " (built-in)").doesNotContain("(0)");
    }

    @ProbeSettings(sampler = SamplerKind.SMOOTHED_MALA, smoothing = 0)
    static class ZeroSmoothing {
        @ProbedModel static final Classifier MODEL = stump();
        @Generator static final SampleSpace BOX = InputSpace.box(new double[] {0, 0}, new double[] {1, 1});

        @ProbeHighConfidence(classes = 1)
        void confident(ProbeAnswer answer) {}
    }

    /** A width of 0 ran at the built-in width without a word, while pool = 0 was refused: both are refused now. */
    @Test
    void aSmoothingWidthOfZeroIsRefused() {
        run(ZeroSmoothing.class, Map.of()).allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(
                m -> m.contains("Probe setting 'smoothing' = 0.0") && m.contains("expected a positive number")))));
    }

    @ProbeSettings(sampler = SamplerKind.SMOOTHED_MALA, chains = 4, warmup = 20, draws = 10)
    static class SmoothedOnCategories {
        @ProbedModel static final Classifier MODEL = stump();
        @Generator static final SampleSpace CARDS = dev.probe.core.space.ProceduralSpace.builder("cards")
                .categorical("k", 3).continuous("u", 0, 1).renderer(2, a -> new double[] {a[0] / 2, a[1]}).build();

        @ProbeHighConfidence(classes = 1)
        void confident(ProbeAnswer answer) {}
    }

    /**
     * Smoothed MALA on a procedural space ran, then handed the renderer the category 2.80 and an attribute of [0, 1]
     * the value 1.05; the renderer's message told the user to pass whole numbers. It is refused, naming MH.
     */
    @Test
    void smoothedMalaOnASpaceWithDiscreteCoordinatesIsRefused() {
        EngineExecutionResults events = run(SmoothedOnCategories.class, Map.of());
        events.testEvents().assertStatistics(s -> s.succeeded(0));
        events.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.startsWith(
                "sampler = SMOOTHED_MALA moves every coordinate continuously, but this probe's space (ProceduralSpace[cards")
                && m.contains("Set sampler = MH")))));
    }

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 20, draws = 10)
    static class MalaOnCategories {
        @ProbedModel static final Classifier MODEL = stump();
        @Generator static final SampleSpace CARDS = SmoothedOnCategories.CARDS;

        @ProbeHighConfidence(classes = 1)
        void confident(ProbeAnswer answer) {}
    }

    /** MALA's refusal on a procedural space named SMOOTHED_MALA, which is refused there in turn (a user's circle). */
    @Test
    void malaOnASpaceWithDiscreteCoordinatesNamesOnlyWhatRuns() {
        EngineExecutionResults events = run(MalaOnCategories.class, Map.of());
        events.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains(
                "Set sampler = MH, or leave sampler = AUTO") && !m.contains("SMOOTHED_MALA")))));
    }

    @Test
    void smoothingOnAMethodNotSampledBySmoothedMalaIsAnError() {
        run(SmoothingWithoutSmoothedMala.class, Map.of()).allEvents().assertThatEvents().haveExactly(1, event(
                finishedWithFailure(message("@ProbeSettings on SmoothingWithoutSmoothedMala#confident sets smoothing = 0.3, "
                        + "which applies only with sampler = SMOOTHED_MALA: set the sampler too, or leave smoothing out."))));
    }
}
