package dev.probe.core.sampler;

import static dev.probe.core.sampler.MonteCarlo.assertMean;
import static dev.probe.core.sampler.MonteCarlo.assertVariance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Annealed warm-up: the schedule, and that the sampled distribution is unchanged. */
class AnnealingTest {

    @Test
    void betaRisesGeometricallyFromOneHundredthToOneInTenStages() {
        Annealing a = new Annealing(SamplerConfig.builder().warmup(200).annealing(0.5).build());
        List<Integer> starts = new ArrayList<>();
        List<Double> betas = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            if (a.stageStartsAt(i)) {
                starts.add(i);
                betas.add(a.beta(i));
            }
        }
        assertThat(starts).containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertThat(betas.get(0)).isCloseTo(0.01, within(1e-12));
        assertThat(betas.get(5)).isCloseTo(0.1, within(1e-12));
        assertThat(betas.get(10)).isEqualTo(1.0);
        assertThat(new Annealing(SamplerConfig.builder().warmup(200).build()).stageStartsAt(0)).isFalse();
    }

    @Test
    void annealedWarmupLeavesTheTargetExact() {
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(500).draws(2000).seed(51).annealing(0.6).build();
        Trace trace = new Sampler(config).run(Mala.of(0.1), Targets.correlatedGaussian());
        for (int k = 0; k < 2; k++) {
            int j = k;
            assertMean(trace, x -> x[j], Targets.MEAN[k], "x" + k);
            assertVariance(trace, x -> x[j], 1, "x" + k);
        }
    }

    @Test
    void scaledEnergyScalesValueAndGradient() {
        Energy half = Energies.scaled(Targets.standardNormal(1), 0.5);
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            EnergyGradient eg = half.valueAndGradient(m.create(new float[] {2f}, new ai.djl.ndarray.types.Shape(1, 1)));
            assertThat(eg.value().getFloat(0)).isEqualTo(1f);
            assertThat(eg.gradient().getFloat(0, 0)).isEqualTo(1f);
        }
    }
}
