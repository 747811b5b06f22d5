package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.probe.core.model.Classifier;
import dev.probe.core.result.Oracle;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.ProbeOracle;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.Generator;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.assertions.MisclassificationOnAPairTest;
import org.junit.jupiter.api.Test;

/**
 * An inconclusive probe's "found even so" counts the attained draws whose true label is outside the question: a new
 * user's ambivalent pair counted 232 of 485 torn draws as found defects, the ones whose coin-flip top class was the
 * other class of the pair.
 */
class FoundEvenSoTest {

    @Test
    void onAPairItCountsTrueLabelsOutsideThePair() {
        ProbeAnswer pair = MisclassificationOnAPairTest.torn().withTargetLabels(0, 1);
        assertThat(Verdict.foundEvenSo(pair)).startsWith("found even so: 40 of the 400 attained draws are labelled "
                + "otherwise by the oracle (their true label is none of 0, 1, the classes model 'm' is asked about)");
    }

    @Test
    void onAQuestionAboutEveryClassItSaysNothing() {
        assertThat(Verdict.foundEvenSo(MisclassificationOnAPairTest.torn().withTargetLabels(0, 1, 2))).isEmpty();
    }

    @ProbeSettings(sampler = SamplerKind.SMC, populations = 2, particles = 16, seed = "7")
    static class WrongForTheSecondModel {
        /** Class 0 where x0 &gt; 0, as the truth has it. */
        @ProbedModel static final Classifier TEACHER = Classifier.fromLogits(dev.probe.core.model.DjlBlockFunction.of(
                Fixtures.linear("teacher", new double[][] {{4, 0}, {-4, 0}}, new double[] {0, 0}),
                new ai.djl.ndarray.types.Shape(2)));
        /** The teacher negated: confidently wrong wherever the two disagree. */
        @ProbedModel static final Classifier STUDENT = Classifier.fromLogits(dev.probe.core.model.DjlBlockFunction.of(
                Fixtures.linear("student", new double[][] {{-4, 0}, {4, 0}}, new double[] {0, 0}),
                new ai.djl.ndarray.types.Shape(2)));
        @Generator static final SampleSpace BOX = Fixtures.box();
        @ProbeOracle static final Oracle TRUTH = Oracle.ofInput(x -> x[0] > 0 ? 0 : 1);

        @dev.probe.junit.annotations.ProbeModelContrast(models = {"TEACHER", "STUDENT"})
        void differ(ProbeAnswer answer) {}
    }

