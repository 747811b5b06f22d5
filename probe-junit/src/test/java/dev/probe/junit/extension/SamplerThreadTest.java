package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The sampler thread hands a task's exceptions back as they are, except a heap exhausted by the task's arrays: JUnit
 * rethrows an {@link OutOfMemoryError} as unrecoverable, which ended a new user's whole Surefire fork at
 * {@code pool = 10_000_000} with {@code -Xmx1g} ("Tests run: 0"); it is now that one test's error, naming the settings.
 */
class SamplerThreadTest {
    @Test
    void aHeapExhaustedBySamplingIsOneTestsErrorNamingTheSettings() {
        try (SamplerThread thread = new SamplerThread()) {
            assertThatThrownBy(() -> thread.call("sampling 'class 3'", () -> {
                throw new OutOfMemoryError("Java heap space");
            })).isExactlyInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Ran out of Java heap (Java heap space; maximum ")
                    .hasMessageContaining("while sampling 'class 3': this probe's arrays did not fit. Lower its pool, "
                            + "particles, draws or chains")
                    .hasNoCause();
            assertThatThrownBy(() -> thread.call("x", () -> {
                throw new IllegalArgumentException("as it is");
            })).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("as it is");
            assertThat(thread.call("y", () -> 7)).isEqualTo(7);
        }
    }
}
