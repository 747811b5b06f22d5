package dev.probe.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.RowChunking;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Large populations evaluated in row chunks: same samples for the same chunk size, same statistics otherwise. */
class ChunkedSamplingTest {
    private static final int CHAINS = 200;

    /** The correlated Gaussian of {@link Targets}, through a matrix product (a "layer"). */
    private static final Function<NDArray, NDArray> GAUSSIAN = x -> {
        double a = 1 / (1 - Targets.RHO * Targets.RHO);
        double b = -Targets.RHO / (1 - Targets.RHO * Targets.RHO);
        NDArray mu = x.getManager().create(new float[] {(float) Targets.MEAN[0], (float) Targets.MEAN[1]}, new Shape(1, 2));
        NDArray p = x.getManager().create(new float[] {(float) a, (float) b, (float) b, (float) a}, new Shape(2, 2));
        NDArray d = x.sub(mu);
        return d.matMul(p).mul(d).sum(new int[] {1}).div(2);
    };

    private static SamplerConfig config() {
        return SamplerConfig.builder().chains(CHAINS).warmup(150).draws(150).seed(17).build();
    }

    private static Trace run(Kernel kernel, RowChunking chunking) {
        return new Sampler(config()).run(kernel, Energies.differentiable(2, GAUSSIAN, chunking));
    }

    @Test
    void sameChunkSizeAndSeedGiveBitwiseTheSameSamples() {
        Trace a = run(Mala.of(0.3), RowChunking.fixed(48));
        Trace b = run(Mala.of(0.3), RowChunking.fixed(48));
        assertThat(b.pooledSamples()).isDeepEqualTo(a.pooledSamples());
        assertThat(b.energies()).isDeepEqualTo(a.energies());
    }

    @Test
    void rowwiseEnergyGivesTheUnchunkedSamplesExactly() {
        // elementwise operations and per-row sums: each row's float result cannot depend on the batch
        Function<NDArray, NDArray> normal = x -> x.square().sum(new int[] {1}).div(2);
        Trace whole = new Sampler(config()).run(Hmc.of(0.2, 3), Energies.differentiable(3, normal, RowChunking.none()));
        Trace chunked = new Sampler(config()).run(Hmc.of(0.2, 3), Energies.differentiable(3, normal, RowChunking.fixed(32)));
        assertThat(chunked.pooledSamples()).isDeepEqualTo(whole.pooledSamples());
    }

    @Test
    void chunkedAndUnchunkedRunsAgreeWithinMonteCarloError() {
        for (Kernel kernel : List.of(Mala.of(0.3), Hmc.of(0.3, 4))) {
            Trace whole = run(kernel, RowChunking.none());
            Trace chunked = run(kernel, RowChunking.fixed(48));
            for (int k = 0; k < 2; k++) {
                double m1 = MonteCarlo.assertMean(whole, MonteCarlo.coordinate(k), Targets.MEAN[k], kernel + " whole x" + k);
                double m2 = MonteCarlo.assertMean(chunked, MonteCarlo.coordinate(k), Targets.MEAN[k], kernel + " chunked x" + k);
                double se1 = standardError(whole, k);
                double se2 = standardError(chunked, k);
                assertThat(Math.abs(m1 - m2)).as("%s: chunked vs whole mean of x%d", kernel, k)
                        .isLessThan(MonteCarlo.Z * Math.hypot(se1, se2));
                MonteCarlo.assertVariance(chunked, MonteCarlo.coordinate(k), 1.0, kernel + " chunked var x" + k);
            }
        }
    }

    @Test
    void managedArraysStayFlatWithChunkedEvaluations() {
        List<Integer> counts = new ArrayList<>();
        SamplerConfig config = SamplerConfig.builder().chains(CHAINS).warmup(20).draws(180).seed(3).build();
        new Sampler(config, (manager, i) -> {
            if (i % 20 == 19) {
                counts.add(manager.getManagedArrays().size());
            }
        }).run(Mala.of(0.3), Energies.differentiable(2, GAUSSIAN, RowChunking.fixed(32)));
        assertThat(counts).hasSize(10);
        assertThat(counts).allSatisfy(c -> assertThat(c).isEqualTo(counts.get(0)));
        assertThat(counts.get(0)).isLessThanOrEqualTo(4);
    }

    private static double standardError(Trace trace, int k) {
        double[][] v = MonteCarlo.values(trace, MonteCarlo.coordinate(k));
        return Math.sqrt(MonteCarlo.variance(MonteCarlo.pooled(v)) / MonteCarlo.ess(v));
    }
}
