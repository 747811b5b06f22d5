package dev.probe.junit.extension;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;
import static dev.probe.junit.extension.Fixtures.reportEntries;
import static dev.probe.junit.extension.Fixtures.run;
import static dev.probe.junit.extension.Fixtures.testNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.probe.core.model.Classifier;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.annotations.ProbeAmbivalent;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The extension through the JUnit Platform: invocations, names, parameters, reports, parallel runs. */
class ProbeExtensionTest {

    /** Small budgets, judged on lenient convergence thresholds: these fixtures test the pipeline, not the sampler. */
    @ProbeSettings(sampler = SamplerKind.MALA, chains = 8, warmup = 80, draws = 20, seed = "3", maxRhat = 10, minAttainedEss = 1)
    static class Confident {
        static final Map<String, ProbeResult> RESULTS = new ConcurrentHashMap<>();

        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence
        void confident(ProbeAnswer answer) {
            RESULTS.put(answer.key(), answer.result());
            assertThat(answer).hasTargetAttainmentAtLeast(0.5);
            assertThat(answer.result().config().chains()).isEqualTo(8);
        }

        @ProbeAmbivalent(pairs = {"0:1", "1:2"}, tolerance = 0.2)
        @ProbeSettings(chains = 6, warmup = 200, sigma = 0.1)
        void torn(ProbeResult result) {
            RESULTS.put("torn " + result.provenance().query(), result);
            assertThat(result.config().chains()).isEqualTo(6);
            assertThat(result.size()).isEqualTo(6 * 20);
        }
    }

