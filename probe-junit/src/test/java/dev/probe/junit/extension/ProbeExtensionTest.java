package dev.probe.junit.extension;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.probe.core.model.Classifier;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.annotations.Generator;
import dev.probe.junit.annotations.ModelUnderTest;
import dev.probe.junit.annotations.ProbeAmbivalent;
import dev.probe.junit.annotations.ProbeDefaults;
import dev.probe.junit.annotations.ProbeGate;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Events;

/** The extension through the JUnit Platform: invocations, names, parameters, outcomes, configuration. */
class ProbeExtensionTest {
    private static final Map<String, String> QUICK = Map.of("probe.reportDir", "target/probe-reports-fixtures");

    private static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
        var kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture));
        QUICK.forEach((k, v) -> {
            if (!configuration.containsKey(k)) {
                kit.configurationParameter(k, v);
            }
        });
        configuration.forEach(kit::configurationParameter);
        return kit.execute();
    }

    private static List<String> testNames(EngineExecutionResults events) {
        return events.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()).collect(Collectors.toList());
    }

    @ProbeDefaults(chains = 8, warmup = 80, draws = 20, seed = "3")
    static class Confident {
        @ModelUnderTest static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence
        void confident(ProbeResult result) {
            assertThat(result).hasTargetAttainmentAtLeast(0.5);
            assertThat(result.config().chains()).isEqualTo(8);
        }

        @ProbeAmbivalent(pairs = {"0:1", "1:2"}, chains = 6, warmup = 200)
        void torn(ProbeResult result) {
            assertThat(result.config().chains()).isEqualTo(6);
            assertThat(result.size()).isEqualTo(6 * 20);
        }
    }

    @Test
    void oneInvocationPerClassAndPairWithReadableNamesAndTheResultAsParameter() {
        EngineExecutionResults events = run(Confident.class, Map.of());
        assertThat(testNames(events)).containsExactlyInAnyOrder("high confidence: class 0", "high confidence: class 1",
                "high confidence: class 2", "ambivalent 0 vs 1", "ambivalent 1 vs 2");
        events.testEvents().assertStatistics(s -> s.started(5).succeeded(5).failed(0));
        java.nio.file.Path report = java.nio.file.Path.of("target/probe-reports-fixtures/Confident/confident/1");
        assertThat(report.resolve("confidence.png")).isNotEmptyFile();
        assertThat(report.resolve("latent.png")).isNotEmptyFile();
        assertThat(report.resolve("trace.png")).isNotEmptyFile();
        assertThat(report.resolve("features.png")).isNotEmptyFile();
        assertThat(report.resolve("diagnostics.html")).content().contains("high confidence: class 1", "seed");
        assertThat(report.resolve("samples.csv")).content().startsWith("chain,s_0,s_1,linear3_0,linear3_1,linear3_2,energy,target_distance,x_0,x_1");
    }

    @Test
    void invocationsRunSafelyInParallelThreads() {
        Map<String, String> parallel = Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "3",
                "probe.only", "0,1,2", "probe.reportDir", "target/probe-reports-parallel");
        EngineExecutionResults events = run(Confident.class, parallel);
        // every invocation samples (one sampler thread, one gradient collector) and passes its assertions
        events.testEvents().assertStatistics(s -> s.started(3).succeeded(3).failed(0));
        for (String c : List.of("0", "1", "2")) {
            assertThat(java.nio.file.Path.of("target/probe-reports-parallel/Confident/confident/" + c + "/samples.csv"))
                    .isNotEmptyFile();
        }
    }

    @Test
    void probeOnlySelectsOneInvocation() {
        EngineExecutionResults events = run(Confident.class, Map.of("probe.only", "1:2"));
        assertThat(testNames(events)).containsExactly("ambivalent 1 vs 2");
    }

    @Test
    void configurationParametersFillWhatAnnotationsLeaveUnset() {
        // @ProbeDefaults(chains = 8) still wins over configuration, configuration over built-ins
        EngineExecutionResults events = run(Confident.class, Map.of("probe.chains", "2", "probe.budget", "0.5", "probe.only", "0"));
        events.testEvents().assertStatistics(s -> s.succeeded(1));
    }

    @ProbeDefaults(chains = 4, warmup = 40, draws = 10, seed = "5")
    static class Demanding {
        @ModelUnderTest static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 1)
        void impossible(ProbeResult result) {
            assertThat(result).hasTargetAttainmentAtLeast(1.01);
        }
    }

    @Test
    void assertionFailuresNameTheProbeTheNumbersTheSeedAndTheRerunCommand() {
        EngineExecutionResults events = run(Demanding.class, Map.of());
        events.testEvents().assertThatEvents().haveExactly(1, event(test(), displayName("high confidence: class 1"),
                finishedWithFailure(message(m -> m.contains("Probe 'high confidence: class 1' (Demanding#impossible) failed")
                        && m.contains("expected target attainment at least 1.01")
                        && m.contains("seed: 5")
                        && m.contains("-Dprobe.only='1' -Dprobe.seed=5")
                        && m.contains("-Dsurefire.failIfNoSpecifiedTests=false")))));
    }

    @ProbeDefaults(chains = 4, warmup = 40, draws = 10, seed = "7")
    static class Unreachable {
        @ModelUnderTest static final Classifier MODEL = Fixtures.unreachableClassTwo();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = {0, 2})
        @ProbeGate(minSampled = 2)
        void confident(ProbeResult result) {}
    }

    @Test
    void aProbeThatCannotSampleItsTargetIsReportedAsSuchAndTheGateFails() {
        EngineExecutionResults events = run(Unreachable.class, Map.of());
        events.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
        events.testEvents().assertThatEvents().haveExactly(1, event(test(), displayName("high confidence: class 2"),
                finishedWithFailure(instanceOf(ProbeNotSampledException.class),
                        message(m -> m.contains("Could not sample the target") && m.contains("not a verdict on the model")))));
        events.containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message(m -> m.contains("only 1 of 2 invocations sampled their target (gate: at least 2)")))));
    }

    @Test
    void notSampledCanAbortInsteadOfFail() {
        EngineExecutionResults events = run(Unreachable.class, Map.of("probe.notSampled", "abort", "probe.only", "2"));
        events.testEvents().assertStatistics(s -> s.aborted(1).failed(0));
    }
}
