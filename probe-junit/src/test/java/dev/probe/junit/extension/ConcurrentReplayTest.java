package dev.probe.junit.extension;

import static dev.probe.junit.extension.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.result.ProbeResult;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Same seed, same samples, sequential or concurrent: every model call runs on the one sampler thread,
 * so JUnit's concurrent mode changes no sample of any invocation (compared bitwise with a sequential run).
 */
class ConcurrentReplayTest {

    @Test
    void sameSeedSameSamplesSequentialOrConcurrent() {
        ProbeExtensionTest.Confident.RESULTS.clear();
        run(ProbeExtensionTest.Confident.class, Map.of("probe.reportDir", "target/probe-reports-sequential"))
                .testEvents().assertStatistics(s -> s.succeeded(5));
        Map<String, ProbeResult> sequential = Map.copyOf(ProbeExtensionTest.Confident.RESULTS);
        ProbeExtensionTest.Confident.RESULTS.clear();
        Map<String, String> concurrent = Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "4",
                "probe.reportDir", "target/probe-reports-concurrent");
        run(ProbeExtensionTest.Confident.class, concurrent).testEvents().assertStatistics(s -> s.succeeded(5));
        assertThat(ProbeExtensionTest.Confident.RESULTS.keySet()).isEqualTo(sequential.keySet()).hasSize(5);
        sequential.forEach((key, expected) -> {
            ProbeResult actual = ProbeExtensionTest.Confident.RESULTS.get(key);
            assertThat(Arrays.deepEquals(actual.latents(), expected.latents())).as("latents of %s", key).isTrue();
            assertThat(Arrays.deepEquals(actual.inputs(), expected.inputs())).as("inputs of %s", key).isTrue();
            assertThat(actual.energies()).as("energies of %s", key).isEqualTo(expected.energies());
        });
    }
}