    /** Pairs among chosen classes, and pairs computed from data (a many-class team's: 4,950 pairs are not its question). */
    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 20, draws = 10, seed = "3", maxRhat = 1000, minAttainedEss = 0)
    static class ChosenPairs {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        static int[][] confused() {
            return new int[][] {{2, 1}};
        }

        @ProbeAmbivalent(classes = {2, 0}, tolerance = 0.5)
        void among(ProbeAnswer answer) {}

        @ProbeAmbivalent(pairsFrom = "confused", tolerance = 0.5)
        void fromData(ProbeAnswer answer) {}
    }

    @Test
    void pairsAmongChosenClassesOrFromAMember() {
        assertThat(testNames(run(ChosenPairs.class, Map.of()))).containsExactlyInAnyOrder("ambivalent 0 vs 2",
                "ambivalent 2 vs 1");
    }

    @Test
    void oneInvocationPerClassAndPairWithReadableNamesTheAnswerAsParameterAndASmallReport() throws Exception {
        EngineExecutionResults events = run(Confident.class, Map.of());
        assertThat(testNames(events)).containsExactlyInAnyOrder("high confidence: class 0", "high confidence: class 1",
                "high confidence: class 2", "ambivalent 0 vs 1", "ambivalent 1 vs 2");
        events.testEvents().assertStatistics(s -> s.started(5).succeeded(5).failed(0));
        Path report = Path.of("target/probe-reports-fixtures/ProbeExtensionTest$Confident/confident/1");
        for (String file : List.of("confidence.png", "latent.png", "trace.png", "features.png", "diagnostics.html",
                "diagnostics.txt", "samples.csv")) {
            assertThat(report.resolve(file)).isNotEmptyFile();
        }
        assertThat(report.resolve("diagnostics.html")).content().contains("high confidence: class 1", "seed");
        assertThat(report.resolve("samples.csv")).content()
                .startsWith("draw,chain,s_0,s_1,linear3_0,linear3_1,linear3_2,energy,target_distance,x_0,x_1");
        assertThat(report.resolve("samples-full.csv.gz")).doesNotExist();
        try (var files = java.nio.file.Files.walk(report)) {
            assertThat(files.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum())
                    .isLessThan(2_000_000);
        }
        assertThat(reportEntries(events, "probe-report")).hasSize(5);
    }

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 10, seed = "11", maxRhat = 10, minAttainedEss = 0)
    static class Images {
        @ProbedModel static final Classifier MODEL = Fixtures.images();
        @Generator static final SampleSpace PIXELS = Fixtures.pixels();

        @ProbeHighConfidence(classes = 0, tolerance = 0.3)
        void bright(ProbeAnswer answer) {}
    }

    @Test
    void imageInputsGetGridsAtTheModelsDeclaredShapeAttainedAndMissedApart() throws Exception {
        run(Images.class, Map.of()).testEvents().assertStatistics(s -> s.finished(1));
        Path report = Path.of("target/probe-reports-fixtures/ProbeExtensionTest$Images/bright/0");
        assertThat(report.resolve("features.png")).doesNotExist();
        assertThat(java.nio.file.Files.exists(report.resolve("samples.png"))
                || java.nio.file.Files.exists(report.resolve("missed.png"))).isTrue();
        assertThat(report.resolve("samples.csv")).content().startsWith("draw,chain,s_0,").contains(",x_63"); // 64 features: few enough
        java.awt.image.BufferedImage grid = javax.imageio.ImageIO.read(report.resolve(
                java.nio.file.Files.exists(report.resolve("samples.png")) ? "samples.png" : "missed.png").toFile());
        assertThat(grid.getWidth()).isGreaterThan(8 * 3);
    }

    @Test
    void everyInputValueIsOptInAndCompressed() throws Exception {
        run(Confident.class, Map.of("probe.only", "0", "probe.reportSamples", "full", "probe.reportDir",
                "target/probe-reports-full"));
        Path gz = Path.of("target/probe-reports-full/ProbeExtensionTest$Confident/confident/0/samples-full.csv.gz");
        try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(gz))) {
            var lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .collect(java.util.stream.Collectors.toList());
            assertThat(lines.get(0)).isEqualTo("draw,chain,s_0,s_1,linear3_0,linear3_1,linear3_2,energy,target_distance,x_0,x_1");
            assertThat(lines).hasSize(1 + 8 * 20);
        }
    }

    /** Many draws: the compact CSV is thinned to stay small, the opt-in full CSV keeps every draw. */
    @ProbeSettings(sampler = SamplerKind.MALA, chains = 8, warmup = 20, draws = 1000, seed = "5", maxRhat = 10,
            minAttainedEss = 0)
    static class ManyDraws {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void manyDrawsAreThinnedInTheCompactCsvAndSaySo() throws Exception {
        run(ManyDraws.class, Map.of("probe.reportSamples", "full", "probe.reportDir", "target/probe-reports-many"));
        Path report = Path.of("target/probe-reports-many/ProbeExtensionTest$ManyDraws/confident/0");
        List<String> lines = java.nio.file.Files.readAllLines(report.resolve("samples.csv"));
        List<String> full;
        try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(report.resolve("samples-full.csv.gz")))) {
            full = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(full).hasSize(1 + 8000);
        // 8,000 draws x 11 columns = 88,000 cells > 40,000: every 3rd draw, and the 48 closest missed draws (missed.png's;
        // a reviewer could trace 3 of the 7 a grid showed)
        int column = java.util.Arrays.asList(full.get(0).split(",")).indexOf("target_distance");
        List<Integer> missed = java.util.stream.IntStream.range(0, 8000)
                .filter(i -> Double.parseDouble(full.get(1 + i).split(",")[column]) > 0.1).boxed()
                .sorted(java.util.Comparator.comparingDouble(i -> Double.parseDouble(full.get(1 + i).split(",")[column])))
                .limit(48).toList();
        assertThat(missed).as("the fixture misses some draws").isNotEmpty();
        java.util.Set<Integer> kept = new java.util.TreeSet<>(missed);
        java.util.stream.IntStream.range(0, 8000).filter(i -> i % 3 == 0).forEach(kept::add);
        assertThat(lines.stream().skip(1).map(l -> Integer.parseInt(l.split(",")[0])).toList())
                .containsExactlyElementsOf(kept);
        assertThat(lines.get(2)).startsWith(kept.stream().skip(1).findFirst().orElseThrow() + ",");
        assertThat(report.resolve("samples.csv").toFile().length()).isLessThan(2_000_000);
        long extra = kept.size() - 2667;
        assertThat(report.resolve("diagnostics.txt")).content().contains("every 3rd of 8000 draws (column draw)"
                + (extra > 0 ? " and " + extra + " more of the closest missed draws" : ""));
    }

    @Test
    void probeOnlySelectsInvocationsByKey() {
        EngineExecutionResults events = run(Confident.class, Map.of("probe.only", "1:2,0"));
        assertThat(testNames(events)).containsExactlyInAnyOrder("ambivalent 1 vs 2", "high confidence: class 0");
    }

    @Test
    void aProbeOnlyThatNamesNoKeyFailsRatherThanRunningEverything() {
        // a new user's -Dprobe.only=, ran every invocation
        EngineExecutionResults events = run(Confident.class, Map.of("probe.only", " , "));
        assertThat(testNames(events)).isEmpty();
        events.allEvents().assertThatEvents().haveAtLeastOne(event(finishedWithFailure(message(m -> m.startsWith(
                "probe.only = ' , ' names no key: give the keys of the invocations to run")))));
    }

    @Test
    void aKeyOfProbeOnlyThatMatchesNothingFailsTheRunSoARerunCannotPassWithZeroTests() {
        EngineExecutionResults events = run(Confident.class, Map.of("probe.only", "4:9"));
        assertThat(testNames(events)).isEmpty();
        events.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(cause(message(
                "probe.only names [4:9], which matched no invocation of the probe templates that ran. Check the key (the "
                        + "failure message prints it) and that the test selection (-Dtest, tags) includes its test method, and that "
                        + "the method is not @Disabled or switched off by a condition (@EnabledOnOs and the like). The probe "
                        + "templates that ran have the keys: 0, 0:1, 1, 1:2, 2.")))));
    }

    @Test
    void aPairKeyGivenTheOtherWayRoundIsNamedInTheFailure() {
        // a new user's -Dprobe.only='1:0' matched nothing: the pair is declared "0:1"
        EngineExecutionResults events = run(Confident.class, Map.of("probe.only", "1:0"));
        assertThat(testNames(events)).isEmpty();
        events.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(cause(message(m -> m.startsWith(
                "probe.only names [1:0], which matched no invocation") && m.endsWith(
                        " A pair's key is written as its annotation declares it: '1:0' -> '0:1'. The probe templates that "
                                + "ran have the keys: 0, 0:1, 1, 1:2, 2."))))));
    }

    @Test
    void theKeysThatRanAreListedUpToALimit() {
        assertThat(Selection.keysThatRan(java.util.Set.of())).isEqualTo(" No probe template ran in this selection.");
        java.util.Set<String> many = new java.util.HashSet<>();
        for (int k = 0; k < Selection.LISTED_KEYS + 3; k++) {
            many.add("k" + (char) ('a' + k));
        }
        assertThat(Selection.keysThatRan(many)).startsWith(" The probe templates that ran have the keys: ka, kb, kc,")
                .endsWith("kx, … and 3 more.");
    }

    @Test
    void shardsSplitTheInvocationsDeterministicallyAndTogetherRunEachOnce() {
        List<String> first = testNames(run(Confident.class, Map.of("probe.shard", "1/2")));
        List<String> second = testNames(run(Confident.class, Map.of("probe.shard", "2/2")));
        assertThat(first).doesNotContainAnyElementsOf(second);
        assertThat(first.size() + second.size()).isEqualTo(5);
        assertThat(first).containsExactlyInAnyOrderElementsOf(testNames(run(Confident.class, Map.of("probe.shard", "1/2"))));
        assertThat(Math.abs(first.size() - second.size())).isLessThanOrEqualTo(2);
    }

    @Test
    void aMalformedShardNamesTheFix() {
        EngineExecutionResults events = run(Confident.class, Map.of("probe.shard", "3/2"));
        events.allEvents().assertThatEvents().haveAtLeast(1, event(finishedWithFailure(message(
                "Probe setting 'shard' = \"3/2\" (from launcher parameter probe.shard) is invalid: expected i/n with 1 <= i <= n, "
                        + "e.g. 2/4 for the second of four shards."))));
    }

    @Test
    void aReportSamplesValueItCannotReadIsRefused() {
        // a typo left the run at compact without a word (a new user's fulll): no samples-full.csv.gz, no message
        EngineExecutionResults events = run(Confident.class, Map.of("probe.reportSamples", "fulll", "probe.reportDir",
                "target/probe-reports-typo"));
        events.allEvents().assertThatEvents().haveAtLeast(1, event(finishedWithFailure(message(
                "Probe setting 'reportSamples' = \"fulll\" (from launcher parameter probe.reportSamples) is invalid: expected "
                        + "full (every draw with every input value, in samples-full.csv.gz) or compact (the thinned "
                        + "samples.csv, the default)."))));
        assertThat(events.testEvents().started().count()).isZero(); // refused before any probe sampled
        assertThat(Path.of("target/probe-reports-typo/summary.csv")).content().contains("$Confident,confident,,error,");
    }

    @Test
    void aKernelCheckValueItCannotReadFailsAtOnceEvenWithoutConvolutions() {
        // read only when a model with convolutions loaded: a shared CI config's typo surfaced once a team added a CNN
        String before = System.getProperty("probe.kernelCheck");
        System.setProperty("probe.kernelCheck", "maybe");
        try {
            run(Confident.class, Map.of("probe.reportDir", "target/probe-reports-typo")).allEvents().assertThatEvents()
                    .haveAtLeast(1, event(finishedWithFailure(message("Unknown probe.kernelCheck 'maybe': use fail, warn "
                            + "or off"))));
        } finally {
            if (before == null) {
                System.clearProperty("probe.kernelCheck");
            } else {
                System.setProperty("probe.kernelCheck", before);
            }
        }
    }

    @Test
    void aTemplateOfVeryManyInvocationsSaysSoAndHowToNarrowIt() {
        // @ProbeAmbivalent without pairs over a new user's 50 classes made 1,225 invocations, about half an hour, unannounced
        assertThat(ProbeExtension.manyInvocations("ImageProbesTest#allPairs", "@ProbeAmbivalent", 1225, 1225, false)).isEqualTo(
                "note: ImageProbesTest#allPairs runs 1,225 invocations of @ProbeAmbivalent, a probe each: name the classes "
                        + "or pairs you need in the annotation (pairs, classes = {…} for the pairs among them, or pairsFrom = "
                        + "a member that computes them), or select some with -Dprobe.only=<key>,<key> or spread them "
                        + "over CI jobs with -Dprobe.shard=i/n.");
        assertThat(ProbeExtension.manyInvocations("T#m", "@ProbeAmbivalent", 613, 1225, false)).contains("runs 613 invocations (of its 1225)");
        // a shard is told of more shards, not of sharding
        assertThat(ProbeExtension.manyInvocations("T#m", "@ProbeAmbivalent", 260, 780, true)).endsWith(
                "-Dprobe.only=<key>,<key>, or use more shards.").doesNotContain("-Dprobe.shard");
        assertThat(ProbeExtension.MANY_INVOCATIONS).isGreaterThan(45 * 4); // the 45 MNIST pairs, four times over, are not "many"
    }
}
