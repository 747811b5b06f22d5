package dev.probe.core.sampler;

import static dev.probe.core.sampler.MonteCarlo.assertMean;
import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.diagnostics.Convergence;
import org.junit.jupiter.api.Test;

/**
 * {@link MixedProposal} with move probabilities below 1 (what {@code ProceduralSpace} uses): still exact, and the
 * coordinates a question ignores (a scene's unused object slots) mix even when the ones it depends on force small
 * steps.
 */
class SparseMovesTest {
    private static final double[] P = {0.1, 0.2, 0.3, 0.4};

    @Test
    void sparseMixedMovesRecoverTheJointTarget() {
        // k ~ P, x | k ~ N(k, 1), as DiscreteTargetTest, with each coordinate moved only now and then
        Energy energy = Energies.restrictedTo(
                Energies.blackBox(2, r -> -Math.log(P[(int) Math.round(r[1])]) + (r[0] - r[1]) * (r[0] - r[1]) / 2),
                Box.of(new double[] {Double.NEGATIVE_INFINITY, 0}, new double[] {Double.POSITIVE_INFINITY, 3}));
        Proposal proposal = MixedProposal.builder(2).continuous(0, 1.0, 0.3).categorical(1, 4, 0.7).build();
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(300).draws(3000).seed(23).build();
        Trace trace = new Sampler(config).run(RandomWalkMetropolis.of(proposal, 1), energy);
        double meanK = 1 * P[1] + 2 * P[2] + 3 * P[3];
        assertMean(trace, x -> x[1], meanK, "k");
        assertMean(trace, x -> x[0], meanK, "x");
        for (int k = 0; k < 4; k++) {
            int level = k;
            assertMean(trace, x -> x[1] == level ? 1 : 0, P[k], "P(k=" + k + ")");
        }
    }

    @Test
    void aProposalAlwaysMovesSomeCoordinate() {
        MixedProposal p = MixedProposal.builder(3).continuous(0, 1.0, 0.01).continuous(1, 1.0, 0.01).categorical(2, 3, 0.99)
                .build();
        Box box = Box.of(new double[] {0, 0, 0}, new double[] {1, 1, 2});
        int chains = 1000;
        float[] current = new float[chains * 3];
        for (int c = 0; c < chains; c++) {
            current[c * 3] = 0.5f;
            current[c * 3 + 1] = 0.5f;
            current[c * 3 + 2] = 1;
        }
        float[] proposal = new float[current.length];
        p.propose(current, proposal, chains, 0.1, box, new ChainRandom(4));
        int[] movedPerCoordinate = new int[3];
        for (int c = 0; c < chains; c++) {
            int moved = 0;
            for (int k = 0; k < 3; k++) {
                if (proposal[c * 3 + k] != current[c * 3 + k]) {
                    moved++;
                    movedPerCoordinate[k]++;
                }
            }
            assertThat(moved).as("coordinates moved in chain %d", c).isPositive();
        }
        // nearly always the fallback: one coordinate, chosen uniformly (about 333 each)
        for (int k = 0; k < 3; k++) {
            assertThat(movedPerCoordinate[k]).as("proposals moving coordinate %d", k).isBetween(250, 420);
        }
        // a proposal that declares no coordinate keeps them all (nothing to move)
        float[] still = {0.25f, 0.75f};
        float[] out = new float[2];
        MixedProposal.builder(2).build().propose(still, out, 1, 1.0, Box.of(new double[] {0, 0}, new double[] {1, 1}),
                new ChainRandom(5));
        assertThat(out).containsExactly(still);
    }

    /**
     * d = 21 in the unit box; the energy depends on x0 only (N(0.5, 0.01²)), the other 20 coordinates are uniform.
     * Moving every coordinate in every proposal, the step that x0 accepts (about 0.02) is the step of all, and the
     * uniform coordinates crawl; moving each with probability 0.1, proposals that leave x0 alone are always
     * accepted and the uniform ones mix.
     */
    @Test
    void coordinatesTheEnergyIgnoresMixWithSparseMoves() {
        int d = 21;
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(hi, 1);
        Box box = Box.of(lo, hi);
        Energy energy = Energies.restrictedTo(Energies.blackBox(d, r -> (r[0] - 0.5) * (r[0] - 0.5) / (2 * 0.01 * 0.01)), box);
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(500).draws(2000).seed(31).build();
        double[] essDense = uniformCoordinateEss(energy, proposal(d, 1.0), config);
        double[] essSparse = uniformCoordinateEss(energy, proposal(d, 0.1), config);
        double dense = java.util.Arrays.stream(essDense).average().orElseThrow();
        double sparse = java.util.Arrays.stream(essSparse).average().orElseThrow();
        System.out.printf("mean bulk ESS of the 20 ignored coordinates over 16,000 draws: every coordinate moved %.0f, "
                + "each with probability 0.1: %.0f%n", dense, sparse);
        assertThat(sparse).as("ignored coordinates' ESS with sparse moves vs dense (%.0f)", dense).isGreaterThan(5 * dense);
        Trace sparseTrace = new Sampler(config).run(RandomWalkMetropolis.of(proposal(d, 0.1), 1), energy);
        assertMean(sparseTrace, x -> x[0], 0.5, "x0");
        assertMean(sparseTrace, x -> x[7], 0.5, "x7 (uniform)");
        MonteCarlo.assertVariance(sparseTrace, x -> x[7], 1.0 / 12, "x7 (uniform)");
    }

    private static MixedProposal proposal(int d, double move) {
        MixedProposal.Builder b = MixedProposal.builder(d);
        for (int k = 0; k < d; k++) {
            b.continuous(k, 0.1, move);
        }
        return b.build();
    }

    private static double[] uniformCoordinateEss(Energy energy, Proposal proposal, SamplerConfig config) {
        Trace trace = new Sampler(config).run(RandomWalkMetropolis.of(proposal, 1), energy);
        double[] ess = new double[20];
        for (int k = 1; k <= 20; k++) {
            ess[k - 1] = Convergence.bulkEss(trace.coordinate(k));
        }
        return ess;
    }
}
