package dev.probe.junit.extension;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;
import static dev.probe.junit.extension.Fixtures.reportEntries;
import static dev.probe.junit.extension.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.probe.core.model.Classifier;
import dev.probe.core.space.InputSpace;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeGate;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.annotations.ProbeAmbivalent;
import dev.probe.junit.annotations.ProbeHighConfidence;
import dev.probe.junit.annotations.ProbeModelContrast;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Verdicts on converged evidence: an invocation is judged only when its samples attain the target and
 * converge; otherwise it is "not sampled" or "not converged", with the numbers, the cause and the fix,
 * printed and counted apart by gates and in summary.csv.
 */
class VerdictTest {
    private static final String RERUN = "./mvnw -pl probe-junit -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest='";
    /** The engine's intra-op thread count, which a re-run repeats. */
    private static final String THREADS = " -Dai.djl.pytorch.num_threads=" + dev.probe.core.runtime.Devices.intraOpThreads().getAsInt();

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 10, seed = "5", maxRhat = 10, minAttainedEss = 1)
    static class Demanding {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 1)
        void impossible(ProbeAnswer answer) {
            assertThat(answer).hasTargetAttainmentAtMost(0);
        }
    }

    @Test
    void assertionFailuresNameTheProbeTheNumbersTheSeedAndTheRerunCommand() {
        // a setting of the build's configuration parameters (a profile's, say) is repeated: without the profile a
        // re-run would not apply it (a new user's nightly failure re-ran at budget 1); so is the report directory
        EngineExecutionResults events = run(Demanding.class, Map.of("probe.notSampled", "fail"));
        events.testEvents().assertThatEvents().haveExactly(1, event(test(), displayName("high confidence: class 1"),
                finishedWithFailure(message(m -> m.startsWith("Probe 'high confidence: class 1' (Demanding#impossible) failed:\n"
                        + "expected target attainment at most 0.000, but the attained fraction is ")
                        && m.contains("\nquery: HighConfidence[linear3, class 1, σ=0.05]\nattained when: p_1 of 'linear3' ≥ 0.9 (1 − "
                                + "tolerance 0.1)\nkernel: MALA(")
                        && m.endsWith("\nseed: 5\nre-run: " + RERUN + "dev.probe.junit.extension.VerdictTest$Demanding"
                                + "#impossible' -Dprobe.only='1' -Dprobe.seed=5 -Dprobe.notSampled=fail "
                                + "-Dprobe.reportDir=target/probe-reports-fixtures" + THREADS)))));
    }

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 10, seed = "7", maxRhat = 10, minAttainedEss = 1)
    static class Unreachable {
        @ProbedModel static final Classifier MODEL = Fixtures.unreachableClassTwo();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = {0, 2})
        @ProbeGate(minSampled = 2)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void aProbeThatCannotSampleItsTargetIsReportedAsSuchAndTheGateListsItWithARerunCommand() {
        EngineExecutionResults events = run(Unreachable.class, Map.of());
        events.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        events.testEvents().assertThatEvents().haveExactly(1, event(test(), displayName("high confidence: class 2"),
                finishedWithFailure(instanceOf(ProbeNotSampledException.class), message(m -> m.startsWith(
                        "Could not sample the target of probe 'high confidence: class 2' (Unreachable#confident): none of 40 samples came within 0.100 "
                                + "of it (closest ") && m.contains("The target is unreachable within this budget")))));
        // the gate's message (what JUnit shows) says why each key was not sampled, not only the lines above it (a new user's)
        java.util.function.Predicate<String> gate = m -> m.matches("\\QProbe gate of Unreachable#confident failed: 1 of 2 "
                + "invocations sampled their target (enough effective attained samples: minAttainedEss), 1 passed (gate: "
                + "sampled >= 2).\n  not sampled (1): 2 (closest \\E[0-9.]+, tolerance 0\\.1\\)\n  re-run them: \\Q" + RERUN
                + "dev.probe.junit.extension.VerdictTest$Unreachable#confident' -Dprobe.only='2' -Dprobe.seed=7 "
                + "-Dprobe.reportDir=target/probe-reports-fixtures" + THREADS + "\\E");
        events.containerEvents().assertThatEvents().haveExactly(1, event(container(), finishedWithFailure(message(gate))));
        assertThat(reportEntries(events, "probe")).anyMatch(gate)
                .anyMatch(e -> e.startsWith("Could not sample the target of probe 'high confidence: class 2'"));
    }

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 10, seed = "7", maxRhat = 10, minAttainedEss = 1)
    static class PriceAtTheDefaultThreshold {
        @ProbedModel static final dev.probe.core.model.Regressor PRICE = dev.probe.core.model.Regressor.of(
                dev.probe.core.model.DjlBlockFunction.of(Fixtures.linear("price", new double[][] {{10, 10}},
                        new double[] {400}), new ai.djl.ndarray.types.Shape(2)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @dev.probe.junit.annotations.ProbeRisky
        void risky(ProbeAnswer answer) {}
    }

    @Test
    void aRegressorNotSampledSaysWhichUnitsItsThresholdIsIn() {
        // a client's price model probed at the default threshold 0.5 read only "closest 9.80"
        EngineExecutionResults events = run(PriceAtTheDefaultThreshold.class, Map.of());
        events.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(ProbeNotSampledException.class), message(m -> m.contains("Over the samples 'price' output 3")
                        && m.contains("a threshold (alpha) and the tolerance are in these units.")))));
    }

    @ProbeSettings(sampler = SamplerKind.SMC, populations = 2, particles = 16, maxPopulations = 2, seed = "7")
    static class UnreachableByPopulations {
        @ProbedModel static final Classifier MODEL = Fixtures.unreachableClassTwo();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 2)
        void confident(ProbeAnswer answer) {}
    }

    @ProbeSettings(sampler = SamplerKind.SMC, populations = 2, particles = 8, maxPopulations = 2, seed = "7")
    static class SmallPopulations {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    @ProbeSettings(sampler = SamplerKind.SMC, populations = 2, particles = 8, maxPopulations = 2, seed = "7")
    static class SmallPopulationsWithOracle {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();
        /** Says every input is class 1: every confident "0" is wrong. */
        @dev.probe.junit.ProbeOracle static final dev.probe.core.result.Oracle TRUTH = dev.probe.core.result.Oracle.constant(1);

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void aProbeWithoutVerdictStillSaysHowManyAttainedDrawsTheOracleLabelsOtherwise() {
        run(SmallPopulationsWithOracle.class, Map.of("probe.notConverged", "abort")).testEvents().assertThatEvents()
                .haveExactly(1, event(test(), org.junit.platform.testkit.engine.EventConditions.abortedWithReason(
                        message(m -> m.contains("did not converge") && m.matches("(?s).*found even so: (\\d+) of the \\1 "
                                + "attained draws are labelled otherwise by the oracle \\(their true label is not 0, the "
                                + "class model 'linear3' is asked about\\).*")))));
        // without an oracle the line is absent
        run(SmallPopulations.class, Map.of("probe.notConverged", "abort")).testEvents().assertThatEvents()
                .haveExactly(1, event(test(), org.junit.platform.testkit.engine.EventConditions.abortedWithReason(
                        message(m -> m.contains("did not converge") && !m.contains("found even so")))));
    }

    @Test
    void populationProbesGetAdviceAboutPopulationsNotChains() throws java.io.IOException {
        Path dir = Path.of("target/probe-reports-verdict-populations");
        // the near misses' mass is a lower bound with no error bar: "log Z −192.080 ± 0.000" read as certain on a leaf
        // of mass 1e-5 that no particle found
        run(UnreachableByPopulations.class, Map.of("probe.reportDir", dir.toString())).testEvents().assertThatEvents()
                .haveExactly(1, event(test(), finishedWithFailure(instanceOf(ProbeNotSampledException.class), message(m ->
                        // no draw came nearer than the question allows (class 2's logit is −50): the question's floor
                        m.contains("Its relaxed level set's prior mass: log Z ") && !m.contains(" ± ")
                                && m.contains("is the question's floor") && !m.contains("≥ about")
                                && m.contains("more budget (particles per population, or a larger prior pool)")))));
        List<String> row = java.util.Arrays.asList(Files.readAllLines(dir.resolve("summary.csv")).stream()
                .filter(l -> l.startsWith(UnreachableByPopulations.class.getName())).findFirst().orElseThrow().split(",", -1));
        assertThat(row.get(SummaryCsv.COLUMNS.indexOf("outcome"))).isEqualTo("not_sampled");
        assertThat(row.get(SummaryCsv.COLUMNS.indexOf("log_prior_mass"))).isEmpty();
        assertThat(row.get(SummaryCsv.COLUMNS.indexOf("log_prior_mass_sd"))).isEmpty();
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(f -> f.endsWith("diagnostics.txt"))).singleElement().satisfies(f -> assertThat(
                    Files.readString(f)).contains("is the question's floor").contains("no particle came near"));
        }
        run(SmallPopulations.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(),
                finishedWithFailure(instanceOf(ProbeNotConvergedException.class), message(m -> m.contains(
                        "over 2 populations x ")
                        // R-hat 1.22 here: more particles first, then the projection for the attained samples alone
                        && m.contains("budget: R-hat fails first (below)")
                        // the advice in maxPopulations' own unit (populations of the first round's particles)
                        && m.matches("(?s).*about (\\d+) populations of 8 particles \\(x[0-9.]+ of the 2 made\\), i\\.e\\. "
                                + "maxPopulations = \\1 \\(it counts populations of the first round's 8 particles\\).*")))));
    }

    @Test
    void aPopulationsDrawsAreCountedAsTheSettingsCountThem() {
        // a CI engineer read "4 populations x 128 draws" beside "particles 32" in the settings
        assertThat(Verdict.drawsPerPopulation("SMC(MALA, 4×32 particles, 4 draws each, α=0.50, moves 2–10, full-covariance "
                + "metric, mode jumps)")).isEqualTo("draws (32 particles × 4 draws each)");
        assertThat(Verdict.drawsPerPopulation("SMC(MALA, 2×8 particles, α=0.50, moves 2–10, diagonal metric, no mode jumps)"))
                .isEqualTo("draws");
    }

    /**
     * Steep logits (30·x0, 30·x1, −30·(x0 + x1)): the confidence level sets end in cliffs that HMC's leapfrog
     * cannot follow, so some trajectories diverge after warm-up (seed 11: 5 for class 0, 3 for class 1). R̂ and
     * ESS are not what is judged here (maxRhat 10, minAttainedEss 1).
     */
    @ProbeSettings(sampler = SamplerKind.HMC, chains = 8, warmup = 200, draws = 200, seed = "11", maxRhat = 10, minAttainedEss = 1)
    static class Cliffs {
        @ProbedModel static final Classifier MODEL = Classifier.fromLogits(dev.probe.core.model.DjlBlockFunction.of(
                Fixtures.linear("steep3", new double[][] {{30, 0}, {0, 30}, {-30, -30}}, new double[] {0, 0, 0}),
                new ai.djl.ndarray.types.Shape(2)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = {0, 1})
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void chainsWithDivergencesAfterWarmupAreNotConvergedUnlessTheSettingAllowsThem() {
        EngineExecutionResults strict = run(Cliffs.class, Map.of());
        strict.testEvents().assertStatistics(s -> s.failed(2).succeeded(0));
        strict.testEvents().assertThatEvents().haveExactly(2, event(test(), finishedWithFailure(
                instanceOf(ProbeNotConvergedException.class), message(m -> m.contains(
                        " divergent trajectories after warm-up (allowed 0): the integrator could not follow the target's "
                                + "curvature") && m.contains("maxDivergences")))));
        run(Cliffs.class, Map.of("probe.maxDivergences", "1000")).testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
    }

    @ProbeSettings(sampler = SamplerKind.HMC, chains = 8, warmup = 200, draws = 200, seed = "11", maxRhat = 10,
            minAttainedEss = 1, maxDivergences = 1000)
    static class CliffsAsserted {
        @ProbedModel static final Classifier MODEL = Cliffs.MODEL;
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {
            assertThat(answer).isConverged(10, 1);
        }
    }

    @Test
    void isConvergedAlsoRefusesChainsWithDivergencesAfterWarmup() {
        run(CliffsAsserted.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(AssertionError.class), message(m -> m.contains("expected converged chains (max R-hat <= 10.000, "
                        + "min bulk ESS >= 1, no divergence after warm-up), but max R-hat is ") && m.contains(
                        " divergent trajectories after warm-up")))));
    }

    @Test
    void notSampledCanAbortInsteadOfFailAndTheReasonIsTheSkipMessage() {
        EngineExecutionResults events = run(Unreachable.class, Map.of("probe.notSampled", "abort", "probe.only", "2"));
        events.testEvents().assertStatistics(s -> s.aborted(1).failed(0));
        events.testEvents().assertThatEvents().haveExactly(1, event(test(), abortedWithReason(message(m -> m.startsWith(
                "Could not sample the target of probe 'high confidence: class 2'")))));
    }

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 10, seed = "9")
    static class Flat {
        @ProbedModel static final Classifier MODEL = Fixtures.constant();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void aModelWhoseOutputsDoNotMoveIsCalledProbablyMisdeclaredNotUnreachable() {
        EngineExecutionResults events = run(Flat.class, Map.of());
        events.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(ProbeNotSampledException.class), message(m -> m.contains("The model is probably misdeclared: over "
                        + "all 40 samples no output of 'flat' moves by 0.020 or more (the widest, output 0, by 0.00; over 64 prior draws by "
                        + "0.00), so no "
                        + "input moves it toward the target.")
                        && m.contains("probabilities declared as logits") && !m.contains("unreachable")))));
    }

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 10, seed = "9")
    static class ConfidentEverywhere {
        /** Ignores its input, confident of class 0 (logits 4, 0, 0: p = 0.965): a robust model on a generator without 1. */
        @ProbedModel static final Classifier MODEL = Classifier.fromLogits(dev.probe.core.model.DjlBlockFunction.of(
                Fixtures.linear("confident-flat", new double[][] {{0, 0}, {0, 0}, {0, 0}}, new double[] {4, 0, 0}),
                new ai.djl.ndarray.types.Shape(2)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 1)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void aModelConfidentOfOneClassEverywhereIsUnreachableNotMisdeclared() {
        // a new user's robust model, 0.982 everywhere on a generator without the asked class, was told to check its
        // declaration (a softmax applied twice gives at most 0.73)
        EngineExecutionResults events = run(ConfidentEverywhere.class, Map.of());
        events.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(ProbeNotSampledException.class), message(m -> m.contains("The target is unreachable")
                        && m.contains("'confident-flat' is saturated (its top probability is at least 0.964 everywhere "
                                + "the samples went")
                        && m.contains("check that it reads its input") && !m.contains("misdeclared")))));
    }

    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 40, draws = 10, seed = "9")
    static class ConstantButUneven {
        /** Ignores its input: always (0.87, 0.09, 0.04). Its outputs differ from each other, but none moves. */
        @ProbedModel static final Classifier MODEL = Classifier.fromProbabilities(dev.probe.core.model.BlackBoxFunction.of(
                "ignores-input", 2, 3, rows -> java.util.Arrays.stream(rows).map(r -> new double[] {0.87, 0.09, 0.04})
                        .toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 1)
        void confident(ProbeAnswer answer) {}
    }

    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 40, draws = 10, seed = "9")
    static class Saturated {
        /** Certain of class 0 wherever the samples go (a generator far from the training data): saturated, not misdeclared. */
        @ProbedModel static final Classifier MODEL = Classifier.fromProbabilities(dev.probe.core.model.BlackBoxFunction.of(
                "saturated", 2, 3, rows -> java.util.Arrays.stream(rows).map(r -> new double[] {0.9995, 0.0004, 0.0001})
                        .toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 1)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void aSaturatedModelIsUnreachableNotMisdeclared() {
        EngineExecutionResults events = run(Saturated.class, Map.of());
        events.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(ProbeNotSampledException.class), message(m -> m.contains("The target is unreachable")
                        && m.contains("'saturated' is saturated") && !m.contains("misdeclared")))));
    }

    /**
     * A black box without gradients whose outputs do not move (they differ from each other, but none changes) is a
     * model out of reach within the bounds first, a suspect declaration second: a lender's tree that approves only
     * above the space's income bound, with 0.95/0.05 leaves, was headlined "probably misdeclared".
     */
    @Test
    void aBlackBoxThatGivesOneAnswerEverywhereIsOutOfReachAndTheMessageSaysWhatElseToCheck() {
        EngineExecutionResults events = run(ConstantButUneven.class, Map.of());
        events.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(ProbeNotSampledException.class), message(m -> m.contains("Over all 40 samples and 64 prior "
                        + "draws no output of 'ignores-input' moves by 0.020 or more (outputs (0.870, 0.090, 0.040)): within "
                        + "the space's bounds this model gives one answer everywhere the draws went")
                        && m.contains("the target is out of reach in this space as far as these draws see (a region rarer than they find "
                                + "may still reach it), and that is the answer")
                        && m.contains("that it reads its input") && !m.contains("misdeclared")))));
    }

    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 60, draws = 10, seed = "9")
    static class Plateau {
        /**
         * A piecewise-constant black box (a tree with two leaves): class 2 gets at most 0.55, on the leaf x0 > -2
         * that covers most of the box; the chains all end on it, where no output moves.
         */
        @ProbedModel static final Classifier MODEL = Classifier.fromProbabilities(dev.probe.core.model.BlackBoxFunction.of(
                "tree", 2, 3, rows -> java.util.Arrays.stream(rows).map(r -> r[0] > -2 ? new double[] {0.30, 0.15, 0.55}
                        : new double[] {0.95, 0.05, 0.0}).toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 2)
        void confident(ProbeAnswer answer) {}

        @ProbeHighConfidence(classes = 2)
        @ProbeSettings(sampler = SamplerKind.HMC)
        void byHmc(ProbeAnswer answer) {}
    }

    @Test
    void samplesOnOnePlateauOfAPiecewiseConstantModelAreUnreachableNotMisdeclared() {
        EngineExecutionResults events = run(Plateau.class, Map.of());
        events.testEvents().assertThatEvents().haveExactly(1, event(test("confident"), finishedWithFailure(
                instanceOf(ProbeNotSampledException.class), message(m -> m.contains("Over all 40 samples no output of "
                        + "'tree' moves by 0.020 or more (outputs (0.300, 0.150, 0.550)), though over 64 prior draws they "
                        + "move by up to 0.650: the samples sit on one plateau of the model")
                        && m.contains("The target is unreachable within this budget") && !m.contains("misdeclared")
                        // no leaf of the tree comes nearer than 0.45: the pool's draws say so, and what tolerance works
                        && m.matches("(?s).*None of the prior pool's \\d+ draws came nearer the target than these "
                                + "samples \\(the pool's closest 0\\.450\\): a model whose outputs are piecewise constant.*")
                        && m.contains("a tolerance of at least 0.450 samples the nearest it comes")
                        // every sample is on the leaf: the nearest tolerance attains all of them, nothing more to advise
                        && !m.contains("too few to judge on")))));
        // a gradient sampler on a model without gradients: the setting is named, with the ones that work
        events.testEvents().assertThatEvents().haveExactly(1, event(test("byHmc"), finishedWithFailure(
                instanceOf(IllegalArgumentException.class), message(m -> m.startsWith("sampler = HMC moves chains with "
                        + "gradients, but this probe's pipeline") && m.contains("Set sampler = MH or SMOOTHED_MALA")))));
    }

    /**
     * A differentiable model whose class 2 gets at most 1/3 (logits 3x₀, −3x₀, 0): populations moved by MALA come no
     * nearer to "certain of class 2" than the prior pool's draws, 2/3 away.
     */
    @ProbeSettings(chains = 4, warmup = 40, draws = 20, seed = "9")
    static class CappedSmoothly {
        @ProbedModel static final Classifier MODEL = Classifier.fromLogits(dev.probe.core.model.DjlBlockFunction.of(
                Fixtures.linear("capped", new double[][] {{3, 0}, {-3, 0}, {0, 0}}, new double[] {0, 0, 0}),
                new ai.djl.ndarray.types.Shape(2)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 2)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void gradientPopulationsNoNearerThanThePoolAreToldTheTargetMayBeOutOfReachNotToGiveMoreBudget() {
        // a new user's class held at 1/3 by the model, probed by populations moved by gradients: "Give the sampler more
        // budget (particles per population, or a larger prior pool)" first, and nothing of the pool
        run(CappedSmoothly.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(),
                finishedWithFailure(instanceOf(ProbeNotSampledException.class), message(m -> m.contains("Relax the question (")
                        && m.contains("more budget (") && m.contains("helps only as the prior pool's line below says")
                        && m.matches("(?s).*None of the prior pool's \\d+ draws came nearer the target than these samples "
                                + "\\(the pool's closest 0\\.667\\), though gradient moves carried the samples toward the "
                                + "target from those draws: a model that caps an output or holds it fixed.*")
                        && m.contains("a tolerance of at least 0.667 samples the nearest it comes")
                        && !m.contains("Give the sampler more budget")))));
    }

    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 60, draws = 10, seed = "9")
    static class NeverPredicted {
        /**
         * A smooth black box that gives class 2 next to nothing anywhere (p₂ = 2·10⁻⁵, as a softmax's tiny share: the
         * closest distance 0.99998 rounded up to "a tolerance of at least 1.00", which is refused), while classes 0 and
         * 1 move.
         */
        @ProbedModel static final Classifier MODEL = Classifier.fromProbabilities(dev.probe.core.model.BlackBoxFunction.of(
                "never-two", 2, 3, rows -> java.util.Arrays.stream(rows).map(r -> {
                    double p0 = (1 - 2e-5) / (1 + Math.exp(-r[0]));
                    return new double[] {p0, 1 - 2e-5 - p0, 2e-5};
                }).toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 2)
        void confident(ProbeAnswer answer) {}
    }

    /**
     * A model whose probabilities lie within a factor e of each other everywhere but in a corner of 1 in 10,000 of the
     * box, where it is certain: the pool's draws that meet the target disprove a sigmoid's cap, which is not stated.
     */
    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 50, draws = 50, seed = "9")
    static class RareCorner {
        @ProbedModel static final Classifier MODEL = Classifier.fromLogits(dev.probe.core.model.BlackBoxFunction.of(
                "corner", 2, 3, rows -> java.util.Arrays.stream(rows).map(x -> new double[] {x[0] > 0.99 && x[1] > 0.99
                        ? 10 : 0.5 * (x[0] + x[1]), 0, 0}).toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = InputSpace.box(new double[] {0, 0}, new double[] {1, 1});

        @ProbeHighConfidence(classes = 0, tolerance = 0.01)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void aTargetThePoolMeetsIsNotSaidToBeCappedBySquashedLogits() {
        // "softmax over them caps the top probability at e/(e + 2) = 0.576" beside "5 of the prior pool's draws meet
        // the target": a new user would have re-exported a right model
        run(RareCorner.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(ProbeNotSampledException.class), message(m -> m.matches("(?s).*Yet \\d+ of the prior pool's "
                        + "\\d+ draws meets? the target.*") && !m.contains("caps the top probability")))));
    }

    /**
     * A class the model never predicts: every draw is at the largest distance the question allows, and the message says
     * so instead of naming a tolerance that would be refused (a new user's "a tolerance of at least 1.00 samples the
     * nearest it comes", and "relax the question (…, or a larger tolerance)").
     */
    @Test
    void aClassTheModelNeverPredictsIsNotOfferedATolerance() {
        EngineExecutionResults events = run(NeverPredicted.class, Map.of());
        events.testEvents().assertThatEvents().haveExactly(1, event(test("confident"), finishedWithFailure(
                instanceOf(ProbeNotSampledException.class), message(m -> m.contains("Every sample is at the largest "
                        + "distance the question allows (1.00): wherever they went, 'never-two' is as far from the target as "
                        + "any output can be")
                        && m.contains("no tolerance relaxes this")
                        && m.contains("the samples and the pool's draws are all at the largest distance the question "
                                + "allows (1.00)")
                        && !m.contains("a tolerance of at least") && !m.contains("a larger tolerance")))));
    }

    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 200, draws = 10, seed = "9")
    static class BestAtTheBound {
        /** A smooth black box whose class 2 rises to about 0.538 at the box's bound x0 = 3, and nowhere higher. */
        @ProbedModel static final Classifier MODEL = Classifier.fromProbabilities(dev.probe.core.model.BlackBoxFunction.of(
                "rising", 2, 3, rows -> java.util.Arrays.stream(rows).map(r -> {
                    double p2 = 0.3 + 0.25 / (1 + Math.exp(-r[0]));
                    return new double[] {(1 - p2) / 2, (1 - p2) / 2, p2};
                }).toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 2)
        void confident(ProbeAnswer answer) {}
    }

    /**
     * Samples that came within 1% of the pool's closest draw found its best region: "the sampler did not find the
     * pool's best region; more budget is the lever" was said of samples 3·10⁻⁶ short of it (a new user's generator that
     * cannot draw the class, both at its best).
     */
    @Test
    void samplesAsNearAsThePoolsBestAreNotToldToTakeMoreBudget() {
        EngineExecutionResults events = run(BestAtTheBound.class, Map.of());
        events.testEvents().assertThatEvents().haveExactly(1, event(test("confident"), finishedWithFailure(
                instanceOf(ProbeNotSampledException.class), message(m -> m.matches("(?s).*closest 0\\.46\\d*\\).*")
                        && m.matches("(?s).*None of the prior pool's \\d+ draws came nearer the target than these samples "
                                + "\\(the pool's closest 0\\.46\\d\\).*")
                        && !m.contains("more budget is the lever")
                        // no "Give the sampler more budget" first, which the pool's line then contradicted (a new user's)
                        && !m.contains("Give the sampler more budget")
                        && m.contains("a tolerance of at least 0.46")))));
    }

    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 200, draws = 10, seed = "9")
    static class LinearToTheBound {
        /**
         * Class 2's probability rises linearly to 0.55 at the box's bound x0 = 3; classes 0 and 1 share the rest as x1
         * says, so the outputs move wherever the samples go.
         */
        @ProbedModel static final Classifier MODEL = Classifier.fromProbabilities(dev.probe.core.model.BlackBoxFunction.of(
                "linear", 2, 3, rows -> java.util.Arrays.stream(rows).map(r -> {
                    double p2 = 0.4 + 0.05 * r[0];
                    double s = 1 / (1 + Math.exp(-r[1]));
                    return new double[] {(1 - p2) * s, (1 - p2) * (1 - s), p2};
                }).toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 2)
        void confident(ProbeAnswer answer) {}
    }

    /**
     * Outputs that move where the samples went, the pool's draws no nearer: the message does not open with "give the
     * sampler more budget", which the pool's line after it contradicted (a new user's model capped at p 0.7).
     */
    @Test
    void anOutOfReachTargetThatThePoolConfirmsIsNotFirstToldToTakeMoreBudget() {
        EngineExecutionResults events = run(LinearToTheBound.class, Map.of());
        events.testEvents().assertThatEvents().haveExactly(1, event(test("confident"), finishedWithFailure(
                instanceOf(ProbeNotSampledException.class), message(m -> m.contains("Relax the question (a larger sigma, "
                        + "or a larger tolerance), or use a generator that can reach the target; more budget (")
                        && m.contains("helps only as the prior pool's line below says")
                        && !m.contains("Give the sampler more budget")
                        && m.matches("(?s).*None of the prior pool's \\d+ draws came nearer the target than these samples.*")))));
    }

    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 60, draws = 10, seed = "9")
    static class RobustToAdversaries {
        /** Certain of class 2 only where x0 > 2; elsewhere class 2 gets 0.3. */
        @ProbedModel static final Classifier MODEL = Classifier.fromProbabilities(dev.probe.core.model.BlackBoxFunction.of(
                "robust", 2, 3, rows -> java.util.Arrays.stream(rows).map(r -> r[0] > 2 ? new double[] {0.03, 0.02, 0.95}
                        : new double[] {0.4, 0.3, 0.3}).toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = Fixtures.box();
        /** A generator that cannot draw a 2 (x0 ≤ 1): the model calls none of its inputs a 2. */
        @Generator(excludes = 2) static final SampleSpace WITHOUT_TWO = InputSpace.box(new double[] {-3, -3},
                new double[] {1, 3});

        @dev.probe.junit.annotations.InDistributionAdversarial(classes = 2)
        void fooled(ProbeAnswer answer) {}

        /** As advised: skipped, not failed, in a run whose configuration fails not-sampled probes. */
        @dev.probe.junit.annotations.InDistributionAdversarial(classes = 2)
        @ProbeSettings(notSampled = "abort")
        void fooledAborted(ProbeAnswer answer) {}

        @dev.probe.junit.annotations.InDistributionAdversarial(classes = 2)
        @ProbeSettings(notSampled = "never")
        void fooledMisconfigured(ProbeAnswer answer) {}

        /** A generator of novel classes (here the same region): none of its inputs should be called a 2 either. */
        @Generator("novel") static final SampleSpace NOVEL = InputSpace.box(new double[] {-3, -3}, new double[] {1, 3});

        @dev.probe.junit.annotations.NovelClassExtrapolation(generator = "novel", classes = 2)
        void novel(ProbeAnswer answer) {}
    }

    /**
     * An in-distribution adversarial probe that finds none on a generator declared without the class is told that this
     * is the answer it looks for and how to let it pass, not to change the generator or relax the question (a new
     * user's robust model was advised both, and a tolerance that would have counted p 0.62 as certain).
     */
    @Test
    void anAdversarialProbeThatFindsNoneIsToldThatThisIsItsAnswer() {
        EngineExecutionResults events = run(RobustToAdversaries.class, Map.of("probe.notSampled", "fail"));
        events.testEvents().assertThatEvents().haveExactly(1, event(test("fooled"), finishedWithFailure(
                instanceOf(ProbeNotSampledException.class), message(m -> m.contains("The generator draws no input of the "
                        + "class this question asks the model to be certain of (it is declared without it, @Generator("
                        + "excludes = …), or draws novel classes), and none of its 40 samples nor of the prior pool's")
                        && m.contains("put @ProbeSettings(notSampled = \"abort\") on this probe")
                        && m.contains("levelSetMass") && !m.contains("use a generator that can reach the target")
                        && !m.contains("a tolerance of at least")))))
                .haveExactly(1, event(test("novel"), finishedWithFailure(instanceOf(ProbeNotSampledException.class),
                        message(m -> m.contains("The generator draws no input of the class this question asks the model to "
                                + "be certain of") && !m.contains("use a generator that can reach the target")))))
                // the probe's own policy beats the run's (probe.notSampled = fail here)
                .haveExactly(1, event(test("fooledAborted"), abortedWithReason(instanceOf(
                        org.opentest4j.TestAbortedException.class), message(m -> m.contains("It is skipped, not failed "
                        + "(notSampled = abort)") && !m.contains("put @ProbeSettings")))));
        events.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains(
                        "Probe setting 'notSampled' (from @ProbeSettings on RobustToAdversaries#fooledMisconfigured) is "
                                + "invalid: \"never\"; expected fail or abort.")))));
    }

    @Test
    void anAdvisedToleranceIsRoundedUpSoThatItAttainsTheNearestSample() {
        // "a tolerance of at least 0.300" did not attain a nearest sample at 0.300005 (a new user's)
        org.assertj.core.api.Assertions.assertThat(Verdict.PoolReach.atLeast3(0.300005)).isEqualTo("0.301");
        org.assertj.core.api.Assertions.assertThat(Verdict.PoolReach.atLeast3(0.45)).isEqualTo("0.450");
        org.assertj.core.api.Assertions.assertThat(Verdict.PoolReach.atLeast3(1.2345)).isEqualTo("1.24");
    }

    /**
     * A smooth model's samples spread away from their nearest: the tolerance that attains the nearest attains it alone (a
     * new user's 1 of 1,920 at the advised 0.424), so the message says so and which tolerances would count a quarter and
     * half of the samples.
     */
    @Test
    void anAdvisedToleranceSaysHowFewSamplesItAttainsAndWhatWouldAttainMore() {
        double[] distances = java.util.stream.IntStream.range(0, 40).mapToDouble(i -> 0.424 + 0.01 * i).toArray();
        String said = new Verdict.PoolReach(1000, 0, 0.43).said(0.424, false, false, 1, distances, Double.NaN);
        org.assertj.core.api.Assertions.assertThat(said).contains("a tolerance of at least 0.424 samples the nearest it "
                + "comes (1 of these 40 samples, too few to judge on: a tolerance of at least 0.514 would count 10 of them, "
                + "0.614 20, if the question still asks what you need at that distance; a re-run with another seed draws "
                + "other samples, so its counts differ by chance).");
        // a spread narrower than three digits resolve: rounded up by at most a tenth of it (a new user's quarter at
        // 0.1532 read "0.154", which counted a third of the samples)
        double[] narrow = java.util.stream.IntStream.range(0, 80).mapToDouble(i -> 0.15215 + 0.0001 * i).toArray();
        org.assertj.core.api.Assertions.assertThat(new Verdict.PoolReach(1000, 0, 0.16).said(0.15215, false, false, 1,
                narrow, Double.NaN)).contains("(9 of these 80 samples, too few to judge on: a tolerance of at least 0.1541 would count "
                        + "20 of them, 0.1561 40,");
        // samples a quarter of which are at their nearest already: nothing more to say
        double[] clustered = java.util.stream.IntStream.range(0, 40).mapToDouble(i -> i < 10 ? 0.424 : 0.6).toArray();
        org.assertj.core.api.Assertions.assertThat(new Verdict.PoolReach(1000, 0, 0.43).said(0.424, false, false, 1, clustered, Double.NaN))
                .contains("samples the nearest it comes.").doesNotContain("too few to judge on");
    }

    /**
     * The pool's best of many prior draws is nearer than the best of a few hundred samples of a broad relaxed target:
     * by chance when the target holds little there for the samples' effective number, a missed region when it holds
     * enough (a new user's 0.0358 against 0.0376 at σ = 0.05 was told "more budget is the lever").
     */
    @Test
    void aPoolThatCameNearerOnlyByChanceIsNotReadAsARegionTheSamplerMissed() {
        double[] distances = new double[1000];
        double[] energies = new double[1000];
        distances[0] = 0.0358;
        for (int i = 1; i < distances.length; i++) {
            distances[i] = 0.05 + 0.95 * i / distances.length;
        }
        for (int i = 0; i < distances.length; i++) {
            energies[i] = distances[i] * distances[i] / (2 * 0.05 * 0.05);
        }
        Verdict.PoolReach reach = new Verdict.PoolReach(1000, 0, 0.0358, distances, energies);
        double share = reach.targetShareNearerThan(0.0376);
        org.assertj.core.api.Assertions.assertThat(share).isBetween(0.01, 0.1);
        double[] samples = java.util.stream.IntStream.range(0, 40).mapToDouble(i -> 0.0376 + 0.0005 * i).toArray();
        // 20 effective samples would visit that sliver fewer than 3 times: chance, and the nearest tolerance advised
        org.assertj.core.api.Assertions.assertThat(reach.said(0.0376, false, true, 1, samples, 20))
                .contains("The prior pool's closest draw (0.0358) is nearer than these samples came, but its draws "
                        + "weighted toward the target put only")
                .containsPattern("which 20 effective samples would visit about [0-9.]+ times: too few to read as a region "
                        + "the sampler missed")
                .contains("may come no nearer than 0.0358 anywhere in this space")
                .contains("a tolerance of at least 0.0376 samples the nearest it comes")
                .doesNotContain("more budget is the lever");
        // nearer by less than 1% and no weights to judge by: not "none came nearer" as printed (a new user's 0.0357
        // against 0.0360)
        org.assertj.core.api.Assertions.assertThat(new Verdict.PoolReach(1000, 0, 0.0357).said(0.0360, false, true, 1,
                samples, 20)).contains("None of the prior pool's 1000 draws came nearer the target than these samples by "
                + "1% or more (the pool's closest 0.0357, theirs 0.0360)");
        // 2,000 effective samples would have visited it often: the sampler missed it
        org.assertj.core.api.Assertions.assertThat(reach.said(0.0376, false, true, 1, samples, 2000))
                .contains("its closest (0.0358) is nearer than the samples came, and its draws weighted toward the "
                        + "target put")
                .contains("the sampler did not find the pool's best region; more budget is the lever");
    }

    @Test
    void aLowerBoundOfMassIsRoundedSoThatItStaysALowerBound() {
        // e^-18.434 = 9.86e-9, about 1 in 101 million: "at least 1 in 100,000,000" overstated it
        org.assertj.core.api.Assertions.assertThat(Verdict.atLeast(-18.434)).isEqualTo("1 in 110,000,000");
        org.assertj.core.api.Assertions.assertThat(Verdict.atLeast(Math.log(1.0 / 3000))).isEqualTo("1 in 3,000");
        org.assertj.core.api.Assertions.assertThat(Verdict.atLeast(-200)).isEqualTo("1 in 7.3 × 10^86");
        org.assertj.core.api.Assertions.assertThat(Verdict.atLeast(Math.log(0.736))).isEqualTo("73% of the prior");
        for (double logZ = -0.5; logZ > -60; logZ -= 0.37) {
            String s = Verdict.atLeast(logZ);
            double stated = s.endsWith("% of the prior") ? Double.parseDouble(s.replace("% of the prior", "")) / 100
                    : s.contains("×") ? 1 / (Double.parseDouble(s.substring(5, s.indexOf(' ', 5)))
                            * Math.pow(10, Integer.parseInt(s.substring(s.indexOf('^') + 1))))
                    : 1 / Double.parseDouble(s.substring(5).replace(",", ""));
            org.assertj.core.api.Assertions.assertThat(Math.log(stated)).as(s).isLessThanOrEqualTo(logZ + 1e-12)
                    .isGreaterThan(logZ - 0.1);
        }
    }

    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 60, draws = 10, seed = "9")
    static class SmallLeaf {
        /**
         * The same tree with a third leaf, x0 > 2.7 and x1 > 2.7 (0.25% of the box), where class 2 gets 0.95: the
         * chains never find it, some of the prior pool's draws do.
         */
        @ProbedModel static final Classifier MODEL = Classifier.fromProbabilities(dev.probe.core.model.BlackBoxFunction.of(
                "tree", 2, 3, rows -> java.util.Arrays.stream(rows).map(r -> r[0] > 2.7 && r[1] > 2.7
                        ? new double[] {0.03, 0.02, 0.95} : r[0] > -2 ? new double[] {0.30, 0.15, 0.55}
                        : new double[] {0.95, 0.05, 0.0}).toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 2)
        void confident(ProbeAnswer answer) {}
    }

    /**
     * A target that some of the prior pool's draws meet is reachable, whatever the sampler's samples show: a new user's
     * tree whose leaves never reach the target and a tree whose small leaf the chains missed were both told "unreachable
     * within this budget, or not at all".
     */
    @Test
    void thePriorPoolSaysWhetherAPiecewiseConstantModelCanReachTheTarget() {
        EngineExecutionResults events = run(SmallLeaf.class, Map.of());
        events.testEvents().assertThatEvents().haveExactly(1, event(test("confident"), finishedWithFailure(
                instanceOf(ProbeNotSampledException.class), message(m -> m.contains("none found the region that meets "
                        + "the target")
                        && m.matches("(?s).*Yet \\d+ of the prior pool's \\d+ draws meets? the target \\(about 1 in "
                                + "[0-9,]+ of the prior\\): it is reachable in this space, and the sampler did not get "
                                + "there; more budget is the lever.*")
                        // not contradicted before (a new user's message said "out of reach" and then "reachable")
                        && !m.contains("unreachable") && !m.contains("out of reach")
                        && !m.contains("None of the prior pool")))));
    }

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 8, warmup = 80, draws = 20, seed = "3")
    static class ShortChains {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        @ProbeGate(minSampled = 1)
        void confident(ProbeAnswer answer) {
            throw new AssertionError("not judged: the chains did not converge");
        }
    }

    /** 5 draws per chain: too few for split R-hat to tell slow mixing from chains stuck apart. */
    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 10, draws = 5, seed = "3")
    static class FewDraws {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void chainsOfAFewDrawsAreToldToDrawLongerBeforeBeingToldTheyAreStuck() {
        // a new user's 5 draws per chain read "those never agree however long they run"; 150 draws brought R-hat from
        // 1.59 to 1.09
        run(FewDraws.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(ProbeNotConvergedException.class), message(m -> m.contains("over 5 draws per chain: too few "
                        + "to tell chains that mix slowly (which agree with longer chains: draws) from chains stuck")
                        && m.contains("budget: 5 draws per chain are too few to tell chains that mix slowly from chains "
                                + "that never will")
                        && m.contains("draw at least 100 per chain first")
                        && !m.contains("never agree however long they run")
                        && !m.contains("more draws alone do not")))));
    }

    /** Chains with effective attained samples enough and an R-hat bound they cannot meet at this length. */
    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 80, draws = 40, seed = "3", maxRhat = 1.001,
            minAttainedEss = 1)
    static class RhatAlone {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void chainsShortOfRhatAloneAreToldTheDrawsThatWouldBringItDownIfTheyMix() {
        // a new user's 64-d chains at R-hat 1.066 with samples enough got no number of draws, and at R-hat 1.26 were
        // told they were stuck: 5x the draws converged them
        run(RhatAlone.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(ProbeNotConvergedException.class), message(m -> m.matches("(?s).*budget: the effective attained "
                        + "samples suffice and R-hat fails; if the chains mix slowly, R-hat² − 1 falls about as 1/draws, so "
                        + "about draws=\\d+ per chain \\(x[0-9.]+ of draws=40\\) would bring it to 1\\.001: a lower "
                        + "bound, and none for chains stuck apart \\(below\\).*")
                        && m.contains("or as chains that mix very slowly do (in many dimensions")))));
    }

    /** {@link ShortChains} with R-hat up to 2 allowed (about 2.0 measured): short of effective samples only. */
    @ProbeSettings(sampler = SamplerKind.MALA, chains = 8, warmup = 80, draws = 20, seed = "3", maxRhat = 2)
    static class ShortChainsAllowedToDisagree {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    /** Class 0's level set of a linear model over an unbounded flat prior: an infinite region the chains drift along. */
    @ProbeSettings(sampler = SamplerKind.MALA, chains = 8, warmup = 80, draws = 20, seed = "3")
    static class Unbounded {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace PLANE = dev.probe.core.space.InputSpace.builder(2).build();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void chainsThatDisagreeOverASpaceWithoutAProperPriorAreToldToBoundIt() {
        run(Unbounded.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(ProbeNotConvergedException.class), message(m -> m.contains("the chains disagree")
                        && m.contains("the space has no proper prior (a coordinate unbounded under a flat prior)")
                        && m.contains("bound every coordinate (InputSpace bounds)")))));
        // a bounded space's message does not say so
        run(ShortChains.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                message(m -> !m.contains("no proper prior")))));
    }

    @Test
    void unconvergedChainsAreAThirdOutcomeWithTheirNumbersAndTheBudgetTheyWouldNeed() {
        EngineExecutionResults events = run(ShortChains.class, Map.of());
        events.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                instanceOf(ProbeNotConvergedException.class), message(m -> m.startsWith(
                        "Probe 'high confidence: class 0' (ShortChains#confident) did not converge: no verdict on the model from this evidence.\nattained: ")
                        && m.contains("effective attained samples") && m.contains("(needed 100)")
                        && m.contains("(needed <= 1.050)")
                        // R-hat about 2: a projection from chains that do not mix did not hold when a new user followed it
                        && m.contains("budget: the chains do not mix yet (R-hat ") && !m.contains("budget: about draws=")
                        && m.contains("make them agree first (below); more draws alone do not")
                        // the R-hat line agrees: at R-hat about 2 it does not advise longer chains first
                        && m.contains("the chains disagree by more than twice the allowed excess")
                        && !m.contains("the chains disagree: chains that mix slowly agree with more draws")
                        && (m.contains("once they agree expect to need at least x") || m.contains("may be enough"))
                        && m.contains("re-run: " + RERUN)))));
        // chains whose R-hat is within twice the allowed excess are given the projection
        run(ShortChainsAllowedToDisagree.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(),
                finishedWithFailure(instanceOf(ProbeNotConvergedException.class), message(m -> m.contains(
                        "budget: about draws=") && m.contains("would give 100 effective attained samples if the chains mix")
                        && !m.contains("do not mix yet")))));
        events.containerEvents().assertThatEvents().haveExactly(1, event(container(), finishedWithFailure(message(m -> m.startsWith(
                "Probe gate of ShortChains#confident failed: 0 of 1 invocations sampled their target (enough effective attained samples: minAttainedEss), 0 passed (gate: sampled >= 1)."
                        + "\n  not converged (1): 0 (max R-hat ") && m.contains(" effective attained samples < 100)\n")))));
        EngineExecutionResults aborted = run(ShortChains.class, Map.of("probe.notConverged", "abort"));
        aborted.testEvents().assertStatistics(s -> s.aborted(1).failed(0));
    }

    @Test
    void summaryCsvHasOneRowPerInvocationWithItsOutcomeAndNumbers() throws Exception {
        Path dir = Path.of("target/probe-reports-summary");
        Files.deleteIfExists(dir.resolve("summary.csv"));
        run(Unreachable.class, Map.of("probe.reportDir", dir.toString()));
        run(ShortChains.class, Map.of("probe.reportDir", dir.toString()));
        List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
        assertThat(lines.get(0)).isEqualTo("class,method,key,outcome,attainment,attained_ess,max_rhat,min_ess,log_prior_mass,"
                + "log_prior_mass_sd,wall_s,gradient_evals");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("dev.probe.junit.extension.VerdictTest$ShortChains,confident,0,not_converged,");
        // its report says which checks failed, and that its intervals assume a mixing the chains did not show (a
        // reviewer had to compare the rows with the settings, and read the attainment's interval as evidence)
        assertThat(dir.resolve("VerdictTest$ShortChains/confident/0/diagnostics.txt")).content().containsPattern(
                "outcome +not_converged: the evidence did not converge \\(max R-hat \\d\\.\\d{3} > 1\\.05; \\d+\\.\\d "
                        + "effective attained samples < 100\\); no verdict on the model, and the intervals below assume "
                        + "a mixing these draws did not show"); // chains estimate no prior mass: none is named
        // and how its effective attained samples are made, beside the attainment's own n_eff (a reviewer read two counts)
        assertThat(dir.resolve("VerdictTest$ShortChains/confident/0/diagnostics.txt")).content().containsPattern(
                "effective attained samples +\\d+\\.\\d \\(the attained draws × n_eff / n of the attainment above, n_eff at "
                        + "most the energy's ESS when fewer than 20 draws miss \\(or attain\\); the convergence check needs 100\\)");
        assertThat(lines.get(2)).startsWith("dev.probe.junit.extension.VerdictTest$Unreachable,confident,0,passed,");
        assertThat(lines.get(3)).startsWith("dev.probe.junit.extension.VerdictTest$Unreachable,confident,2,not_sampled,0,0,");
        for (String line : lines.subList(1, 4)) {
            String[] v = line.split(",", -1);
            assertThat(v).hasSize(12);
            assertThat(v[8]).isEmpty(); // no prior mass from MCMC chains
            assertThat(Double.parseDouble(v[10])).isPositive();
            assertThat(Long.parseLong(v[11])).isPositive();
        }
        // a re-run of one invocation replaces its row and keeps the others
        run(Unreachable.class, Map.of("probe.reportDir", dir.toString(), "probe.only", "0"));
        assertThat(Files.readAllLines(dir.resolve("summary.csv"))).hasSize(4);
    }

    /** Two threshold rules with 0.9/0.1 outputs: where they disagree their total variation is 0.8, never 0.9. */
    @ProbeSettings(populations = 2, particles = 64, seed = "3", tau = 0.15)
    static class TreesThatDifferByAtMostEightTenths {
        @ProbedModel("a") static final Classifier A = rule("a", 0);
        @ProbedModel("b") static final Classifier B = rule("b", 1);
        @Generator static final SampleSpace BOX = Fixtures.box();

        static Classifier rule(String name, double threshold) {
            return Classifier.fromProbabilities(dev.probe.core.model.BlackBoxFunction.of(name, 2, 2, rows ->
                    java.util.Arrays.stream(rows).map(r -> r[0] > threshold ? new double[] {0.9, 0.1}
                            : new double[] {0.1, 0.9}).toArray(double[][]::new)));
        }

        @dev.probe.junit.annotations.ProbeModelContrast(models = {"a", "b"})
        void contrast(ProbeAnswer answer) {}
    }

    /**
     * A lender's two trees with 0.9/0.1 leaves: their contrast read "unreachable within this budget … give the sampler
     * more budget", though no budget reaches a total variation of 0.9 and 79.5% of the samples were disagreements.
     */
    @Test
    void aContrastThatCannotReachItsTotalVariationSaysTheDisagreementsItSaw() {
        run(TreesThatDifferByAtMostEightTenths.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(),
                finishedWithFailure(instanceOf(ProbeNotSampledException.class), message(m -> m.matches("(?s).*Yet on "
                        + "[1-9][0-9]* of [0-9]+ samples the two models' top classes differ: such disagreements exist\\. If "
                        + "the models can never differ by the question's total variation .* a tolerance of at least 0\\.200 "
                        + "\\(the closest distance\\) samples them\\..*")))));
    }

    /** A one-vs-rest head (a sigmoid per class) declared as logits: softmax over values in [0, 1] tops out at 0.576. */
    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 40, draws = 20, seed = "7", maxRhat = 10, minAttainedEss = 1)
    static class SigmoidsDeclaredAsLogits {
        @ProbedModel static final Classifier MODEL = Classifier.fromLogits(dev.probe.core.model.BlackBoxFunction.of(
                "onevsrest", 2, 3, rows -> java.util.Arrays.stream(rows).map(x -> new double[] {sigmoid(3 * x[0]),
                        sigmoid(3 * x[1]), sigmoid(-3 * x[0] - 3 * x[1])}).toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        static double sigmoid(double v) {
            return 1 / (1 + Math.exp(-v));
        }

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    /** Two independent sigmoid labels declared as logits: "torn between 0 and 1" is reached where both are on or off. */
    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 40, draws = 20, seed = "7", maxRhat = 10, minAttainedEss = 1)
    static class MultiLabelDeclaredAsLogits {
        @ProbedModel static final Classifier MODEL = Classifier.fromLogits(dev.probe.core.model.BlackBoxFunction.of(
                "twolabels", 2, 2, rows -> java.util.Arrays.stream(rows).map(x -> new double[] {
                        SigmoidsDeclaredAsLogits.sigmoid(10 * x[0] - 5), SigmoidsDeclaredAsLogits.sigmoid(10 * x[1] - 5)})
                        .toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = InputSpace.box(new double[] {0, 0}, new double[] {1, 1});

        @ProbeAmbivalent(pairs = "0:1", tolerance = 0.1)
        void torn(ProbeAnswer answer) {}
    }

    /** The same probe of right logits: no note (evidence rules off: its chains, on a thin diagonal, reach R-hat 10). */
    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 40, draws = 20, seed = "7", maxRhat = 1000, minAttainedEss = 1)
    static class ExclusiveClassesDeclaredAsLogits {
        @ProbedModel static final Classifier MODEL = Classifier.fromLogits(dev.probe.core.model.BlackBoxFunction.of(
                "exclusive", 2, 2, rows -> java.util.Arrays.stream(rows).map(x -> new double[] {8 * x[0] - 4,
                        8 * x[1] - 4}).toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = InputSpace.box(new double[] {0, 0}, new double[] {1, 1});

        @ProbeAmbivalent(pairs = "0:1", tolerance = 0.1)
        void torn(ProbeAnswer answer) {}
    }

    /**
     * A contrast of right logits and a sigmoid head declared as logits, the sigmoid one second: the models "disagree"
     * only because of the declaration (a new user's two exports of one network passed with no word).
     */
    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 40, draws = 20, seed = "7", maxRhat = 1000, minAttainedEss = 1)
    static class SigmoidHeadSecondInAContrast {
        @ProbedModel static final Classifier exclusive = ExclusiveClassesDeclaredAsLogits.MODEL;
        @ProbedModel static final Classifier twolabels = MultiLabelDeclaredAsLogits.MODEL;
        @Generator static final SampleSpace BOX = InputSpace.box(new double[] {0, 0}, new double[] {1, 1});

        @ProbeModelContrast(models = {"exclusive", "twolabels"}, tolerance = 0.8)
        void differ(ProbeAnswer answer) {}
    }

    /** The same contrast asked for outputs further apart than the sigmoid head can give: not sampled. */
    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 40, draws = 20, seed = "7", maxRhat = 1000, minAttainedEss = 1)
    static class SigmoidHeadSecondNotSampled {
        @ProbedModel static final Classifier exclusive = ExclusiveClassesDeclaredAsLogits.MODEL;
        @ProbedModel static final Classifier twolabels = MultiLabelDeclaredAsLogits.MODEL;
        @Generator static final SampleSpace BOX = InputSpace.box(new double[] {0, 0}, new double[] {1, 1});

        @ProbeModelContrast(models = {"exclusive", "twolabels"}, tolerance = 0.01)
        void differ(ProbeAnswer answer) {}
    }

    @Test
    void aSigmoidHeadDeclaredAsLogitsIsNotedWhereverItStandsInAContrast() {
        EngineExecutionResults events = run(SigmoidHeadSecondInAContrast.class, Map.of());
        events.testEvents().assertStatistics(s -> s.succeeded(1).failed(0).aborted(0));
        assertThat(Fixtures.reportEntries(events, "probe")).filteredOn(e -> e.contains("sigmoid")).singleElement()
                .asString().startsWith("note: at every sample and at 64 prior draws the outputs of 'twolabels', declared "
                        + "as logits, lie within 1 of each other");
        // and where the contrast is not sampled: its reason spoke of the judged (first) model alone (a new user's)
        EngineExecutionResults tight = run(SigmoidHeadSecondNotSampled.class, Map.of());
        // and says so in its own message (what a dashboard shows), before its settings
        tight.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(instanceOf(
                ProbeNotSampledException.class), message(m -> m.split("\n")[0].contains("Check this first: at every sample "
                        + "and at 64 prior draws the outputs of 'twolabels', declared as logits")))));
        assertThat(Fixtures.reportEntries(tight, "probe")).noneMatch(e -> e.startsWith("note: at every sample"));
    }

    @Test
    void aMultiLabelHeadDeclaredAsLogitsThatReachesItsTargetPrintsANote() {
        // a new user's two sigmoid labels passed "ambivalent 0:1" silently: 96 of 160 samples had both labels on or off
        EngineExecutionResults events = run(MultiLabelDeclaredAsLogits.class, Map.of());
        events.testEvents().assertStatistics(s -> s.succeeded(1).failed(0).aborted(0));
        assertThat(Fixtures.reportEntries(events, "probe")).filteredOn(e -> !e.startsWith("note: 4 chains"))
                .singleElement().asString()
                .startsWith("note: at every sample and at 64 prior draws the outputs of 'twolabels', declared as logits, lie "
                        + "within 1 of each other, as a sigmoid per label's do (softmax over them never gives a class more than "
                        + "e/(e + 1) = 0.731 there). If its labels can be on together (a multi-label head)")
                .contains("wrap the model with Regressor.of(...)");
        EngineExecutionResults exclusive = run(ExclusiveClassesDeclaredAsLogits.class, Map.of());
        exclusive.testEvents().assertStatistics(s -> s.succeeded(1).failed(0).aborted(0));
        assertThat(Fixtures.reportEntries(exclusive, "probe")).noneMatch(e -> e.contains("sigmoid"));
    }

    /** A rule set's hard labels asked for uncertainty: certain at every sample, on both sides of its rule. */
    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 40, draws = 20, seed = "7", maxRhat = 10, minAttainedEss = 1,
            tau = 0.1)
    static class HardLabelsAskedForUncertainty {
        @ProbedModel static final Classifier MODEL = Classifier.fromProbabilities(dev.probe.core.model.BlackBoxFunction.of(
                "rules", 2, 2, rows -> java.util.Arrays.stream(rows).map(x -> x[0] > 0.5 ? new double[] {0, 1}
                        : new double[] {1, 0}).toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = InputSpace.box(new double[] {0, 0}, new double[] {1, 1});

        @dev.probe.junit.annotations.ProbeRisky
        void risky(ProbeAnswer answer) {}
    }

    @Test
    void hardLabelsAskedForUncertaintyAreNamedAsSaturatedAndOnlyTheProbesOwnRelaxationIsAdvised() {
        // a new user's rule set read "relax the question (sigma or tau, tolerance)", and sigma is refused on @ProbeRisky
        run(HardLabelsAskedForUncertainty.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(),
                finishedWithFailure(instanceOf(ProbeNotSampledException.class), message(m -> m.contains("'rules' is "
                        + "saturated: its top probability is at least 0.99 at every sample, though its top class changes "
                        + "between them")
                        // every sample at the largest distance the entropy question allows: no tolerance relaxes it (one
                        // of 0.5 is refused), and no setting named is sigma, which @ProbeRisky refuses
                        && m.contains("Every sample is at the largest distance the question allows (0.500)")
                        && m.contains("no tolerance relaxes this") && !m.contains("a larger tolerance")
                        && !m.contains("sigma")))));
    }

    /** A regressor asked for a level outside its range: its outputs are no probabilities, so no "saturated" reading. */
    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 40, draws = 20, seed = "7", maxRhat = 10, minAttainedEss = 1,
            tau = 0.01)
    static class RegressorOutOfRange {
        @ProbedModel static final dev.probe.core.model.Regressor MODEL = dev.probe.core.model.Regressor.of(
                dev.probe.core.model.BlackBoxFunction.of("reg", 2, 1, rows -> java.util.Arrays.stream(rows)
                        .map(x -> new double[] {x[0] + x[1]}).toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = InputSpace.box(new double[] {0, 0}, new double[] {1, 1});

        @dev.probe.junit.annotations.ProbeRisky(alpha = 50, tolerance = 1)
        void risky(ProbeAnswer answer) {}
    }

    /** A regressor of two outputs (price, quality) asked "near 0.5": the question judges the price, 2 or more. */
    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 40, draws = 20, seed = "7", maxRhat = 10, minAttainedEss = 1,
            tau = 0.05)
    static class TwoOutputRegressor {
        @ProbedModel static final dev.probe.core.model.Regressor MODEL = dev.probe.core.model.Regressor.of(
                dev.probe.core.model.BlackBoxFunction.of("price-quality", 2, 2, rows -> java.util.Arrays.stream(rows)
                        .map(x -> new double[] {2 + x[0] + x[1], x[0]}).toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = InputSpace.box(new double[] {0, 0}, new double[] {1, 1});

        @dev.probe.junit.annotations.ProbeRisky(alpha = 0.5, tolerance = 0.05)
        void risky(ProbeAnswer answer) {}
    }

    @Test
    void aRegressorOfSeveralOutputsNotSampledIsToldWhichOutputTheQuestionJudges() {
        // a new user's "quality near 0.5" on (price, quality) read "unreachable … give more budget", nothing of output 0
        run(TwoOutputRegressor.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(),
                finishedWithFailure(instanceOf(ProbeNotSampledException.class), message(m -> m.contains(
                        "'price-quality' has 2 outputs and this question judges its first (output 0): over the samples "
                                + "output 0 ") && m.contains(", output 1 ") && m.contains("in output 0's units; to ask "
                                + "about another output, wrap the model so that it comes first")))));
    }

    @Test
    void aRegressorOutOfRangeIsNotCalledASaturatedClassifier() {
        // a new user's x + y asked for 50 read "'reg' is saturated: its top probability is at least 0.99"
        run(RegressorOutOfRange.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(),
                finishedWithFailure(instanceOf(ProbeNotSampledException.class), message(m -> !m.contains("saturated")
                        && !m.contains("top probability")))));
        assertThat(Verdict.onSimplex(new double[][] {{0.2, 0.8}, {1, 0}})).isTrue();
        assertThat(Verdict.onSimplex(new double[][] {{1.26}, {1.99}})).isFalse();
    }

    /** Right logits, asked for a class they cannot make confident: the samples gather where the logits are close. */
    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 40, draws = 20, seed = "7", maxRhat = 10, minAttainedEss = 1)
    static class UnreachableClassOfRightLogits {
        @ProbedModel static final Classifier MODEL = Classifier.fromLogits(dev.probe.core.model.BlackBoxFunction.of(
                "logits", 2, 3, rows -> java.util.Arrays.stream(rows).map(x -> new double[] {x[0], -x[0], 0})
                        .toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 2)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void rightLogitsWhoseSamplesGatherWhereTheyAreCloseAreNotCalledASigmoidHead() {
        // a new user's [x0, −x0, 0] over [−3, 3]²: class 2 tops out at 1/3 where x0 = 0, and the message added the hint
        run(UnreachableClassOfRightLogits.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(),
                finishedWithFailure(instanceOf(ProbeNotSampledException.class),
                        message(m -> !m.contains("factor e") && !m.contains("fromProbabilities")))));
    }

    @Test
    void sigmoidOutputsDeclaredAsLogitsAreNamedAsTheCauseNotTheBudget() {
        // a new user's one-vs-rest head read "closest 0.424 … give the sampler more budget": 0.424 = 1 − e/(e + 2)
        run(SigmoidsDeclaredAsLogits.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(),
                finishedWithFailure(instanceOf(ProbeNotSampledException.class), message(m -> m.contains(
                        "At every sample, and at 64 prior draws, the probabilities of 'onevsrest' lie within a factor e")
                        && m.contains("caps the top probability at e/(e + 2) = 0.576")
                        && m.contains("declare it with Classifier.fromProbabilities")))));
        // probabilities that are merely uncertain, or a model declared with them, get no such line
        double[][] torn = {{0.4, 0.35, 0.25}, {0.5, 0.3, 0.2}};
        assertThat(Verdict.squashedLogits(torn, "m", new Verdict.Levers(true, true, () -> Double.NaN, false, false, "",
                () -> true))).isNotEmpty();
        assertThat(Verdict.squashedLogits(torn, "m", new Verdict.Levers(true, true, () -> Double.NaN))).isEmpty();
        double[][] sure = {{0.4, 0.35, 0.25}, {0.9, 0.05, 0.05}};
        assertThat(Verdict.squashedLogits(sure, "m", new Verdict.Levers(true, true, () -> Double.NaN, false, false, "",
                () -> true))).isEmpty();
    }

    /** Two copies of one model: their contrast cannot be sampled, and the message says why rather than "more budget". */
    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 20, seed = "7", maxRhat = 10, minAttainedEss = 1)
    static class SameModelTwice {
        @ProbedModel("v1") static final Classifier V1 = Fixtures.threeClasses();
        @ProbedModel("v1same") static final Classifier SAME = Classifier.fromLogits(dev.probe.core.model.DjlBlockFunction.of(
                Fixtures.linear("v1same", new double[][] {{3, 0}, {0, 3}, {-3, -3}}, new double[] {0, 0, 0}),
                new ai.djl.ndarray.types.Shape(2)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @dev.probe.junit.annotations.ProbeModelContrast(models = {"v1", "v1same"}, tolerance = 0.998)
        void contrast(ProbeAnswer answer) {}
    }

    /** Two models that differ by a rounding (a total variation below 10⁻³): every sample at the largest distance. */
    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 20, seed = "7", maxRhat = 10, minAttainedEss = 1)
    static class NearlyTheSameModel {
        @ProbedModel("v1") static final Classifier V1 = Fixtures.threeClasses();
        @ProbedModel("v1b") static final Classifier NEAR = Classifier.fromLogits(dev.probe.core.model.DjlBlockFunction.of(
                Fixtures.linear("v1b", new double[][] {{3, 0}, {0, 3.0001}, {-3, -3}}, new double[] {0, 0, 0}),
                new ai.djl.ndarray.types.Shape(2)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @dev.probe.junit.annotations.ProbeModelContrast(models = {"v1", "v1b"}, tolerance = 0.998)
        void contrast(ProbeAnswer answer) {}
    }

    @Test
    void aContrastAtTheLargestDistanceNamesBothModelsAndNoClass() {
        // a new user's two exports of one network: "wherever they went, 'cls-logits' is as far from the target as any
        // output can be … for a class: its index and the order of the model's classes"
        run(NearlyTheSameModel.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(),
                finishedWithFailure(instanceOf(ProbeNotSampledException.class), message(m -> m.matches("(?s).*wherever "
                        + "they went, '\\w+' and 'v1b' are as far from the target as any output can be.*")
                        && m.contains("Check that the two are different models that can disagree at all")
                        && !m.contains("for a class: its index")))));
    }

    @Test
    void aContrastOfTwoEqualModelsSaysTheyAgreeAndShowsItsThresholdAndClosestDistanceUnrounded() {
        // a user's "total variation ≥ 0.00" at tolerance 0.998, "within 0.998 (closest 1.00)", and "give more budget"
        run(SameModelTwice.class, Map.of()).testEvents().assertThatEvents().haveExactly(1, event(test(),
                displayName("contrast v1 vs v1same (total variation ≥ 0.002)"),
                finishedWithFailure(instanceOf(ProbeNotSampledException.class), message(m -> m.contains(
                        "none of 80 samples came within 0.998 of it (closest 1.000)")
                        && m.contains("On every sample the two models' top classes agree, and their probabilities differ by "
                                + "a total variation of at most 0.00 (the same outputs everywhere: the same model?)")
                        && m.contains("Probe.priorRate")
                        && m.indexOf("The two models give the same outputs on every one of the 80 samples") >= 0
                        // and no budget advice, which contradicted "whatever the budget" (a new user's reading)
                        && !m.contains("Give the sampler more budget")))));
    }
}
