package dev.probe.junit.extension;

import static dev.probe.junit.extension.Fixtures.reportEntries;
import static dev.probe.junit.extension.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.container;
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
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Probes among JUnit's lifecycle: a re-run of single invocations (Surefire's rerunFailingTestsCount, an IDE's "run
 * failed") leaves a gate unevaluated instead of counting the invocations it did not run, and summary.csv and gates
 * say what JUnit says when an {@code @AfterEach} or {@code @BeforeEach} method fails.
 */
class LifecycleTest {
    private static final String DIR = "target/probe-reports-lifecycle";

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 10, seed = "7", maxRhat = 10,
            minAttainedEss = 1)
    static class GatedWithAFailure {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = {0, 1, 2})
        @ProbeGate(minPassed = 2)
        void confident(ProbeAnswer answer) {
            if (answer.key().equals("1")) {
                throw new AssertionError("class 1 fails on purpose");
            }
        }
    }

    @Test
    void reRunningOneFailedInvocationLeavesTheGateUnevaluatedInsteadOfFailingIt() throws Exception {
        EngineExecutionResults first = run(GatedWithAFailure.class, Map.of("probe.reportDir", DIR));
        first.testEvents().assertStatistics(s -> s.started(3).succeeded(2).failed(1));
        assertThat(reportEntries(first, "probe")).anyMatch(e -> e.startsWith("Probe gate of GatedWithAFailure#confident passed: "
                + "3 of 3 invocations sampled their target (enough effective attained samples: minAttainedEss), 2 passed"));
        String failed = first.testEvents().failed().stream().findFirst().orElseThrow().getTestDescriptor().getUniqueId()
                .toString();

        // what Surefire's rerunFailingTestsCount does: select the failed invocation by its unique id
        EngineExecutionResults rerun = EngineTestKit.engine("junit-jupiter").selectors(selectUniqueId(failed))
                .configurationParameter("probe.reportDir", DIR).execute();
        rerun.testEvents().assertStatistics(s -> s.started(1).failed(1));
        rerun.containerEvents().assertStatistics(s -> s.failed(0));
        assertThat(reportEntries(rerun, "probe")).contains("Probe gate of GatedWithAFailure#confident not evaluated: JUnit "
                + "ran 1 of its 3 invocations (a re-run of failed tests, or a selection of single invocations); run the "
                + "whole test method to evaluate it.");
    }

    @Test
    void aSelectionOfEveryInvocationEvaluatesTheGate() {
        // a gate's re-run command selects its invocations by key: with all of them selected it was "not evaluated"
        EngineExecutionResults all = run(GatedWithAFailure.class, Map.of("probe.reportDir", DIR, "probe.only", "0,1,2"));
        all.testEvents().assertStatistics(s -> s.started(3).failed(1));
        assertThat(reportEntries(all, "probe")).anyMatch(e -> e.startsWith("Probe gate of GatedWithAFailure#confident passed: "
                + "3 of 3 invocations sampled"));
        EngineExecutionResults some = run(GatedWithAFailure.class, Map.of("probe.reportDir", DIR, "probe.only", "0,1"));
        assertThat(reportEntries(some, "probe")).anyMatch(e -> e.startsWith("Probe gate of GatedWithAFailure#confident not "
                + "evaluated: probe.only=0,1 runs 2 of its 3 invocations"));
    }

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 10, seed = "7", maxRhat = 10,
            minAttainedEss = 1)
    static class FailingLifecycleMethods {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @BeforeEach
        void before(TestInfo info) {
            if (info.getTestMethod().orElseThrow().getName().equals("beforeFails")) {
                throw new IllegalStateException("@BeforeEach fails on purpose");
            }
        }

        @AfterEach
        void after(TestInfo info) {
            if (info.getTestMethod().orElseThrow().getName().equals("afterFails")) {
                throw new IllegalStateException("@AfterEach fails on purpose");
            }
        }

        @ProbeHighConfidence(classes = 0)
        void beforeFails(ProbeAnswer answer) {}

        @ProbeHighConfidence(classes = 0)
        @ProbeGate(minPassed = 1)
        void afterFails(ProbeAnswer answer) {}

        @ProbeHighConfidence(classes = 0)
        void allPass(ProbeAnswer answer) {}
    }

    @Test
    void summaryRowsAndGatesSayErrorWhenALifecycleMethodFails() throws Exception {
        Files.deleteIfExists(Path.of(DIR, "summary.csv"));
        // an earlier run's report of the invocation whose @BeforeEach now fails must not stand beside its error row
        Path stale = Path.of(DIR, ProbeReport.folder(Path.of(DIR), FailingLifecycleMethods.class), "beforeFails", "0");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("samples.csv"), "an earlier run's samples");
        EngineExecutionResults events = run(FailingLifecycleMethods.class, Map.of("probe.reportDir", DIR));
        assertThat(stale).doesNotExist();
        events.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2));
        List<String> rows = Files.readAllLines(Path.of(DIR, "summary.csv")).stream()
                .filter(r -> r.contains("FailingLifecycleMethods")).toList();
        assertThat(rows).hasSize(3)
                .anyMatch(r -> r.contains(",beforeFails,0,error,"))
                .anyMatch(r -> r.contains(",afterFails,0,error,") && !r.contains(",afterFails,0,error,,"))
                .anyMatch(r -> r.contains(",allPass,0,passed,"));
        // the probe passed, then @AfterEach failed: JUnit reports a failure, and the gate counts none passed
        events.containerEvents().assertThatEvents().haveExactly(1, event(container(), finishedWithFailure(message(m -> m
                .startsWith("Probe gate of FailingLifecycleMethods#afterFails failed: 1 of 1 invocations sampled their "
                        + "target (enough effective attained samples: minAttainedEss), 0 passed")))));
    }
}
