package dev.probe.core.sampler;

import static dev.probe.core.sampler.MonteCarlo.assertVariance;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Warm-up estimates HMC's diagonal metric and tunes its step size toward the target acceptance. */
class HmcAdaptationTest {
    @Test
    void metricMatchesTheTargetScalesAndAcceptanceIsNearTarget() {
        // independent Gaussian with standard deviations 1 and 10
        Energy energy = Energies.differentiable(2, x -> {
            NDArray precision = x.getManager().create(new float[] {1f, 0.01f}, new Shape(1, 2));
            return x.square().mul(precision).sum(new int[] {1}).div(2);
        });
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(600).draws(800).seed(41).build();
        Trace trace = new Sampler(config).run(Hmc.of(0.05, 8), energy);
        double[] metric = trace.inverseMetric();
        assertThat(metric).hasSize(2);
        // the metric is a variance estimate from warm-up: within 30% of (1, 100)
        assertThat(metric[0]).isBetween(0.7, 1.3);
        assertThat(metric[1]).isBetween(70.0, 130.0);
        assertThat(trace.diagnostics().meanAcceptance()).isBetween(0.6, 0.97);
        assertVariance(trace, x -> x[1], 100, "x1");
        assertVariance(trace, x -> x[0], 1, "x0");
    }

    @Test
    void aMetricGivenToTheKernelIsTheOneTheTraceReportsWhenWarmupDoesNotEstimateOne() {
        Energy energy = Energies.differentiable(2, x -> x.square().sum(new int[] {1}).div(2));
        SamplerConfig fixed = SamplerConfig.builder().chains(2).warmup(10).draws(5).seed(3).adapt(false).build();
        assertThat(new Sampler(fixed).run(Mala.of(0.1).withInverseMetric(new double[] {2, 0.5}), energy).inverseMetric())
                .containsExactly(2, 0.5);
        assertThat(new Sampler(fixed).run(Hmc.of(0.1, 4).withInverseMetric(new double[] {3, 1}), energy).inverseMetric())
                .containsExactly(3, 1);
        assertThat(new Sampler(fixed).run(Mala.of(0.1), energy).inverseMetric()).as("the identity").isNull();
    }
}
