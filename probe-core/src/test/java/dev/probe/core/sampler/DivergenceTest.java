package dev.probe.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import dev.probe.core.diagnostics.Diagnostics;
import org.junit.jupiter.api.Test;

/**
 * HMC reports divergent trajectories (energy error above 1000 or non-finite) apart from non-finite
 * proposals, and sampling-phase counts apart from warm-up counts.
 */
class DivergenceTest {

    @Test
    void funnelRunsReportDivergencesWhileSampling() {
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(500).draws(1000).seed(2026).build();
        Trace trace = new Sampler(config).run(Hmc.of(0.1, 8), Targets.funnel());
        Diagnostics d = trace.diagnostics();
        System.out.println(d.table());
        assertThat(d.divergences()).as("sampling-phase divergences on the funnel").isPositive();
        assertThat(d.sampling().divergent()).isEqualTo(d.divergences());
        assertThat(d.warmup().divergent()).isEqualTo(d.warmupDivergences());
        double minV = java.util.Arrays.stream(trace.coordinate(0)).flatMapToDouble(java.util.Arrays::stream).min()
                .orElseThrow();
        System.out.printf("lowest v sampled: %.3f%n", minV);
    }

    @Test
    void aGaussianGivesNoDivergenceAfterWarmup() {
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(300).draws(500).seed(5).build();
        Diagnostics d = new Sampler(config).run(Hmc.of(0.1, 8), Targets.standardNormal(10)).diagnostics();
        assertThat(d.divergences()).isZero();
        assertThat(d.sampling().nonFinite()).isZero();
    }

    @Test
    void nonFiniteTrajectoriesAreDivergencesAndNonFiniteProposalsButMalaHasNoDivergences() {
        // NaN beyond x > 1.5: every such proposal is non-finite; for HMC it is also a divergence
        Energy energy = Energies.differentiable(1, x -> {
            NDArray u = x.square().sum(new int[] {1}).div(2);
            return ai.djl.ndarray.NDArrays.where(x.get(":, 0").gt(1.5f), u.add(Float.NaN), u);
        });
        double[][] init = new double[8][] ;
        java.util.Arrays.setAll(init, c -> new double[] {0});
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(100).draws(500).seed(9).build();
        Diagnostics hmc = new Sampler(config).run(Hmc.of(0.5, 4), energy, init).diagnostics();
        assertThat(hmc.sampling().nonFinite()).isPositive();
        assertThat(hmc.sampling().divergent()).isGreaterThanOrEqualTo(hmc.sampling().nonFinite());
        Diagnostics mala = new Sampler(config).run(Mala.of(0.5), energy, init).diagnostics();
        assertThat(mala.sampling().nonFinite()).isPositive();
        assertThat(mala.divergences()).isZero();
    }
}
