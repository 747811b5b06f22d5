package dev.probe.core.population;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.Hmc;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A population's draws are ordered by family, so the ESS sees the likeness of copies that the moves did not separate.
 */
class FamilyOrderTest {

    @Test
    void familiesAreContiguousInTheirOwnOrderAndEveryParticleAppearsOnce() {
        int[] family = {4, 4, 9, 1, 9, 4, 1, 7};
        int[] order = PopulationRun.familyOrder(family, family.length, new ChainRandom(3));
        Set<Integer> seen = new HashSet<>();
        Set<Integer> closed = new HashSet<>();
        int last = -1;
        for (int at = 0; at < order.length; at++) {
            int i = order[at];
            assertThat(seen.add(i)).as("particle %d once", i).isTrue();
            if (at > 0 && family[i] != family[order[at - 1]]) {
                closed.add(family[order[at - 1]]);
                last = -1;
            }
            assertThat(closed).as("family %d in one block", family[i]).doesNotContain(family[i]);
            assertThat(i).as("a family's particles in their own order").isGreaterThan(last);
            last = i;
        }
        assertThat(seen).hasSize(family.length);
        assertThat(PopulationRun.familyOrder(null, 5, new ChainRandom(3))).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    /**
     * A new user's ill-conditioned Gaussian (d = 20, covariance eigenvalues 10⁻² to 10² in a random rotation) with
     * 4 × 256 particles and HMC moves, which use the diagonal metric below d² particles and leave a resampling's
     * copies alike along the wide rotated directions. In a random order the populations reported about 1,000
     * effective draws of 4,096 per coordinate while the means spread 2.2–2.6 times the error that implies over seeds;
     * by family (seeds 1–12, 150–450 effective draws) the spread matched (mean z² 1.5, 1.0, 0.35 on three coordinates).
     */
    @Test
    void copiesTheMovesDidNotSeparateCostEffectiveDraws() {
        int d = 20;
        Random random = new Random(12345);
        double[][] q = new double[d][d];
        for (double[] row : q) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian();
            }
        }
        for (int j = 0; j < d; j++) { // Gram-Schmidt: q's rows orthonormal
            for (int i = 0; i < j; i++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += q[i][k] * q[j][k];
                }
                for (int k = 0; k < d; k++) {
                    q[j][k] -= dot * q[i][k];
                }
            }
            double norm = 0;
            for (int k = 0; k < d; k++) {
                norm += q[j][k] * q[j][k];
            }
            for (int k = 0; k < d; k++) {
                q[j][k] /= Math.sqrt(norm);
            }
        }
        float[] a = new float[d * d]; // row i: q_i / √λ_i, λ from 10⁻² to 10²
        for (int i = 0; i < d; i++) {
            double lambda = Math.pow(10, -2 + 4.0 * i / (d - 1));
            for (int k = 0; k < d; k++) {
                a[i * d + k] = (float) (q[i][k] / Math.sqrt(lambda));
            }
        }
        double priorSd = 10;
        Energy prior = Energies.differentiable(d, x -> x.square().sum(new int[] {1}).div(2 * priorSd * priorSd));
        Energy question = Energies.differentiable(d, x -> {
            NDArray y = x.sub(1).matMul(x.getManager().create(a, new Shape(d, d)).transpose());
            return y.mul(y).sum(new int[] {1}).div(2).sub(x.square().sum(new int[] {1}).div(2 * priorSd * priorSd));
        });
        TemperedTarget target = TemperedTarget.of(prior, question, dev.probe.core.sampler.Box.unbounded(d));
        for (long seed = 1; seed <= 2; seed++) {
            ChainRandom draws = new ChainRandom(100 + seed);
            java.util.List<StartingDraws> starts = new java.util.ArrayList<>();
            for (int p = 0; p < 4; p++) {
                double[][] x = new double[1024][d];
                for (double[] row : x) {
                    for (int k = 0; k < d; k++) {
                        row[k] = priorSd * draws.nextGaussian();
                    }
                }
                starts.add(StartingDraws.of(x));
            }
            // without mode jumps: affine-equivariant jump proposals separate the copies here (ESS about 2,600)
            PopulationRun run = new Smc(SmcConfig.builder().particles(256).populations(4).jumps(0).stageJumps(0).seed(seed).build())
                    .run(target, Hmc.of(0.1, 10), starts);
            assertThat(run.diagnostics().minEss()).as("seed %d: the smallest ESS of 4,096 draws", seed).isLessThan(600);
        }
    }
}
