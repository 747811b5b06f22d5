package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.probe.core.model.Classifier;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * JUnit's timeouts bound a probe's sampling too (a CI owner's 5-second {@code @Timeout} on a probe that sampled for 29 s
 * passed): the sampler is interrupted at the deadline and the invocation fails naming the timeout; the next probe in the
 * same JVM samples as usual.
 */
class SamplingTimeoutTest {
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 20, draws = 10, seed = "3", maxRhat = 100,
            minAttainedEss = 0)
    static class Slow {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        /** Millions of iterations: far beyond the timeout. */
        @Order(1)
        @ProbeHighConfidence(classes = 0)
        @ProbeSettings(warmup = 10_000_000)
        @Timeout(value = 300, unit = TimeUnit.MILLISECONDS)
        void tooLong(ProbeAnswer answer) {}

        @Order(2)
        @ProbeHighConfidence(classes = 1)
        void afterIt(ProbeAnswer answer) {}
    }

    @Test
    void aTimeoutOnTheMethodInterruptsItsSamplingAndTheNextProbeStillRuns() {
        EngineExecutionResults events = Fixtures.run(Slow.class, Map.of());
        events.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        events.testEvents().assertThatEvents().haveExactly(1, event(test("tooLong"), finishedWithFailure(message(m ->
                m.startsWith("Sampling probe '") && m.contains("timed out after 300 ms (@Timeout on Slow#tooLong): the "
                        + "sampler was interrupted and this invocation has no answer. Sampling runs before the test method, "
                        + "and the timeout bounds it too.")))));
    }

    @Test
    void theDefaultTimeoutAppliesAndTheModeCanSwitchItOff() {
        EngineExecutionResults events = Fixtures.run(Unannotated.class,
                Map.of("junit.jupiter.execution.timeout.default", "250ms"));
        events.testEvents().assertThatEvents().haveExactly(1, event(test("tooLong"), finishedWithFailure(message(m ->
                m.contains("timed out after 250 ms (junit.jupiter.execution.timeout.default = 250ms)")))));
        // switched off as JUnit's own are: a default of 1 ns fails nothing
        Fixtures.run(Slow.class, Map.of("junit.jupiter.execution.timeout.default", "1 ns",
                "junit.jupiter.execution.timeout.mode", "disabled", "probe.only", "1")).testEvents()
                .assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(SamplingTimeout.parse("5 s", "k")).isEqualTo(Duration.ofSeconds(5));
        assertThat(SamplingTimeout.parse("2m", "k")).isEqualTo(Duration.ofMinutes(2));
        assertThat(SamplingTimeout.parse("40", "k")).isEqualTo(Duration.ofSeconds(40));
        assertThatThrownBy(() -> SamplingTimeout.parse("soon", "junit.jupiter.execution.timeout.default"))
                .hasMessageStartingWith("junit.jupiter.execution.timeout.default = \"soon\" is not a duration");
    }

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 10_000_000, draws = 10, seed = "3", maxRhat = 100,
            minAttainedEss = 0)
    static class Unannotated {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void tooLong(ProbeAnswer answer) {}
    }
}