    /**
     * A contrast's draws are judged for both models, whichever is named first: a new user's 15 attained draws, every one
     * confidently wrong for the second-named student, were skipped as "not converged" with no word of them, and the
     * report's row read "none of the attained draws" (the teacher's count).
     */
    @Test
    void aContrastCountsTheDrawsEitherModelGetsWrong() throws Exception {
        var events = Fixtures.run(WrongForTheSecondModel.class, Map.of("probe.reportDir", "target/probe-reports-oracle",
                "probe.minAttainedEss", "1000000", "probe.notConverged", "fail"));
        events.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                        instanceOf(ProbeNotConvergedException.class), message(m -> m.matches(
                                "(?s).*found even so: (\\d+) of the \\1 attained draws are labelled otherwise by the "
                                + "oracle \\(model 'student' gives its top class to another label\\).*")
                                && !m.contains("model 'teacher' gives")))));
        String diagnostics = Files.readString(Path.of(
                "target/probe-reports-oracle/FoundEvenSoTest$WrongForTheSecondModel/differ/contrast/diagnostics.txt"));
        assertThat(diagnostics).contains("none of the attained draws (judged by model 'teacher'")
                .containsPattern("labelled otherwise for model 'student' +(\\d+) of the \\1 attained draws")
                .contains("every one in labelled-otherwise.csv; column labelled_otherwise_student of samples.csv");
        // the student's wrong draws are in the files the message points to (they were in none: a reviewer's)
        Path dir = Path.of("target/probe-reports-oracle/FoundEvenSoTest$WrongForTheSecondModel/differ/contrast");
        java.util.List<String> samples = Files.readAllLines(dir.resolve("samples.csv"));
        int column = java.util.Arrays.asList(samples.get(0).split(",")).indexOf("labelled_otherwise_student");
        assertThat(column).isPositive();
        long marked = samples.stream().skip(1).filter(r -> r.split(",")[column].equals("1")).count();
        assertThat(marked).isPositive();
        assertThat(Files.readAllLines(dir.resolve("labelled-otherwise.csv"))).hasSize((int) marked + 1);
    }

    @ProbeSettings(sampler = SamplerKind.SMC, populations = 2, particles = 16, seed = "7")
    static class BrokenOracle {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();
        /** Fails on every input, as an oracle with a bug in part of the space fails on the draws there. */
        @ProbeOracle static final Oracle TRUTH = Oracle.ofInput(x -> {
            throw new IllegalStateException("cannot label x0 = " + x[0]);
        });

        @ProbeHighConfidence(classes = 0)
        void confident(dev.probe.junit.ProbeAnswer answer) {}
    }

    /**
     * An oracle that throws is said to have failed: a new user's oracle that failed on part of the space dropped the
     * report's oracle columns and the "found even so" count without a word, so a skip hid 78 wrong draws.
     */
    @Test
    void anOracleThatFailsIsNamedInTheMessageAndTheReport() throws Exception {
        var events = Fixtures.run(BrokenOracle.class, Map.of("probe.reportDir", "target/probe-reports-oracle",
                "probe.minAttainedEss", "1000000", "probe.notConverged", "fail"));
        events.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                        message(m -> m.matches(
                                "(?s).*probe 'high confidence: class \\d' \\(BrokenOracle#confident\\): the @ProbeOracle "
                                + "could not label the \\d+ attained draws of model 'linear3' "
                                + "\\(IllegalStateException: cannot label x0 = .*\\), so none is counted as labelled "
                                + "otherwise.*")))));
        String diagnostics = Files.readString(Path.of(
                "target/probe-reports-oracle/FoundEvenSoTest$BrokenOracle/confident/0/diagnostics.txt"));
        assertThat(diagnostics).contains("the @ProbeOracle could not label the");
    }

    @ProbeSettings(sampler = SamplerKind.SMC, populations = 2, particles = 16, seed = "7")
    static class HalfWrong {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();
        /** Labels an input 0 or 1 by a bit of its first coordinate: about half the confident "0"s are wrong. */
        @ProbeOracle static final Oracle TRUTH = Oracle.ofInput(x -> (int) (Double.doubleToLongBits(x[0]) >>> 40) & 1);

        @ProbeHighConfidence(classes = 0)
        void confident(dev.probe.junit.ProbeAnswer answer) {}
    }

    /**
     * The messages say the draws labelled otherwise exist and "the report shows them": a user found nothing in the
     * report that told which, and re-implemented the oracle to find them. Each sample's oracle label and flag are now
     * columns of samples.csv, and every flagged draw is in labelled-otherwise.csv.
     */
    @Test
    void theReportShowsWhichAttainedDrawsTheOracleLabelsOtherwise() throws Exception {
        Fixtures.run(HalfWrong.class, Map.of("probe.reportDir", "target/probe-reports-oracle",
                "probe.notConverged", "abort", "probe.notSampled", "abort"));
        Path dir = Path.of("target/probe-reports-oracle/FoundEvenSoTest$HalfWrong/confident/0");
        List<String> samples = Files.readAllLines(dir.resolve("samples.csv"));
        List<String> header = List.of(samples.get(0).split(","));
        int label = header.indexOf("oracle_label");
        int flag = header.indexOf("labelled_otherwise");
        int distance = header.indexOf("target_distance");
        assertThat(label).isPositive();
        assertThat(flag).isEqualTo(label + 1);
        long flagged = 0;
        for (String row : samples.subList(1, samples.size())) {
            String[] c = row.split(",");
            boolean attained = Double.parseDouble(c[distance]) <= 0.1;
            assertThat(c[label]).isEqualTo(attained ? c[label] : "-1");
            assertThat(c[flag]).isEqualTo(attained && c[label].equals("1") ? "1" : "0");
            flagged += c[flag].equals("1") ? 1 : 0;
        }
        assertThat(flagged).isPositive();
        List<String> otherwise = Files.readAllLines(dir.resolve("labelled-otherwise.csv"));
        assertThat(otherwise).hasSize(1 + (int) flagged);
        assertThat(otherwise.get(0)).as("the columns of samples.csv, inputs included (2 features)").isEqualTo(samples.get(0));
        assertThat(otherwise.subList(1, otherwise.size())).allSatisfy(r -> assertThat(r.split(",")[label]).isEqualTo("1"));
        assertThat(dir.resolve("diagnostics.txt")).content().contains("labelled otherwise by the oracle")
                .contains(flagged + " attained draws");
    }

    /** Two generators whose coordinates differ, and one oracle that reads coordinates. */
    @ProbeSettings(sampler = SamplerKind.SMC, populations = 2, particles = 16, seed = "7")
    static class OracleOverTwoGenerators {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();
        @Generator("narrow") static final SampleSpace NARROW = dev.probe.core.space.InputSpace.builder(2)
                .bounds(new double[] {0, -1}, new double[] {1, 1}).names("width", "height").build();
        @ProbeOracle static final Oracle TRUTH = Oracle.ofLatent(z -> z[0] > 0 ? 0 : 1);

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    /** The same two generators, and an oracle that reads the model input alone. */
    @ProbeSettings(sampler = SamplerKind.SMC, populations = 2, particles = 16, seed = "7")
    static class InputOracleOverTwoGenerators {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();
        @Generator("narrow") static final SampleSpace NARROW = OracleOverTwoGenerators.NARROW;
        @ProbeOracle static final Oracle TRUTH = Oracle.ofInput(x -> x[0] > 0 ? 0 : 1);

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    /**
     * One oracle labels every generator's samples: where their coordinates differ, a note says that one reading the
     * coordinates reads each generator's own (a new user's, written for the full scene generator, called all 480 draws
     * of a generator without class 3 right, which were all wrong).
     */
    @Test
    void anOracleOverGeneratorsWhoseCoordinatesDifferIsNotedOnce() {
        var events = Fixtures.run(OracleOverTwoGenerators.class, Map.of("probe.minAttainedEss", "1"));
        assertThat(Fixtures.reportEntries(events, "probe")).filteredOn(e -> e.contains("@ProbeOracle TRUTH"))
                .singleElement().asString().startsWith("note: @ProbeOracle TRUTH labels the samples of every generator of "
                        + "OracleOverTwoGenerators, and their sampled coordinates differ: ")
                .contains("(width, height)").contains("label from the model's input (Oracle.ofInput or Oracle.ofInputs)");
        // an oracle of the model input reads every generator alike: no note (a new user's Oracle.ofInput was told to
        // use Oracle.ofInput)
        assertThat(Oracle.ofInput(x -> 0).readsCoordinates()).isFalse();
        assertThat(Oracle.ofInputs(rows -> new int[rows.length]).readsCoordinates()).isFalse();
        assertThat(Oracle.constant(1).readsCoordinates()).isFalse();
        assertThat(Oracle.ofLatent(z -> 0).readsCoordinates()).isTrue();
        assertThat(Fixtures.reportEntries(Fixtures.run(InputOracleOverTwoGenerators.class, Map.of("probe.minAttainedEss",
                "1")), "probe")).noneMatch(e -> e.contains("labels the samples of every generator"));
        // one generator, or generators alike: no note
        assertThat(Fixtures.reportEntries(Fixtures.run(BrokenOracle.class, Map.of("probe.minAttainedEss", "1000000")),
                "probe")).noneMatch(e -> e.contains("labels the samples of every generator"));
    }
}
