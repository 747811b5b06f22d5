package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** summary.csv has one row per invocation, whatever its end: passed, failed, or an error with or without samples. */
class SummaryRowsTest {

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 8, warmup = 80, draws = 20, seed = "3", maxRhat = 10, minAttainedEss = 1)
    static class Endings {
        @ProbedModel("linear") static final Classifier MODEL = Fixtures.threeClasses();
        /** A model that passes the 3-row check at load and then throws on every batch, as a broken adapter would. */
        @ProbedModel("broken") static final Classifier BROKEN = Classifier.fromLogits(BlackBoxFunction.of("broken", 2, 3, rows -> {
            if (rows.length > 3) {
                throw new IllegalStateException("the model broke");
            }
            return new double[rows.length][3];
        }));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0, model = "broken")
        @ProbeSettings(sampler = SamplerKind.MH)
        void brokenModel(ProbeAnswer answer) {}

        @ProbeHighConfidence(classes = 0, model = "linear")
        void brokenTest(ProbeAnswer answer) {
            throw new IllegalStateException("the test broke");
        }

        @ProbeHighConfidence(classes = 0, model = "linear")
        void failedAssertion(ProbeAnswer answer) {
            dev.probe.junit.assertions.ProbeAssertions.assertThat(answer).hasTargetAttainmentAtMost(0);
        }

        @ProbeHighConfidence(classes = 0, model = "linear")
        void passed(ProbeAnswer answer) {}

        @ProbeHighConfidence(classes = 0, model = "linear")
        void assumed(ProbeAnswer answer) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "not on this machine");
        }

        @ProbeHighConfidence(classes = 0, model = "linear")
        @org.junit.jupiter.api.Disabled("kept out of this run")
        void disabled(ProbeAnswer answer) {}
    }

    /** A class switched off whole: its probes never run, so rows of an earlier run are stale. */
    @org.junit.jupiter.api.Disabled("parked")
    static class ParkedClass {
        @ProbedModel("linear") static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0, model = "linear")
        void parked(ProbeAnswer answer) {}
    }

    @ProbeSettings(sampler = SamplerKind.MH, chains = 8, warmup = 80, draws = 20, seed = "3", maxRhat = 10, minAttainedEss = 1)
    static class BrokenGate {
        @ProbedModel("linear") static final Classifier MODEL = Fixtures.threeClasses();
        @ProbedModel("broken") static final Classifier BROKEN = Endings.BROKEN;
        @Generator static final SampleSpace BOX = Fixtures.box();
        @dev.probe.junit.ProbeOracle static final dev.probe.core.result.Oracle TRUTH =
                dev.probe.core.result.Oracle.ofInput(x -> 0);

        @dev.probe.junit.annotations.ProbeRegressionGate(baseline = "linear", candidate = "broken", margin = 0.05, classes = 0)
        void gate(dev.probe.core.result.Comparison c) {}
    }

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 8, warmup = 80, draws = 20, seed = "3", maxRhat = 10, minAttainedEss = 1)
    static class FailingAfterEach {
        @ProbedModel("linear") static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @org.junit.jupiter.api.AfterEach
        void closeSomething() {
            throw new IllegalStateException("the clean-up broke");
        }

        @ProbeHighConfidence(classes = 0, model = "linear")
        void passed(ProbeAnswer answer) {}
    }

    /** A model that is slow for the first rows after each reset: the prior pool's, built before any sampling. */
    @ProbeSettings(chains = 4, warmup = 20, draws = 10, pool = 65536, seed = "3", maxRhat = 10, minAttainedEss = 1)
    static class PoolPayer {
        static final java.util.concurrent.atomic.AtomicLong ROWS = new java.util.concurrent.atomic.AtomicLong();
        static final java.util.concurrent.atomic.AtomicLong SLEPT_MS = new java.util.concurrent.atomic.AtomicLong();
        static volatile double samplerSeconds;
        @ProbedModel("slow") static final Classifier MODEL = Classifier.fromLogits(BlackBoxFunction.of("slow", 2, 3, rows -> {
            if (ROWS.getAndAdd(rows.length) < 65_536 && rows.length >= 64) { // the checks' few rows, then the pool
                long ms = rows.length / 64;
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                SLEPT_MS.addAndGet(ms);
            }
            return java.util.Arrays.stream(rows).map(x -> new double[] {3 * x[0], 3 * x[1], -3 * x[0] - 3 * x[1]})
                    .toArray(double[][]::new);
        }));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @org.junit.jupiter.api.BeforeEach
        void reset() {
            ROWS.set(0);
            SLEPT_MS.set(0);
        }

        @ProbeHighConfidence(classes = 0)
        void first(ProbeAnswer answer) {
            samplerSeconds = answer.result().diagnostics().wallSeconds();
        }
    }

    @Test
    void wallSecondsCountTheWholeSamplingCallWithThePriorPoolItBuilt() throws Exception {
        // a new user's first probe read 0.63 s where Surefire timed it at 8.01 s: the pool it built was in no row
        Path dir = Path.of("target/probe-reports-summary-rows-wall");
        Files.deleteIfExists(dir.resolve("summary.csv"));
        Fixtures.run(PoolPayer.class, Map.of("probe.reportDir", dir.toString())).testEvents()
                .assertStatistics(s -> s.succeeded(1));
        String row = Files.readAllLines(dir.resolve("summary.csv")).stream()
                .filter(l -> l.startsWith(PoolPayer.class.getName() + ",first,")).findFirst().orElseThrow();
        double wall = Double.parseDouble(row.split(",")[10]);
        assertThat(PoolPayer.SLEPT_MS.get()).isGreaterThan(500); // the pool's 65,536 rows slept about 1 s
        assertThat(wall).isGreaterThanOrEqualTo(PoolPayer.samplerSeconds + PoolPayer.SLEPT_MS.get() / 1000.0);
    }

    /** A probe that passed before its {@code @AfterEach} failed is an error, and its failure carries the seed. */
    @Test
    void aFailedAfterEachIsAnErrorWithTheSeed() throws Exception {
        Path dir = Path.of("target/probe-reports-summary-rows-after-each");
        Files.deleteIfExists(dir.resolve("summary.csv"));
        var events = Fixtures.run(FailingAfterEach.class, Map.of("probe.reportDir", dir.toString()));
        events.testEvents().assertStatistics(s -> s.started(1).failed(1));
        Throwable thrown = events.testEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertThat(thrown.getSuppressed()).singleElement()
                .satisfies(n -> assertThat(n.getMessage()).contains("seed: 3").contains("re-run: "));
        assertThat(Files.readAllLines(dir.resolve("summary.csv"))).anySatisfy(l -> assertThat(l)
                .startsWith(FailingAfterEach.class.getName() + ",passed,0,error,"));
    }

    @Test
    void aRegressionGateWhoseModelThrowsHasAnErrorRow() throws Exception {
        Path dir = Path.of("target/probe-reports-summary-rows-gate");
        Files.deleteIfExists(dir.resolve("summary.csv"));
        var events = Fixtures.run(BrokenGate.class, Map.of("probe.reportDir", dir.toString()));
        events.testEvents().assertStatistics(s -> s.started(1).failed(1));
        List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(BrokenGate.class.getName() + ",gate,")
                .contains(",error,,,,,,,,"));
    }

    @Test
    void everyInvocationHasARowAndErrorsAreCountedAsErrors() throws Exception {
        Path dir = Path.of("target/probe-reports-summary-rows");
        Files.deleteIfExists(dir.resolve("summary.csv"));
        // an earlier run without clean, when passed() still had a class 7: its row and report folder must go
        SummaryCsv.at(dir.resolve("summary.csv")).write(List.of(Endings.class.getName(), "passed", "7", "failed", "", "",
                "", "", "", "", "", ""));
        Path stale = dir.resolve(ProbeReport.shortName(Endings.class)).resolve("passed").resolve("7");
        Files.createDirectories(stale);
        Files.writeString(stale.getParent().getParent().resolve(ProbeReport.OWNER), Endings.class.getName());
        Files.writeString(stale.resolve("samples.csv"), "stale");
        // and of methods that no longer run: one since renamed, one since disabled
        for (String gone : List.of("renamed", "disabled")) {
            SummaryCsv.at(dir.resolve("summary.csv")).write(List.of(Endings.class.getName(), gone, "0", "failed", "", "",
                    "", "", "", "", "", ""));
            Files.createDirectories(dir.resolve(ProbeReport.shortName(Endings.class)).resolve(gone).resolve("0"));
        }
        // and of classes that no longer run, from an earlier run (a new user's green build kept a deleted class's rows
        // and a disabled class's failed one): one deleted since (it does not load), one @Disabled; a class this run only
        // left out (a filter) keeps its rows and folder
        java.util.function.BiConsumer<String, String> earlier = (className, folder) -> {
            SummaryCsv.at(dir.resolve("summary.csv")).write(List.of(className, "probe", "0", "failed", "", "", "", "", "",
                    "", "", ""));
            try {
                Files.createDirectories(dir.resolve(folder).resolve("probe").resolve("0"));
                Files.writeString(dir.resolve(folder).resolve(ProbeReport.OWNER), className);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        earlier.accept("dev.probe.junit.extension.DeletedSinceTest", "DeletedSinceTest");
        earlier.accept(ParkedClass.class.getName(), ProbeReport.shortName(ParkedClass.class));
        earlier.accept(FailingAfterEach.class.getName(), ProbeReport.shortName(FailingAfterEach.class));
        // an earlier run's full report of an invocation that now ends in an error, and a file this run does not write
        // beside the ones it does: nothing of them may stay to contradict this run
        Path classDir = dir.resolve(ProbeReport.shortName(Endings.class));
        Files.createDirectories(classDir.resolve("brokenModel").resolve("0"));
        Files.writeString(classDir.resolve("brokenModel").resolve("0").resolve("samples.png"), "an earlier run's samples");
        Files.createDirectories(classDir.resolve("passed").resolve("0"));
        Files.writeString(classDir.resolve("passed").resolve("0").resolve("samples-full.csv.gz"), "other draws");
        var events = Fixtures.run(Endings.class, Map.of("probe.reportDir", dir.toString()));
        events.testEvents().assertStatistics(s -> s.started(5).succeeded(1).failed(3).aborted(1));
        assertThat(classDir.resolve("brokenModel").resolve("0")).doesNotExist();
        assertThat(classDir.resolve("passed").resolve("0").resolve("samples-full.csv.gz")).doesNotExist();
        assertThat(classDir.resolve("passed").resolve("0").resolve("samples.csv")).exists();
        // each report says how its invocation ended
        // with the assertion that failed and its numbers, on one row: a reviewer reading the report alone saw a count
        assertThat(Files.readString(classDir.resolve("failedAssertion").resolve("0").resolve("diagnostics.txt")))
                .containsPattern("failed: the test's assertions did not hold: Probe 'high confidence: class 0' "
                        + "\\(Endings#failedAssertion\\) failed: / expected target attainment at most 0.000, but the "
                        + "attained fraction is 1.000 / rate: 160/160 = 1.0000, 95% CI \\[0.8210, 1.0000\\] \\(n_eff "
                        + "18.7\\)\\R");
        // right after the probe's name, first in the table (it was row 16 of 25), and marked in the HTML
        assertThat(Files.readAllLines(classDir.resolve("failedAssertion").resolve("0").resolve("diagnostics.txt")).get(1))
                .startsWith("outcome").contains("failed");
        assertThat(Files.readString(classDir.resolve("failedAssertion").resolve("0").resolve("diagnostics.html")))
                .contains("<tr style=\"font-weight:bold;background:#f8d0d0\"><th style=\"text-align:left\">outcome</th>");
        assertThat(Files.readString(classDir.resolve("passed").resolve("0").resolve("diagnostics.txt"))).contains("passed");
        events.containerEvents().assertStatistics(s -> s.skipped(1));
        assertThat(stale).doesNotExist();
        assertThat(dir.resolve(ProbeReport.shortName(Endings.class)).resolve("renamed")).doesNotExist();
        assertThat(dir.resolve(ProbeReport.shortName(Endings.class)).resolve("disabled")).doesNotExist();
        assertThat(dir.resolve(ProbeReport.shortName(Endings.class)).resolve("passed").resolve("0")).isDirectory();
        assertThat(Files.readString(dir.resolve("summary.csv"))).doesNotContain("DeletedSinceTest,", "ParkedClass,")
                .contains(FailingAfterEach.class.getName() + ",probe,0,failed");
        assertThat(dir.resolve("DeletedSinceTest")).doesNotExist();
        assertThat(dir.resolve(ProbeReport.shortName(ParkedClass.class))).doesNotExist();
        assertThat(dir.resolve(ProbeReport.shortName(FailingAfterEach.class)).resolve("probe")).isDirectory();
        // a plain exception in the test method carries the seed and the re-run command; a probe assertion has them already
        java.util.function.Function<String, Throwable> thrown = name -> events.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getUniqueId().toString().contains("[test-template:" + name + "("))
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
                        .orElseThrow())
                .findFirst().orElseThrow();
        assertThat(thrown.apply("brokenTest").getSuppressed()).singleElement()
                .satisfies(n -> assertThat(n.getMessage()).contains("seed: 3").contains("re-run: ")
                        .contains("-Dprobe.only='0'"));
        assertThat(thrown.apply("failedAssertion").getSuppressed()).isEmpty();
        assertThat(thrown.apply("failedAssertion").getMessage()).contains("seed: 3");
        List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
        assertThat(lines.get(0)).isEqualTo(String.join(",", SummaryCsv.COLUMNS));
        String prefix = Endings.class.getName() + ",";
        // (the left-out class's row, checked above, aside)
        Map<String, String> byMethod = lines.stream().skip(1).filter(l -> l.startsWith(prefix))
                .collect(Collectors.toMap(l -> l.split(",", -1)[1], l -> l));
        assertThat(lines).hasSize(1 + 5 + 1);
        assertThat(byMethod).hasSize(5);
        // a failed assumption is skipped, as JUnit reports it (it was counted as an error)
        assertThat(byMethod.get("assumed")).startsWith(prefix + "assumed,0,skipped,");
        assertThat(byMethod.get("brokenModel")).isEqualTo(prefix + "brokenModel,0,error,,,,,,,,");
        assertThat(byMethod.get("brokenTest")).startsWith(prefix + "brokenTest,0,error,").doesNotContain(",error,,");
        assertThat(byMethod.get("failedAssertion")).startsWith(prefix + "failedAssertion,0,failed,");
        assertThat(byMethod.get("passed")).startsWith(prefix + "passed,0,passed,");
    }

    private static List<String> row(String method, String key, String outcome) {
        List<String> r = new java.util.ArrayList<>(java.util.Collections.nCopies(SummaryCsv.COLUMNS.size(), ""));
        r.set(0, "a.B");
        r.set(1, method);
        r.set(2, key);
        r.set(3, outcome);
        return r;
    }

    @Test
    void aTemplatesErrorRowAndItsInvocationRowsNeverOutliveEachOther(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // a client's template failed before it expanded (an error row with an empty key); fixed and run again without
        // clean, its invocations passed, but the stale error row stayed and a dashboard counted a failure
        SummaryCsv summary = SummaryCsv.at(dir.resolve("summary.csv"));
        summary.write(row("other", "1", "passed"));
        summary.write(row("toMid", "", "error"));
        summary.write(row("toMid", "factual0", "passed"));
        summary.write(row("toMid", "factual1", "passed"));
        assertThat(SummaryCsv.read(dir.resolve("summary.csv"))).extracting(r -> String.join(",", r.subList(1, 4)))
                .containsExactly("other,1,passed", "toMid,factual0,passed", "toMid,factual1,passed");
        // broken again: its old passes must not stand for a template that no longer runs
        summary.write(row("toMid", "", "error"));
        assertThat(SummaryCsv.read(dir.resolve("summary.csv"))).extracting(r -> String.join(",", r.subList(1, 4)))
                .containsExactly("other,1,passed", "toMid,,error");
    }
}
