package dev.probe.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** DJL's usage tracking is switched off only where the JVM said nothing about it. */
class TrackingTest {

    private static Properties properties(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void onlyAJvmThatSaidNothingIsOptedOut() {
        assertThat(Tracking.isUnset(Map.of(), properties())).isTrue();
        assertThat(Tracking.isUnset(Map.of("OPT_OUT_TRACKING", "true"), properties())).isFalse();
        // an explicit choice stays, whichever way
        assertThat(Tracking.isUnset(Map.of(), properties("OPT_OUT_TRACKING", "false"))).isFalse();
        assertThat(Tracking.isUnset(Map.of("DJL_OFFLINE", "true"), properties("ai.djl.offline", "true"))).isTrue();
    }

    @Test
    void afterOptOutTheJvmHasAChoice() {
        Tracking.optOut();
        assertThat(System.getenv("OPT_OUT_TRACKING") != null || "true".equals(System.getProperty("OPT_OUT_TRACKING")))
                .isTrue();
    }
}
