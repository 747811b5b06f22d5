package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.probe.core.model.Classifier;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeGate;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.annotations.ProbeAmbivalent;
import dev.probe.junit.annotations.ProbeConfidence;
import dev.probe.junit.annotations.ProbeHighConfidence;
import dev.probe.junit.annotations.ProbeRisky;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Misconfiguration is reported before any sampling, naming the cause and the fix. */
class MisconfigurationTest {

    private static void failsWith(Class<?> fixture, String... fragments) {
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
        results.testEvents().assertStatistics(s -> s.started(0));
        results.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> {
            for (String f : fragments) {
                if (!m.contains(f)) {
                    return false;
                }
            }
            return true;
        }))));
    }

    static class NoModel {
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence
        void confident(ProbeAnswer a) {}
    }

    static class UnknownClass {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 5)
        void confident(ProbeAnswer a) {}
    }

    static class SameClassTwice {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeAmbivalent(pairs = "1:1")
        void torn(ProbeAnswer a) {}
    }

    static class PairsTwoWays {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeAmbivalent(pairs = "0:1", classes = {0, 2})
        void torn(ProbeAnswer a) {}
    }

    static class PairsFromAnObject {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();
        static final double[] CONFUSED = {0.5};
        static final String[] TWICE = {"0:1", "1:2", "0:1"};

        @ProbeAmbivalent(pairsFrom = "TWICE")
        void twice(ProbeAnswer a) {}

        @ProbeAmbivalent(pairs = "cat:dog")
        void named(ProbeAnswer a) {}

        @ProbeAmbivalent(pairsFrom = "CONFUSED")
        void torn(ProbeAnswer a) {}
    }

    static class TwoGeneratorsWithoutZero {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator(excludes = 0) static final SampleSpace A = Fixtures.box();
        @Generator(excludes = 0) static final SampleSpace B = Fixtures.box();

        @dev.probe.junit.annotations.InDistributionAdversarial(classes = 0)
        void fooled(ProbeAnswer a) {}
    }

    static class ExcludesOutOfRange {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator(excludes = 9) static final SampleSpace NO9 = Fixtures.box();

        @dev.probe.junit.annotations.InDistributionAdversarial
        void fooled(ProbeAnswer a) {}
    }

    @Test
    void excludedGeneratorsAreOnePerClassAndWithinTheClassifiersClasses() {
        // the first declared was used, an order Java leaves undefined (a new user's log Z -4.05 or -1.08 by order)
        failsWith(TwoGeneratorsWithoutZero.class, "TwoGeneratorsWithoutZero declares 2 @Generator members with excludes = 0",
                "Keep one generator per excluded class.");
        // named where it comes from, not as the probe annotation's class (which named no 9)
        failsWith(ExcludesOutOfRange.class, "@Generator(excludes = 9) NO9 in ExcludesOutOfRange excludes class 9, but "
                + "classifier 'linear3' has 3 classes, 0..2");
    }

    static class ReversedPair {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeAmbivalent(pairs = {"0:1", "1:0"})
        void torn(ProbeAnswer a) {}
    }

    static class Conflicting {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence
        @ProbeAmbivalent
        void both(ProbeAnswer a) {}
    }

    static class TargetAndInterpolation {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeConfidence(target = {0.5, 0.5, 0}, from = 0, to = 1)
        void graded(ProbeAnswer a) {}
    }

    static class UnknownModelName {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(model = "cnn")
        void confident(ProbeAnswer a) {}
    }

    /** Refers to the model by its own name (linear3), which results and reports use, not by its member's name. */
    static class ModelByItsOwnName {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(model = "linear3")
        void confident(ProbeAnswer a) {}
    }

    static class SigmaOnAGibbsProbe {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeRisky
        @ProbeSettings(sigma = 0.1)
        void risky(ProbeAnswer a) {}
    }

    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @ProbeSettings(tau = 0.5, chains = 4)
    @interface GibbsBudget {}

    static class TauThroughAComposedAnnotationOnALevelSetProbe {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence
        @GibbsBudget
        void confident(ProbeAnswer a) {}
    }

    @ProbeSettings(chains = 0)
    static class InvalidSetting {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence
        void confident(ProbeAnswer a) {}
    }

    /** −1 was the "not set" value: a new user's {@code chains = -1} on a method ran the class's chains silently. */
    @ProbeSettings(chains = 4)
    static class MinusOneChains {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence
        @ProbeSettings(chains = -1)
        void confident(ProbeAnswer a) {}
    }

    static class RepeatedClass {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = {0, 0})
        void confident(ProbeAnswer a) {}
    }

    static class TwoModelsOfOneName {
        @ProbedModel("m") static final Classifier FIRST = Fixtures.threeClasses();
        @ProbedModel("m") static final Classifier SECOND = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(model = "m")
        void confident(ProbeAnswer a) {}
    }

    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @ProbeSettings(chains = 12, warmup = 50)
    @interface Nightly {}

    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @ProbeSettings(chains = 8, warmup = 100)
    @interface Team {}

    static class TwoBudgets {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence
        @Nightly
        @Team
        void confident(ProbeAnswer a) {}
    }

    static class GateWithoutThreshold {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence
        @dev.probe.junit.ProbeGate
        void confident(ProbeAnswer a) {}
    }

    @ProbeSettings(sampler = dev.probe.junit.SamplerKind.SMC, populations = 1)
    static class OnePopulation {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence
        void confident(ProbeAnswer a) {}
    }

    static class InvalidTolerance {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(tolerance = -0.1)
        void confident(ProbeAnswer a) {}
    }

    static class TwoModels {
        @ProbedModel static final Classifier CNN = Fixtures.threeClasses();
        @ProbedModel("mlp") static final Classifier MLP = Fixtures.constant();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer a) {}
    }

    static class TwoModelsOneInherited extends TwoModelsBase {
        @ProbedModel static final Classifier CNN = Fixtures.threeClasses();

        @ProbeRisky
        void risky(ProbeAnswer a) {}
    }

    static class TwoModelsBase {
        @ProbedModel("mlp") static final Classifier MLP = Fixtures.constant();
        @Generator static final SampleSpace BOX = Fixtures.box();
    }

    static class TwoModelsOneNamed {
        @ProbedModel static final Classifier CNN = Fixtures.constant();
        @ProbedModel("mlp") static final Classifier MLP = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0, model = "mlp")
        @ProbeSettings(sampler = dev.probe.junit.SamplerKind.MALA, chains = 8, warmup = 80, draws = 20, seed = "3", maxRhat = 10,
                minAttainedEss = 1)
        void confident(ProbeAnswer a, org.junit.jupiter.api.TestInfo info) {
            org.assertj.core.api.Assertions.assertThat(a.judgedModel()).isEqualTo(MLP.name());
            org.assertj.core.api.Assertions.assertThat(info.getDisplayName()).isEqualTo("high confidence: class 0");
        }
    }

    static class TrainingRowsOfTheWrongWidth {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();
        @dev.probe.junit.TrainingData static final double[][] ROWS = {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}};

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer a) {}
    }

    /** A model function not yet declared as logits, probabilities or scores (a new user's raw TorchScriptFunction). */
    static class UndeclaredFunction {
        @ProbedModel static final dev.probe.core.model.TensorFunction MODEL = Fixtures.threeClasses().function();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer a) {}
    }

    @Test
    void aModelFunctionNotDeclaredAsAClassifierOrRegressorIsToldTheChoices() {
        failsWith(UndeclaredFunction.class, "@ProbedModel MODEL in UndeclaredFunction is ",
                "return a dev.probe.core.model.Classifier or Regressor, e.g. Classifier.fromLogits(f) for a function of "
                        + "logits or log-probabilities, Classifier.fromProbabilities(f) for one that ends in a softmax, "
                        + "Regressor.of(f) for scores");
    }

    @Test
    void trainingRowsOfTheWrongWidthFailTheTemplateBeforeSampling() {
        // they once failed only while the report was drawn, after the method passed, and summary.csv said "passed"
        failsWith(TrainingRowsOfTheWrongWidth.class, "@TrainingData ROWS has rows of 3 values (row 0)",
                "makes inputs of 2 features", "give each row the model's 2 input features");
    }

    @Test
    void aProbeWithoutModelIsAnErrorWhenTheClassDeclaresSeveral() {
        failsWith(TwoModels.class, "@ProbeHighConfidence on TwoModels#confident names no model, but TwoModels declares 2 "
                + "@ProbedModel members [CNN, mlp]: set model = \"CNN\" (or another of them) on @ProbeHighConfidence.");
        failsWith(TwoModelsOneInherited.class, "@ProbeRisky on TwoModelsOneInherited#risky names no model, but "
                + "TwoModelsOneInherited declares 2 @ProbedModel members [CNN, mlp]: set model = \"CNN\"");
    }

    /** Two unnamed generators: which is the default was the first in reflection order, which Java leaves undefined. */
    static class TwoUnnamedGenerators {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace NARROW = dev.probe.core.space.InputSpace.box(new double[] {0, 0},
                new double[] {0.5, 0.5});
        @Generator static final SampleSpace WIDE = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    /** The same generators, the probe naming one. */
    static class TwoUnnamedGeneratorsOneNamedByTheProbe {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace NARROW = dev.probe.core.space.InputSpace.box(new double[] {0, 0},
                new double[] {0.5, 0.5});
        @Generator static final SampleSpace WIDE = Fixtures.box();

        @ProbeHighConfidence(classes = 0, generator = "WIDE")
        @ProbeSettings(chains = 4, warmup = 20, draws = 10, seed = "3", maxRhat = 100, minAttainedEss = 1)
        void named(ProbeAnswer answer) {}
    }

    @Test
    void twoUnnamedGeneratorsWithoutOneNamedByTheProbeAreAnError() {
        // a new user's test passed in a full run over one space and was not sampled over the other when re-run alone
        failsWith(TwoUnnamedGenerators.class, "TwoUnnamedGenerators declares 2 @Generator members with no name and no "
                + "excludes", "which is the default space is undefined", "Name all but the default one");
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(
                TwoUnnamedGeneratorsOneNamedByTheProbe.class))
                .configurationParameter("probe.reportDir", "target/probe-reports-fixtures").execute();
        results.testEvents().assertStatistics(s -> s.started(1));
    }

    @Test
    void aNamedModelAmongSeveralIsTheOneJudged() {
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(TwoModelsOneNamed.class))
                .configurationParameter("probe.reportDir", "target/probe-reports-fixtures").execute();
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    static class OneModelFailsToLoad {
        @ProbedModel("broken")
        static Classifier broken() {
            throw new IllegalStateException("no such file: models/missing.pt");
        }

        @ProbedModel("mlp") static final Classifier MLP = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();
        @Generator("unused")
        static SampleSpace brokenSpace() {
            throw new IllegalStateException("no such decoder");
        }

        @ProbeHighConfidence(classes = 0, model = "mlp")
        @ProbeSettings(sampler = dev.probe.junit.SamplerKind.MALA, chains = 8, warmup = 80, draws = 20, seed = "3", maxRhat = 10,
                minAttainedEss = 1)
        void usesTheWorkingModel(ProbeAnswer a) {
            // a chain probe's settings listing leaves out the settings only populations use
            org.assertj.core.api.Assertions.assertThat(a.settings()).hasValueSatisfying(v -> org.assertj.core.api.Assertions
                    .assertThat(v).contains("chains", "pool").doesNotContain("particles", "populations"));
        }

        @ProbeHighConfidence(classes = 0, model = "broken")
        void usesTheBrokenModel(ProbeAnswer a) {}
    }

    @Test
    void aModelThatFailsToLoadFailsOnlyTheProbesThatUseIt() {
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(OneModelFailsToLoad.class))
                .configurationParameter("probe.reportDir", "target/probe-reports-fixtures").execute();
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        results.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains(
                "Loading " + OneModelFailsToLoad.class.getName() + ".broken failed") && m.contains("models/missing.pt")))));
    }

    static class UnsupportedParameter {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(String s) {}
    }

    @Test
    void aParameterTheExtensionDoesNotSupplyIsAnErrorBeforeSampling() {
        failsWith(UnsupportedParameter.class, "UnsupportedParameter#confident takes a parameter of type String, which no "
                + "extension supplies: a probe method takes a ProbeAnswer or ProbeResult (JUnit adds TestInfo, TestReporter "
                + "and @TempDir); change the parameter's type or remove it.");
    }

    /** Probe's own annotations on the class (@ProbeSettings registers a placement check) supply no other parameter. */
    @ProbeSettings(chains = 4)
    static class UnsupportedParameterUnderClassSettings {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        @ProbeGate(minPassed = 1)
        void confident(String s) {}
    }

    @Test
    void aParameterNoExtensionSuppliesIsAnErrorBeforeSamplingAlsoUnderProbesOwnClassAnnotations() {
        failsWith(UnsupportedParameterUnderClassSettings.class, "UnsupportedParameterUnderClassSettings#confident takes a "
                + "parameter of type String, which no extension supplies");
    }

    static class WithJUnitsTestAnnotation {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @org.junit.jupiter.api.Test
        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer a) {}
    }

    @Test
    void testOnAProbeMethodFailsItsPlainRunOnceNamingTheFix() {
        String expected = "WithJUnitsTestAnnotation#confident has @Test and @ProbeHighConfidence: the probe annotation already makes the "
                + "method a test (one invocation per class, pair or factual, each handed its answer), and @Test runs it "
                + "again without one. Remove @Test.";
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(WithJUnitsTestAnnotation.class)).execute();
        // the plain @Test run fails naming the cause, once: the template, which would fail the same way, makes no
        // invocation (a new user read Surefire's "Run 1: … Run 2: …" of the two as a flaky re-run)
        results.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(expected))));
        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @ProbeHighConfidence(classes = 0)
    @interface TeamConfident {}

    static class WithTestBesideATeamAnnotation {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @org.junit.jupiter.api.Test
        @TeamConfident
        void confident(ProbeAnswer a) {}
    }

    @Test
    void testBesideAComposedProbeAnnotationNamesTheAnnotationAsWritten() {
        // a new user wrote @TeamConfident, and the message named only @ProbeHighConfidence
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(WithTestBesideATeamAnnotation.class)).execute();
        results.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.startsWith(
                "WithTestBesideATeamAnnotation#confident has @Test and @ProbeHighConfidence (through @TeamConfident): ")
                && m.endsWith("Remove @Test.")))));
    }

    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @org.junit.jupiter.api.Test
    @interface TeamRun {}

    static class WithTestInATeamAnnotation {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @TeamRun
        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer a) {}
    }

    @Test
    void aTeamAnnotationCarryingTestIsNamedAsWhatToRemoveItFrom() {
        // the method had no @Test of its own, and "Remove @Test." sent a new user looking for one
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(WithTestInATeamAnnotation.class))
                .execute();
        results.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.startsWith(
                "WithTestInATeamAnnotation#confident has @Test (through @TeamRun) and @ProbeHighConfidence: ")
                && m.endsWith("Remove @Test from @TeamRun.")))));
    }

    static class WithParameterizedRuns {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @org.junit.jupiter.params.ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer a) {}
    }

    @Test
    void aParameterizedTestOnAProbeMethodFailsEveryRunNamingTheFix() {
        // a new user got JUnit's "Discovered multiple competing ParameterResolvers for parameter [0]" for each argument
        String expected = "WithParameterizedRuns#confident has @ParameterizedTest and @ProbeHighConfidence: the probe "
                + "annotation already makes the method a test (one invocation per class, pair or factual, each handed its "
                + "answer), and @ParameterizedTest runs it again without one. Remove @ParameterizedTest.";
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(WithParameterizedRuns.class)).execute();
        // both of the parameterized runs, and not the probe's template too
        results.allEvents().assertThatEvents().haveExactly(2, event(finishedWithFailure(message(expected))));
        results.testEvents().assertStatistics(s -> s.started(2).failed(2));
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    static class WithATestFactory {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @org.junit.jupiter.api.TestFactory
        @ProbeHighConfidence(classes = 0)
        java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> confident(ProbeAnswer a) {
            return java.util.stream.Stream.empty();
        }
    }

    @Test
    void aTestFactoryOnAProbeMethodFailsNamingTheFixAndWritesItsErrorRow() throws Exception {
        // its template (which must not return a value) never runs, and a new user's summary.csv had no row for it
        java.nio.file.Path dir = java.nio.file.Path.of("target/probe-reports-misconfiguration-factory");
        java.nio.file.Files.deleteIfExists(dir.resolve("summary.csv"));
        var results = Fixtures.run(WithATestFactory.class, java.util.Map.of("probe.reportDir", dir.toString()));
        results.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.startsWith(
                "WithATestFactory#confident has @TestFactory and @ProbeHighConfidence") && m.endsWith("Remove @TestFactory. A probe method returns nothing: make it void.")))));
        assertThat(java.nio.file.Files.readAllLines(dir.resolve("summary.csv"))).anySatisfy(l -> assertThat(l)
                .startsWith(WithATestFactory.class.getName() + ",confident,,error,"));
    }

    static class BlankNovelGenerator {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @dev.probe.junit.annotations.NovelClassExtrapolation(generator = "")
        void novel(ProbeAnswer a) {}
    }

    static class NegativeExcludes {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator(excludes = -5) static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer a) {}
    }

    @Test
    void aBlankNovelClassGeneratorAndANegativeExcludedClassAreRefused() {
        // a new user's blank generator probed the ordinary one under a novel-class title, and excludes = -5 went unsaid
        failsWith(BlankNovelGenerator.class, "@NovelClassExtrapolation needs generator = \"<name>\"");
        failsWith(NegativeExcludes.class, "@Generator(excludes = -5) BOX in NegativeExcludes: excludes takes the class index");
    }

    static class ToleranceOne {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0, tolerance = 1)
        void confident(ProbeAnswer a) {}
    }

    static class AmbiguousToleranceTwoThirds {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @dev.probe.junit.annotations.ProbeAmbiguous(tolerance = 0.7)
        void ambiguous(ProbeAnswer a) {}
    }

    @Test
    void aToleranceAtWhichEverySampleAttainsIsAnError() {
        failsWith(ToleranceOne.class, "@ProbeHighConfidence tolerance = 1.0 (from @ProbeHighConfidence) lets every sample "
                + "attain the target: its target distance (1 − p_c) is at most 1.0 for any input. Set tolerance below 1.0 "
                + "(built-in 0.1).");
        failsWith(AmbiguousToleranceTwoThirds.class, "@ProbeAmbiguous tolerance = 0.7 (from @ProbeAmbiguous) lets every "
                + "sample attain the target", "Set tolerance below 0.6666");
    }

    /** Two versions of a 3-class model with the same name, two oracles, a margin that cannot fail, @ProbeGate on a gate. */
    static class GateMisuse {
        @ProbedModel("v1") static final Classifier V1 = Fixtures.threeClasses();
        @ProbedModel("v2") static final Classifier V2 = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();
        @dev.probe.junit.ProbeOracle static final dev.probe.core.result.Oracle TRUTH = dev.probe.core.result.Oracle.ofInput(x -> 0);
    }

    static class SameNamedVersions extends GateMisuse {
        @dev.probe.junit.annotations.ProbeRegressionGate(baseline = "v1", candidate = "v2", margin = 0.05, classes = 0)
        void gate(dev.probe.core.result.Comparison c) {}
    }

    static class OneVersionTwice extends GateMisuse {
        @dev.probe.junit.annotations.ProbeRegressionGate(baseline = "v1", candidate = "v1", margin = 0.05, classes = 0)
        void gate(dev.probe.core.result.Comparison c) {}
    }

    static class TwoOracles {
        @ProbedModel("v1") static final Classifier V1 = Fixtures.threeClasses();
        @ProbedModel("v2") static final Classifier V2 = Classifier.fromLogits(dev.probe.core.model.DjlBlockFunction.of(
                Fixtures.linear("other3", new double[][] {{3, 0}, {0, 3}, {-3, -3}}, new double[] {1, 0, 0}),
                new ai.djl.ndarray.types.Shape(2)));
        @Generator static final SampleSpace BOX = Fixtures.box();
        @dev.probe.junit.ProbeOracle static final dev.probe.core.result.Oracle TRUTH = dev.probe.core.result.Oracle.ofInput(x -> 0);
        @dev.probe.junit.ProbeOracle static final dev.probe.core.result.Oracle OTHER = dev.probe.core.result.Oracle.ofInput(x -> 1);

        @dev.probe.junit.annotations.ProbeRegressionGate(baseline = "v1", candidate = "v2", margin = 0.05, classes = 0)
        void gate(dev.probe.core.result.Comparison c) {}
    }

    static class BaseWithOracle {
        static final dev.probe.core.result.Oracle ZERO = dev.probe.core.result.Oracle.ofInput(x -> 0);
        static final java.util.List<dev.probe.core.result.Oracle> USED = new java.util.ArrayList<>();
        @ProbedModel("v1") static final Classifier V1 = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();
        @dev.probe.junit.ProbeOracle static final dev.probe.core.result.Oracle TRUTH = ZERO;
    }

    @dev.probe.junit.ProbeSettings(sampler = dev.probe.junit.SamplerKind.MH, chains = 4, warmup = 10, draws = 10, maxRhat = 100,
            minAttainedEss = 1)
    static class SubclassOracle extends BaseWithOracle {
        static final dev.probe.core.result.Oracle ONE = dev.probe.core.result.Oracle.ofInput(x -> 1);
        @dev.probe.junit.ProbeOracle static final dev.probe.core.result.Oracle OWN = ONE;

        @dev.probe.junit.annotations.ProbeHighConfidence(classes = 0, model = "v1")
        void confident(dev.probe.junit.ProbeAnswer answer) {
            USED.add(answer.oracle().orElseThrow());
        }
    }

    /** A subclass's oracle overrides its superclass's, as the nearest declaration does elsewhere (it was an error). */
    @Test
    void aSubclassOracleOverridesTheInheritedOne() {
        BaseWithOracle.USED.clear();
        Fixtures.run(SubclassOracle.class, java.util.Map.of()).testEvents().assertStatistics(s -> s.succeeded(1));
        org.assertj.core.api.Assertions.assertThat(BaseWithOracle.USED).containsExactly(SubclassOracle.ONE);
    }

    static class MarginThatCannotFail extends TwoOracles {
        @dev.probe.junit.annotations.ProbeRegressionGate(baseline = "v1", candidate = "v2", margin = 5, classes = 0)
        void gate(dev.probe.core.result.Comparison c) {}
    }

    static class NegativeMargin extends TwoOracles {
        @dev.probe.junit.annotations.ProbeRegressionGate(baseline = "v1", candidate = "v2", margin = -0.1, classes = 0)
        void gate(dev.probe.core.result.Comparison c) {}
    }

    /** A candidate over 3 inputs beside a baseline over 2: the error named neither side. */
    static class WiderCandidate {
        @ProbedModel("v1") static final Classifier V1 = TwoOracles.V1;
        @ProbedModel("v2") static final Classifier V2 = Classifier.fromLogits(dev.probe.core.model.DjlBlockFunction.of(
                Fixtures.linear("three-in", new double[][] {{3, 0, 1}, {0, 3, 1}, {-3, -3, 1}}, new double[] {0, 0, 0}),
                new ai.djl.ndarray.types.Shape(3)));
        @Generator static final SampleSpace BOX = Fixtures.box();
        @dev.probe.junit.ProbeOracle static final dev.probe.core.result.Oracle TRUTH = dev.probe.core.result.Oracle.ofInput(x -> 0);

        @dev.probe.junit.annotations.ProbeRegressionGate(baseline = "v1", candidate = "v2", margin = 0.05, classes = 0)
        void gate(dev.probe.core.result.Comparison c) {}
    }

    static class ProbeGateOnAGate {
        @ProbedModel("v1") static final Classifier V1 = TwoOracles.V1;
        @ProbedModel("v2") static final Classifier V2 = TwoOracles.V2;
        @Generator static final SampleSpace BOX = Fixtures.box();
        @dev.probe.junit.ProbeOracle static final dev.probe.core.result.Oracle TRUTH = dev.probe.core.result.Oracle.ofInput(x -> 0);

        @dev.probe.junit.annotations.ProbeRegressionGate(baseline = "v1", candidate = "v2", margin = 0.05, classes = 0)
        @dev.probe.junit.ProbeGate(minPassed = 5)
        void gate(dev.probe.core.result.Comparison c) {}
    }

    @Test
    void regressionGateMisuseIsNamedBeforeAnythingIsSampled() {
        failsWith(SameNamedVersions.class, "baseline \"v1\" and candidate \"v2\" are both named 'linear3'",
                "TorchScriptFunction.load(path, shape, \"v2\")", "DjlBlockFunction.of(\"v2\"");
        failsWith(OneVersionTwice.class, "baseline and candidate are both \"v1\": name two different @ProbedModel members");
        // a template that fails before it expands has its error row in summary.csv (a dashboard saw nothing of it)
        try {
            org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.readAllLines(
                    java.nio.file.Path.of("target/probe-reports/summary.csv")))
                    .contains(OneVersionTwice.class.getName() + ",gate,,error,,,,,,,,");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        failsWith(TwoOracles.class, "TwoOracles declares 2 @ProbeOracle members", "keep a single @ProbeOracle");
        failsWith(MarginThatCannotFail.class, "margin must lie in [0, 1), got 5.0", "could not fail");
        failsWith(NegativeMargin.class, "margin must lie in [0, 1), got -0.1: it is how much worse the candidate may be");
        failsWith(ProbeGateOnAGate.class, "has @ProbeGate and @ProbeRegressionGate", "Remove @ProbeGate");
        failsWith(WiderCandidate.class, "baseline 'linear3' takes 2 input values and candidate 'three-in' takes 3");
    }

    static class AlphaOnAClassifier {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeRisky(alpha = 0.3)
        void risky(ProbeAnswer a) {}
    }

    static class PowerOnAClassifier {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeRisky(power = 3)
        void risky(ProbeAnswer a) {}
    }

    static class StepsBesideATarget {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeConfidence(target = {0.2, 0.3, 0.5}, steps = 5)
        void graded(ProbeAnswer a) {}
    }

    static class TargetNotSummingToOne {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeConfidence(target = {0.5, 0.6, 0.1})
        void graded(ProbeAnswer a) {}
    }

    @Test
    void aTargetThatIsNoProbabilityVectorNamesTheAnnotation() {
        // the core's "Target [0.5, 0.6, 0.1] sums to 1.2000000000000002" named neither the annotation nor a tidy sum
        failsWith(TargetNotSummingToOne.class, "@ProbeConfidence target = {0.5, 0.6, 0.1}: Target [0.5, 0.6, 0.1] sums to "
                + "1.2, not 1. Give a probability vector (normalise it).");
    }

    @Test
    void attributesTheQuestionDoesNotUseAreErrorsNotIgnored() {
        // a new user's power = 3 on a classifier and steps = 5 beside a target both ran without a word
        failsWith(PowerOnAClassifier.class, "@ProbeRisky sets power = 3.0, but model 'linear3' is a classifier");
        failsWith(StepsBesideATarget.class, "@ProbeConfidence sets steps = 5 with target = {...}");
    }

    static class InfiniteAlpha {
        @ProbedModel static final dev.probe.core.model.Regressor SCORE = dev.probe.core.model.Regressor.of(
                dev.probe.core.model.DjlBlockFunction.of(Fixtures.linear("score", new double[][] {{1, 1}}, new double[] {0}),
                        new ai.djl.ndarray.types.Shape(2)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeRisky(alpha = Double.POSITIVE_INFINITY)
        void risky(ProbeAnswer a) {}
    }

    static class PowerBelowOne {
        @ProbedModel static final dev.probe.core.model.Regressor SCORE = InfiniteAlpha.SCORE;
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeRisky(alpha = 0.5, power = 0.5)
        void risky(ProbeAnswer a) {}
    }

    @Test
    void aRegressorsRiskyProbeNamesItsAnnotationForAnInfiniteAlphaOrABadPower() {
        // a new user's alpha = Double.POSITIVE_INFINITY got the core's "The cut-off α must be finite", no annotation named
        failsWith(InfiniteAlpha.class, "@ProbeRisky sets alpha = Infinity", "must be finite", "omit alpha for 0.5");
        failsWith(PowerBelowOne.class, "@ProbeRisky sets power = 0.5", "at least 1");
    }

    @Test
    void alphaOnAClassifiersRiskyProbeIsAnError() {
        failsWith(AlphaOnAClassifier.class, "@ProbeRisky sets alpha = 0.3, but model 'linear3' is a classifier: its risky "
                + "inputs are those of maximal entropy, with no threshold. alpha is the threshold of a decision function (a "
                + "Regressor): remove alpha, or probe a Regressor.");
    }

    @Test
    void aSettingTheProbeDoesNotUseIsAnErrorOnTheMethod() {
        failsWith(SigmaOnAGibbsProbe.class, "@ProbeSettings on SigmaOnAGibbsProbe#risky sets sigma = 0.1, which @ProbeRisky "
                + "does not use: set tau (its temperature) instead.");
        failsWith(TauThroughAComposedAnnotationOnALevelSetProbe.class, "@GibbsBudget on "
                + "TauThroughAComposedAnnotationOnALevelSetProbe#confident sets tau = 0.5, which @ProbeHighConfidence does "
                + "not use: set sigma (its level-set relaxation) instead.");
    }

    @Test
    void aRepeatedInvocationAGateWithoutThresholdAndOnePopulationAreNamed() {
        failsWith(RepeatedClass.class, "RepeatedClass#confident has two invocations with the key '0' (a class, pair or "
                + "factual given twice, e.g. classes = {0, 0}): remove the repeated value.");
        failsWith(TwoModelsOfOneName.class, "TwoModelsOfOneName declares two @ProbedModel members named 'm' (",
                "FIRST", "SECOND", "): give each its own name");
        // every setting they disagree on at once: a user fixed chains and met the same error for warmup
        failsWith(TwoBudgets.class, "@Nightly", "@Team", " on TwoBudgets#confident and ", "set chains to ", "warmup to ",
                ", and nothing decides between them: set chains, warmup in @ProbeSettings on TwoBudgets#confident (which "
                + "wins over both), or remove one of them.");
        failsWith(GateWithoutThreshold.class, "GateWithoutThreshold#confident has @ProbeGate without a threshold: set "
                + "minSampled, minPassed or both");
        failsWith(OnePopulation.class, "Probe setting 'populations' = 1 (from @ProbeSettings on OnePopulation) is invalid: "
                + "expected a whole number of at least 2.");
    }

    @Test
    void invalidSettingsNameTheSettingTheSourceAndWhatIsExpected() {
        failsWith(InvalidSetting.class, "Probe setting 'chains' = 0 (from @ProbeSettings on InvalidSetting) is invalid: "
                + "expected a positive whole number.");
        failsWith(InvalidTolerance.class, "Probe setting 'tolerance' = -0.1 (from @ProbeHighConfidence) is invalid: "
                + "expected a positive number.");
        failsWith(MinusOneChains.class, "Probe setting 'chains' = -1 (from @ProbeSettings on MinusOneChains#confident) is "
                + "invalid: expected a positive whole number.");
    }

    @Test
    void missingModel() {
        failsWith(NoModel.class, "No model under test in NoModel", "@ProbedModel");
    }

    @Test
    void unknownClass() {
        failsWith(UnknownClass.class, "class 5 is out of range", "3 classes");
    }

    @Test
    void pairWithTheSameClassTwice() {
        failsWith(SameClassTwice.class, "\"1:1\" names class 1 twice");
        failsWith(ReversedPair.class, "@ProbeAmbivalent pairs \"0:1\" and \"1:0\" ask one question: ambivalence between two "
                + "classes has no order. Remove one of them.");
        failsWith(PairsTwoWays.class, "@ProbeAmbivalent sets more than one of pairs, classes and pairsFrom");
        failsWith(PairsFromAnObject.class, "@ProbeAmbivalent pair \"0:1\" is listed twice");
        failsWith(PairsFromAnObject.class, "@ProbeAmbivalent pair \"cat:dog\" is not of the form \"i:j\" of two class "
                + "indices (e.g. \"1:7\"): classes are named by their index in the classifier's output.");
        failsWith(PairsFromAnObject.class, "@ProbeAmbivalent pairsFrom = \"CONFUSED\" is a double[]: return a String[] of "
                + "\"i:j\" or an int[][] of {i, j} class indices.");
    }

    @Test
    void conflictingAnnotations() {
        failsWith(Conflicting.class, "conflicting probe annotations", "@ProbeHighConfidence", "@ProbeAmbivalent");
    }

    @Test
    void conflictingAttributes() {
        failsWith(TargetAndInterpolation.class, "either target = {...} or from/to", "not both");
    }

    @Test
    void unknownModelName() {
        failsWith(UnknownModelName.class, "Unknown model 'cnn'", "known models are [MODEL]");
        failsWith(ModelByItsOwnName.class, "'linear3' is the own name of the model declared as 'MODEL'",
                // not "set model = ...": a regression gate names its models with baseline and candidate
                "refer to it as \"MODEL\" in @ProbeHighConfidence.");
    }

    static class SettingsOnPlainTests {
        @Test
        @ProbeSettings(chains = 8)
        void direct() {}

        @Test
        @GibbsBudget
        void composed() {}

        @Test
        @ProbeGate(minPassed = 1)
        void gated() {}
    }

    @ProbeSettings(chains = 8)
    static class ClassSettingsWithAPlainTest {
        @Test
        void plain() {}
    }

    @Test
    void probeSettingsOrAGateOnAPlainTestAreAnErrorButOnTheClassTheyAreNot() {
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(SettingsOnPlainTests.class)).execute();
        results.testEvents().assertStatistics(s -> s.started(3).failed(3));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(finishedWithFailure(message("SettingsOnPlainTests#direct has @ProbeSettings but no probe "
                        + "annotation (@ProbeHighConfidence, @ProbeAmbivalent, …), so nothing would read it: add the probe "
                        + "annotation, put @ProbeSettings on the class (for its probes), or remove it."))))
                .haveExactly(1, event(finishedWithFailure(message(m -> m.startsWith("SettingsOnPlainTests#composed has "
                        + "@GibbsBudget but no probe annotation")))))
                .haveExactly(1, event(finishedWithFailure(message(m -> m.startsWith("SettingsOnPlainTests#gated has "
                        + "@ProbeGate but no probe annotation")))));
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(ClassSettingsWithAPlainTest.class)).execute().testEvents()
                .assertStatistics(s -> s.succeeded(1));
    }
}
