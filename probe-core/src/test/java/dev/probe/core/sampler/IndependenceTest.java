package dev.probe.core.sampler;

import static dev.probe.core.sampler.MonteCarlo.assertMean;
import static dev.probe.core.sampler.MonteCarlo.assertVariance;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Independent Metropolis–Hastings with a wide Gaussian proposal samples the two well-separated modes of
 * {@link Targets#bimodal()} in their exact proportions — which a local kernel started in one mode cannot —
 * and caches gradients so it can share a state with MALA.
 */
class IndependenceTest {
    /** N(0, diag(16, 4)): covers both modes at (±3, 0). */
    private static final Independence.Proposal WIDE = new Independence.Proposal() {
        @Override
        public double[] sample(int chain, ChainRandom random) {
            return new double[] {4 * random.nextGaussian(), 2 * random.nextGaussian()};
        }

        @Override
        public double logDensity(int chain, double[] x) {
            return -x[0] * x[0] / 32 - x[1] * x[1] / 8;
        }
    };

    @Test
    void samplesBothModesInTheirExactProportions() {
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(100).draws(2000).seed(41).adapt(false).build();
        Trace trace = new Sampler(config).run(Independence.of(WIDE, true), Targets.bimodal());
        // E x0 = 0, Var x0 = 9 + 1, E x1 = 0, Var x1 = 1; tolerances from the chains' ESS
        assertMean(trace, x -> x[0], 0, "x0");
        assertVariance(trace, x -> x[0], 10, "x0");
        assertMean(trace, x -> x[1], 0, "x1");
        assertMean(trace, x -> x[0] > 0 ? 1 : 0, 0.5, "share of the right mode");
        assertThat(trace.diagnostics().meanAcceptance()).isBetween(0.2, 0.9);
        assertThat(trace.diagnostics().maxRhat()).isLessThan(1.05);
    }

    @Test
    void cachesTheGradientAtAcceptedProposals() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            Energy energy = Targets.standardNormal(2);
            Independence kernel = Independence.of(WIDE, true);
            ChainState s = kernel.init(m.create(new float[] {0.5f, -0.5f, 1f, 2f}, new ai.djl.ndarray.types.Shape(2, 2)),
                    energy, new ChainRandom(1));
            for (int i = 0; i < 20; i++) {
                s = kernel.step(s, energy, new ChainRandom(i)).state();
            }
            // ∇U = x for N(0, I)
            assertThat(s.gradient().toFloatArray()).containsExactly(s.position().toFloatArray());
            assertThat(kernel.needsGradient()).isFalse();
        }
    }

    /**
     * N(0, 1) whose gradient is NaN below x = 2 (a value-preserving 0·√relu(x − 2) term): the decision must not
     * depend on the cached gradient, or the kernel would refuse every proposal below 2 while leaving that region,
     * and the sample would drain to x > 2.
     */
    @Test
    void acceptsOnEnergiesAloneWhereTheGradientIsNotFinite() {
        Energy energy = Energies.differentiable(1, x -> x.square().div(2).sum(new int[] {1})
                .add(ai.djl.nn.Activation.relu(x.sub(2)).sqrt().mul(0).sum(new int[] {1})));
        Independence.Proposal wide = new Independence.Proposal() {
            @Override
            public double[] sample(int chain, ChainRandom random) {
                return new double[] {2 * random.nextGaussian()};
            }

            @Override
            public double logDensity(int chain, double[] x) {
                return -x[0] * x[0] / 8;
            }
        };
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(50).draws(1000).seed(43).adapt(false).build();
        Trace trace = new Sampler(config).run(Independence.of(wide, true), energy, new double[][] {{3}, {3}, {3}, {3},
                {3}, {3}, {3}, {3}});
        assertMean(trace, x -> x[0], 0, "x");
        assertVariance(trace, x -> x[0], 1, "x");
    }
}
