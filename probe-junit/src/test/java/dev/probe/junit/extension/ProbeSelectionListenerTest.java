package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Through the launcher (as Surefire and IDEs run tests): a re-run whose probe test the tag filter excluded says
 * so, and a key of probe.only that matches nothing is the headline of a failure, not the cause of a close error.
 */
class ProbeSelectionListenerTest {

    /** The console of a launcher run of VerdictTest.Flat's probes tagged {@code tag}, with these parameters. */
    private static String consoleOfARunWith(String tag, Map<String, String> parameters) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(VerdictTest.Flat.class))
                    .filters(TagFilter.includeTags(tag))
                    .configurationParameters(parameters)
                    .configurationParameter("probe.reportDir", "target/probe-reports-listener")
                    .build());
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRunWithProbeOnlyButNoProbeTestWarnsOnTheConsole() {
        assertThat(consoleOfARunWith("nightly", Map.of("probe.only", "7"))).contains("[probe] WARNING: probe.only='7' is set, but this run holds no "
                + "probe test: the test selection (-Dtest, tags or groups) excluded it, so no probe invocation runs.");
    }

    @Test
    void misspelledKeysFromTheBuildsConfigurationParametersAreNamedNotOnlySystemProperties() {
        // what Surefire's configurationParameters and junit-platform.properties hand the launcher
        assertThat(consoleOfARunWith("nightly", Map.of("probe.notconverged", "fail", "probe.drawz", "10", "probe.fooBar", "1")))
                .contains("[probe] ERROR: Configuration keys that are no probe setting: probe.drawz (did you mean "
                        + "probe.draws?), probe.notconverged (did you mean probe.notConverged?).")
                .contains("[probe] note: configuration keys named probe.* that are no probe setting, ignored: probe.fooBar");
    }

    /**
     * The engine reads probe.device, probe.chunk and probe.kernelCheck from system properties or the environment: set
     * in junit-platform.properties (or the build's configuration parameters) they did nothing, without a word (a GPU
     * team's probe.device=gpu ran on the CPU). They now fail the launch's probes, saying where to set them.
     */
    @Test
    void engineKeysSetWhereTheEngineCannotReadThemFailTheProbesOfTheLaunch() {
        SummaryGeneratingListener summary = launchWith(Map.of("probe.device", "gpu", "probe.chunk", "auto"));
        assertThat(summary.getSummary().getTestsStartedCount()).isZero();
        assertThat(summary.getSummary().getFailures()).isNotEmpty().allSatisfy(f -> assertThat(f.getException())
                .hasMessageContaining("The engine reads probe.device, probe.chunk from system properties or the "
                        + "environment only, but this run sets them in junit-platform.properties or the build's "
                        + "configuration parameters").hasMessageContaining("<systemPropertyVariables>"));
        assertThat(launch("0").getSummary().getTestsSucceededCount()).isPositive();
    }

    /** The near misses of one launch fail its probes; a later launch without them runs its probes. */
    @Test
    void aNearMissFailsTheProbesOfItsLaunchOnly() {
        SummaryGeneratingListener summary = launchWith(Map.of("probe.chain", "5"));
        assertThat(summary.getSummary().getTestsStartedCount()).isZero();
        assertThat(summary.getSummary().getFailures()).isNotEmpty().allSatisfy(f -> assertThat(f.getException())
                .hasMessageContaining("probe.chain (did you mean probe.chains?)"));
        assertThat(launch("0").getSummary().getTestsSucceededCount()).isPositive();
    }

    private static SummaryGeneratingListener launch(String only) {
        return launchWith(Map.of("probe.only", only));
    }

    /** A launcher run of ProbeExtensionTest.Confident with these configuration parameters. */
    private static SummaryGeneratingListener launchWith(Map<String, String> parameters) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ProbeExtensionTest.Confident.class))
                .configurationParameters(parameters)
                .configurationParameter("probe.reportDir", "target/probe-reports-listener")
                .build(), summary);
        return summary;
    }

    /** A client re-ran a gate's side by the key summary.csv printed (2-candidate) and read only "matched nothing". */
    @Test
    void aKeyOfAGatesSideIsAnsweredWithTheGatesKey() {
        assertThat(Selection.gateSides(new java.util.LinkedHashSet<>(List.of("2-candidate", "pooled-baseline-7", "4:9"))))
                .contains("probe.only takes the gate's own key").contains("'2-candidate' -> '2'")
                .contains("'pooled-baseline-7' -> 'pooled'").doesNotContain("4:9");
        assertThat(Selection.gateSides(java.util.Set.of("4:9"))).isEmpty();
    }

    private static final String UNMATCHED = "probe.only names [4:9], which matched no invocation of the probe templates "
            + "that ran. Check the key (the failure message prints it) and that the test selection (-Dtest, tags) "
            + "includes its test method, and that the method is not @Disabled or switched off by a condition "
            + "(@EnabledOnOs and the like). The probe templates that ran have the keys: 0, 0:1, 1, 1:2, 2.";

    @Test
    void aKeyOfProbeOnlyThatMatchesNothingIsTheHeadlineOfTheFailure() {
        SummaryGeneratingListener summary = launch("4:9");
        assertThat(summary.getSummary().getFailures()).singleElement()
                .satisfies(f -> assertThat(f.getException()).isInstanceOf(IllegalArgumentException.class).hasMessage(UNMATCHED));
        assertThat(summary.getSummary().getTestsStartedCount()).isZero();
    }

    @Test
    void theMatchedKeysStillRunAndTheUnmatchedOneFailsOnce() {
        SummaryGeneratingListener summary = launch("0,4:9");
        assertThat(summary.getSummary().getFailures()).singleElement()
                .satisfies(f -> assertThat(f.getException()).hasMessage(UNMATCHED));
        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(1);
    }

    /**
     * A mistyped key of a re-run fails the run but leaves the method's earlier reports and summary rows alone (a new
     * user's {@code -Dprobe.only=9} used to replace four rows by one error row and delete their folders, as a
     * misconfigured template does).
     */
    @Test
    void aMistypedKeyKeepsTheReportsAndSummaryRowsOfEarlierRuns() throws Exception {
        String dir = "target/probe-reports-mistyped";
        java.util.function.Function<String, SummaryGeneratingListener> launch = only -> {
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(ProbeExtensionTest.ManyDraws.class)) // one template
                    .configurationParameter("probe.only", only)
                    .configurationParameter("probe.reportDir", dir)
                    .build(), summary);
            return summary;
        };
        assertThat(launch.apply("0").getSummary().getTestsSucceededCount()).isEqualTo(1);
        java.nio.file.Path report = java.nio.file.Path.of(dir, "ProbeExtensionTest$ManyDraws/confident/0");
        java.nio.file.Path csv = java.nio.file.Path.of(dir, "summary.csv");
        assertThat(report.resolve("diagnostics.txt")).exists();
        java.util.List<String> before = java.nio.file.Files.readAllLines(csv);
        assertThat(before).anySatisfy(line -> assertThat(line).contains(",confident,0,"));
        SummaryGeneratingListener mistyped = launch.apply("9");
        assertThat(mistyped.getSummary().getFailures()).singleElement()
                .satisfies(f -> assertThat(f.getException()).hasMessageStartingWith("probe.only names [9]"));
        assertThat(report.resolve("diagnostics.txt")).exists();
        assertThat(java.nio.file.Files.readAllLines(csv)).isEqualTo(before);
    }

    /** A class whose {@code @BeforeAll} throws when {@link #BREAK} is set (a model that failed to load, say). */
    @dev.probe.junit.ProbeSettings(sampler = dev.probe.junit.SamplerKind.MALA, chains = 8, warmup = 80, draws = 20,
            seed = "3", maxRhat = 10, minAttainedEss = 1)
    static class BreaksBeforeAll {
        static volatile boolean BREAK;
        @dev.probe.junit.ProbedModel static final dev.probe.core.model.Classifier MODEL = Fixtures.threeClasses();
        @dev.probe.junit.Generator static final dev.probe.core.space.SampleSpace BOX = Fixtures.box();

        @org.junit.jupiter.api.BeforeAll
        static void load() {
            if (BREAK) {
                throw new IllegalStateException("the model server is down");
            }
        }

        @dev.probe.junit.annotations.ProbeHighConfidence(classes = {0, 1})
        void confident(dev.probe.junit.ProbeAnswer answer) {}
    }

    /**
     * A new user's {@code @BeforeAll} failed on a second run: JUnit reported the class as an error and no probe ran, but
     * {@code summary.csv} still read {@code passed} for both invocations and their report folders stayed.
     */
    @Test
    void aClassThatFailsBeforeItsProbesStartGetsErrorRowsNotTheLastRunsPasses() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target/probe-reports-beforeall");
        java.nio.file.Path summaryCsv = dir.resolve("summary.csv");
        java.util.function.Supplier<List<String>> rows = () -> {
            try {
                return java.nio.file.Files.readAllLines(summaryCsv).stream().filter(r -> r.contains("$BreaksBeforeAll,")).toList();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        try {
            BreaksBeforeAll.BREAK = false;
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(BreaksBeforeAll.class))
                    .configurationParameter("probe.reportDir", dir.toString()).build());
            assertThat(rows.get()).hasSize(2).allMatch(r -> r.contains(",passed,"));
            java.nio.file.Path method = dir.resolve("ProbeSelectionListenerTest$BreaksBeforeAll/confident");
            assertThat(method.resolve("0")).isDirectory();

            BreaksBeforeAll.BREAK = true;
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(BreaksBeforeAll.class))
                    .configurationParameter("probe.reportDir", dir.toString()).build(), summary);
            assertThat(summary.getSummary().getContainersFailedCount()).isEqualTo(1);
            assertThat(rows.get()).containsExactly("dev.probe.junit.extension.ProbeSelectionListenerTest$BreaksBeforeAll,"
                    + "confident,,error,,,,,,,,");
            assertThat(method).doesNotExist();
        } finally {
            BreaksBeforeAll.BREAK = false;
        }
    }

    /** No probe at all: a run of it expands no probe template. */
    static class PlainOnly {
        @Test
        void plain() {}
    }

    /**
     * A run in which no probe template expands still forgets the rows and folders of test classes that no longer run
     * (a new user's only probe class, disabled since, kept its "passed" rows; so did a deleted one), and keeps those of
     * a class it only left out.
     */
    @Test
    void theEndOfARunForgetsClassesThatNoLongerRunEvenWhereNoProbeRan() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target/probe-reports-listener-forget");
        java.nio.file.Files.deleteIfExists(dir.resolve("summary.csv"));
        for (String c : java.util.List.of("dev.probe.junit.extension.DeletedSinceTest", SummaryRowsTest.ParkedClass.class.getName(),
                WithADisabledProbe.class.getName())) {
            SummaryCsv.at(dir.resolve("summary.csv")).write(java.util.List.of(c, "probe", "0", "passed", "", "", "", "", "",
                    "", "", ""));
            java.nio.file.Path folder = dir.resolve(c.substring(c.lastIndexOf('.') + 1));
            java.nio.file.Files.createDirectories(folder.resolve("probe"));
            java.nio.file.Files.writeString(folder.resolve(ProbeReport.OWNER), c);
        }
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(PlainOnly.class))
                .configurationParameter("probe.reportDir", dir.toString()).build());
        assertThat(java.nio.file.Files.readString(dir.resolve("summary.csv"))).doesNotContain("DeletedSinceTest,",
                "ParkedClass,").contains(WithADisabledProbe.class.getName() + ",probe,0,passed");
        assertThat(dir.resolve("DeletedSinceTest")).doesNotExist();
        assertThat(dir.resolve("SummaryRowsTest$ParkedClass")).doesNotExist();
        assertThat(dir.resolve("ProbeSelectionListenerTest$WithADisabledProbe")).isDirectory();
    }

    /** A class with a @Disabled probe beside a running one (common in real suites). */
    @dev.probe.junit.ProbeSettings(sampler = dev.probe.junit.SamplerKind.MALA, chains = 8, warmup = 80, draws = 20,
            seed = "3", maxRhat = 10, minAttainedEss = 1)
    static class WithADisabledProbe {
        @dev.probe.junit.ProbedModel static final dev.probe.core.model.Classifier MODEL = Fixtures.threeClasses();
        @dev.probe.junit.Generator static final dev.probe.core.space.SampleSpace BOX = Fixtures.box();

        @org.junit.jupiter.api.Disabled("until the next model version")
        @dev.probe.junit.annotations.ProbeHighConfidence(classes = 0)
        void later(dev.probe.junit.ProbeAnswer answer) {}

        @dev.probe.junit.annotations.ProbeHighConfidence(classes = 1)
        void now(dev.probe.junit.ProbeAnswer answer) {}
    }

    /**
     * With a @Disabled probe in the plan the last template never came, and an unmatched key failed the run from a close
     * hook: Surefire's headline read "Failed to close extension context" on a test called "JUnit Jupiter".
     */
    @Test
    void anUnmatchedKeyIsTheFailureOfATemplateAlsoBesideADisabledProbe() {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(WithADisabledProbe.class))
                .configurationParameter("probe.only", "zzz")
                .configurationParameter("probe.reportDir", "target/probe-reports-listener").build(), summary);
        assertThat(summary.getSummary().getFailures()).singleElement().satisfies(f -> {
            assertThat(f.getException()).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(
                    "probe.only names [zzz], which matched no invocation");
            assertThat(f.getTestIdentifier().getSource()).get().isInstanceOf(org.junit.platform.engine.support.descriptor.MethodSource.class);
        });
    }
}
