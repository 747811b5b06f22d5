package dev.probe.core.sampler;

import static dev.probe.core.sampler.MonteCarlo.assertVariance;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * At a large step the unadjusted Langevin algorithm is biased — for N(0, 1) its stationary variance
 * is 1/(1 − h/2) — while MALA with the exact Metropolis–Hastings correction is not.
 */
class MalaCorrectionTest {
    private static final double STEP = 0.8;

    private static Trace run(Kernel kernel) {
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(200).draws(3000).seed(31).adapt(false).build();
        return new Sampler(config).run(kernel, Targets.standardNormal(1));
    }

    @Test
    void unadjustedLangevinIsBiasedAtLargeStep() {
        Trace ula = run(Mala.unadjusted(STEP));
        double expected = 1 / (1 - STEP / 2);
        assertVariance(ula, x -> x[0], expected, "ULA x");
        double[] x = MonteCarlo.pooled(MonteCarlo.values(ula, v -> v[0]));
        assertThat(MonteCarlo.variance(x)).as("ULA variance far from the target's 1").isGreaterThan(1.4);
    }

    @Test
    void adjustedLangevinIsExactAtTheSameStep() {
        Trace mala = run(Mala.of(STEP));
        assertVariance(mala, x -> x[0], 1, "MALA x");
        assertThat(mala.diagnostics().meanAcceptance()).isBetween(0.3, 0.99);
    }
}
