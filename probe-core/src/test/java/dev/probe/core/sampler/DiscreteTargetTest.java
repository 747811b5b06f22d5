package dev.probe.core.sampler;

import static dev.probe.core.sampler.MonteCarlo.assertMean;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

/** Random-walk MH with categorical and mixed proposals samples discrete targets exactly. */
class DiscreteTargetTest {
    private static final double[] P = {0.1, 0.2, 0.3, 0.4};

    private static double logP(double k) {
        return Math.log(P[(int) Math.round(k)]);
    }

    @Test
    void categoricalTargetPassesChiSquare() {
        Energy energy = Energies.restrictedTo(Energies.blackBox(1, r -> -logP(r[0])),
                Box.of(new double[] {0}, new double[] {3}));
        Proposal proposal = MixedProposal.builder(1).categorical(0, 4, 0.3).build();
        // thin 4: the categorical chain mixes in a few steps, so kept draws are close to independent
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(100).draws(1000).thin(4).seed(21).adapt(false).build();
        Trace trace = new Sampler(config).run(RandomWalkMetropolis.of(proposal, 1), energy);
        long[] counts = new long[4];
        for (double[] s : trace.pooledSamples()) {
            assertThat(s[0]).isIn(0.0, 1.0, 2.0, 3.0);
            counts[(int) s[0]]++;
        }
        double p = ChiSquareTest.withDefaults().test(P, counts).getPValue();
        assertThat(p).as("chi-square p-value of counts %s", java.util.Arrays.toString(counts)).isGreaterThan(0.001);
    }

    @Test
    void mixedCoordinatesRecoverJointTarget() {
        // k ~ P, x | k ~ N(k, 1): the continuous coordinate follows the discrete one
        Energy energy = Energies.restrictedTo(Energies.blackBox(2, r -> -logP(r[1]) + (r[0] - r[1]) * (r[0] - r[1]) / 2),
                Box.of(new double[] {Double.NEGATIVE_INFINITY, 0}, new double[] {Double.POSITIVE_INFINITY, 3}));
        Proposal proposal = MixedProposal.builder(2).continuous(0, 1.0).categorical(1, 4, 0.5).build();
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(300).draws(3000).seed(22).build();
        Trace trace = new Sampler(config).run(RandomWalkMetropolis.of(proposal, 1), energy);
        double meanK = 0 * P[0] + 1 * P[1] + 2 * P[2] + 3 * P[3];
        assertMean(trace, x -> x[1], meanK, "k");
        assertMean(trace, x -> x[0], meanK, "x");
        assertMean(trace, x -> x[0] - x[1], 0, "x - k");
        for (int k = 0; k < 4; k++) {
            int level = k;
            assertMean(trace, x -> x[1] == level ? 1 : 0, P[k], "P(k=" + k + ")");
        }
    }

    /**
     * A category the target forces (every other value has energy 10⁶ and is never accepted) is one value in every draw
     * of every chain: the chains agree on it exactly. Its R̂ was 0/0 = NaN, read "the chains disagree", and a procedural
     * probe of "slot 0 is blue" whose 3,200 draws all attained never converged. Chains that never move keep NaN.
     */
    @Test
    void aCategoryTheTargetForcesCountsAsAgreeingButStuckChainsDoNot() {
        Energy energy = Energies.restrictedTo(Energies.blackBox(2, r -> (r[1] == 2 ? 0 : 1e6) + r[0] * r[0] / 2),
                Box.of(new double[] {Double.NEGATIVE_INFINITY, 0}, new double[] {Double.POSITIVE_INFINITY, 3}));
        Proposal proposal = MixedProposal.builder(2).continuous(0, 1.0).categorical(1, 4, 0.5).build();
        double[][] start = new double[8][];
        for (int c = 0; c < 8; c++) {
            start[c] = new double[] {c / 4.0 - 1, 2};
        }
        Trace trace = new Sampler(SamplerConfig.builder().chains(8).warmup(200).draws(400).seed(5).build())
                .run(RandomWalkMetropolis.of(proposal, 1.0), energy, start);
        assertThat(trace.diagnostics().rhat()[1]).isEqualTo(1.0);
        assertThat(trace.diagnostics().maxRhat()).isLessThan(1.05);
        // no coordinate moves (every proposal rejected): stuck, and R̂ stays undefined
        Energy nowhere = Energies.restrictedTo(Energies.blackBox(2, r -> r[0] == -1 && r[1] == 2 ? 0 : 1e6),
                Box.of(new double[] {Double.NEGATIVE_INFINITY, 0}, new double[] {Double.POSITIVE_INFINITY, 3}));
        double[][] same = new double[8][];
        java.util.Arrays.fill(same, new double[] {-1, 2});
        Trace stuck = new Sampler(SamplerConfig.builder().chains(8).warmup(20).draws(40).seed(5).build())
                .run(RandomWalkMetropolis.of(proposal, 1.0), nowhere, same);
        assertThat(stuck.diagnostics().maxRhat()).isNaN();
    }
}
