package dev.probe.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KernelCheckTest {

    /** Channel counts that are multiples of 16 take no padded kernels: engine and Java agree on any machine. */
    @Test
    void javaReferenceAgreesWithTheEngineOnAlignedChannels() {
        assertThat(KernelCheck.worstDifference(KernelCheck.Pass.FORWARD, 16, 16)).isLessThanOrEqualTo(KernelCheck.TOLERANCE);
        assertThat(KernelCheck.worstDifference(KernelCheck.Pass.INPUT_GRADIENT, 16, 16))
                .isLessThanOrEqualTo(KernelCheck.TOLERANCE);
        assertThat(KernelCheck.worstDifference(KernelCheck.Pass.INPUT_GRADIENT, 1, 32))
                .isLessThanOrEqualTo(KernelCheck.TOLERANCE);
    }

    @Test
    void resultIsComputedOnceAndAgreesWithItsCases() {
        KernelCheck.Result r = KernelCheck.result();
        assertThat(KernelCheck.result()).isSameAs(r);
        boolean casesSound = KernelCheck.worstDifference(KernelCheck.Pass.FORWARD, 20, 4) <= KernelCheck.TOLERANCE
                && KernelCheck.worstDifference(KernelCheck.Pass.FORWARD, 17, 4) <= KernelCheck.TOLERANCE
                && KernelCheck.worstDifference(KernelCheck.Pass.INPUT_GRADIENT, 2, 1) <= KernelCheck.TOLERANCE
                && KernelCheck.worstDifference(KernelCheck.Pass.INPUT_GRADIENT, 2, 20) <= KernelCheck.TOLERANCE;
        assertThat(r.sound()).as(r.describe()).isEqualTo(casesSound);
        assertThat(r.failures().isEmpty()).isEqualTo(r.sound());
        if (!r.sound()) {
            assertThat(r.describe()).contains("ONEDNN_MAX_CPU_ISA=SSE41", "probe.kernelCheck");
        }
    }

    @Test
    void failModeThrowsExactlyWhenTheKernelsAreUnsound() {
        String before = System.getProperty(KernelCheck.PROPERTY);
        try {
            System.setProperty(KernelCheck.PROPERTY, "fail");
            if (KernelCheck.result().sound()) {
                KernelCheck.ensure();
            } else {
                assertThatThrownBy(KernelCheck::ensure).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("compute wrongly");
            }
            System.setProperty(KernelCheck.PROPERTY, "off");
            KernelCheck.ensure();
            System.setProperty(KernelCheck.PROPERTY, "sometimes");
            assertThatThrownBy(KernelCheck::ensure).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("warn, fail or off");
        } finally {
            if (before == null) {
                System.clearProperty(KernelCheck.PROPERTY);
            } else {
                System.setProperty(KernelCheck.PROPERTY, before);
            }
        }
    }
}
