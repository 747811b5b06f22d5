package dev.probe.core.sampler;

import static dev.probe.core.sampler.MonteCarlo.assertDistribution;
import static dev.probe.core.sampler.MonteCarlo.assertMean;
import static dev.probe.core.sampler.MonteCarlo.assertVariance;
import static dev.probe.core.sampler.MonteCarlo.coordinate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.probe.core.diagnostics.Diagnostics;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kernel recovers known targets (fixed seeds; tolerances from each run's own ESS). */
class KnownTargetsTest {

    static Stream<Arguments> kernels() {
        return Stream.of(
                Arguments.of("MALA", Mala.of(0.1), false, 2000),
                Arguments.of("HMC", Hmc.of(0.1, 8), false, 1000),
                Arguments.of("MH", RandomWalkMetropolis.of(MixedProposal.gaussian(2), 0.5), true, 4000),
                Arguments.of("SmoothedMALA", SmoothedMala.of(0.1, 0.3, 4), true, 2000));
    }

    private static Trace sample(Kernel kernel, Energy energy, int draws, long seed, double[][] init) {
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(500).draws(draws).seed(seed).build();
        return new Sampler(config).run(kernel, energy, init);
    }

    @ParameterizedTest(name = "{0}: correlated 2-D Gaussian")
    @MethodSource("kernels")
    void correlatedGaussian(String name, Kernel kernel, boolean blackBox, int draws) {
        Energy energy = blackBox ? Targets.correlatedGaussianBlackBox() : Targets.correlatedGaussian();
        Trace trace = sample(kernel, energy, draws, 11, null);
        Diagnostics d = trace.diagnostics();
        assertThat(d.maxRhat()).as("R-hat").isLessThan(1.05);
        // HMC may diverge a few times while warm-up still searches for its step size: rejected and counted
        long proposals = 8L * (500 + draws);
        assertThat(d.nonFiniteProposals()).as("non-finite proposals of %d", proposals).isLessThan(proposals / 100);
        for (int k = 0; k < 2; k++) {
            double mu = Targets.MEAN[k];
            assertMean(trace, coordinate(k), mu, name + " x" + k);
            assertVariance(trace, coordinate(k), 1, name + " x" + k);
            assertDistribution(trace, coordinate(k), NormalDistribution.of(mu, 1)::cumulativeProbability, name + " x" + k);
        }
        assertMean(trace, x -> (x[0] - Targets.MEAN[0]) * (x[1] - Targets.MEAN[1]), Targets.RHO, name + " covariance");
    }

    @ParameterizedTest(name = "{0}: bimodal mixture, chains started in both modes")
    @MethodSource("kernels")
    void bimodalMassPerMode(String name, Kernel kernel, boolean blackBox, int draws) {
        Energy energy = blackBox ? Energies.blackBox(2, r -> {
            double u1 = ((r[0] + 3) * (r[0] + 3) + r[1] * r[1]) / 2;
            double u2 = ((r[0] - 3) * (r[0] - 3) + r[1] * r[1]) / 2;
            double m = Math.min(u1, u2);
            return m - Math.log(Math.exp(m - u1) + Math.exp(m - u2));
        }) : Targets.bimodal();
        double[][] init = new double[8][];
        for (int c = 0; c < 8; c++) {
            init[c] = new double[] {c % 2 == 0 ? -3 : 3, 0};
        }
        Trace trace = sample(kernel, energy, draws, 12, init);
        double[] x0 = MonteCarlo.pooled(MonteCarlo.values(trace, coordinate(0)));
        double fraction = java.util.Arrays.stream(x0).filter(v -> v > 0).count() / (double) x0.length;
        // Chains rarely cross the 6-sd gap, so each chain is about one unit of information on the mass:
        // allow Z·√(p(1−p)/chains) around 1/2.
        assertThat(fraction).as("%s mass right of 0", name).isCloseTo(0.5, within(MonteCarlo.Z * Math.sqrt(0.25 / 8)));
        // Within each mode the component is recovered: E|x0| = 3 (up to the other mode's tiny overlap).
        assertMean(trace, x -> Math.abs(x[0]), 3, name + " |x0|");
        assertVariance(trace, coordinate(1), 1, name + " x1");
    }

    @ParameterizedTest(name = "{0}: banana")
    @MethodSource("kernels")
    void banana(String name, Kernel kernel, boolean blackBox, int draws) {
        Energy energy = blackBox ? Targets.bananaBlackBox() : Targets.banana();
        Trace trace = sample(kernel, energy, draws * 2, 13, null);
        assertMean(trace, coordinate(0), 0, name + " x0");
        assertVariance(trace, coordinate(0), 4, name + " x0");
        assertMean(trace, coordinate(1), 0, name + " x1");
        assertVariance(trace, coordinate(1), 32 * Targets.BEND * Targets.BEND + 1, name + " x1");
        assertMean(trace, Targets::bananaResidual, 0, name + " residual");
        assertDistribution(trace, Targets::bananaResidual, NormalDistribution.of(0, 1)::cumulativeProbability,
                name + " residual");
    }

    @ParameterizedTest(name = "{0}: Gaussian truncated to a box")
    @MethodSource("kernels")
    void truncatedGaussian(String name, Kernel kernel, boolean blackBox, int draws) {
        Box box = Box.of(new double[] {0.5, -1}, new double[] {2, 1});
        Energy energy = Energies.restrictedTo(blackBox ? Targets.standardNormalBlackBox(2) : Targets.standardNormal(2), box);
        Trace trace = sample(kernel, energy, draws, 14, null);
        for (double[] row : trace.pooledSamples()) {
            assertThat(box.contains(row)).as("sample inside the box").isTrue();
        }
        TruncatedNormalDistribution[] marginals = {
            TruncatedNormalDistribution.of(0, 1, 0.5, 2), TruncatedNormalDistribution.of(0, 1, -1, 1)
        };
        for (int k = 0; k < 2; k++) {
            assertMean(trace, coordinate(k), marginals[k].getMean(), name + " x" + k);
            assertVariance(trace, coordinate(k), marginals[k].getVariance(), name + " x" + k);
            assertDistribution(trace, coordinate(k), marginals[k]::cumulativeProbability, name + " x" + k);
        }
        assertThat(trace.diagnostics().maxRhat()).isLessThan(1.05);
    }
}
