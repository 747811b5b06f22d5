package dev.probe.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.sampler.ChainRandom;
import org.junit.jupiter.api.Test;

/** R̂ and ESS against cases with known answers. */
class ConvergenceTest {
    private static final int CHAINS = 4;
    private static final int DRAWS = 2000;

    private static double[][] ar1(double phi, double[] offsets, long seed) {
        ChainRandom random = new ChainRandom(seed);
        double[][] out = new double[offsets.length][DRAWS];
        double scale = Math.sqrt(1 - phi * phi);
        for (int c = 0; c < offsets.length; c++) {
            double x = random.nextGaussian();
            for (int i = 0; i < DRAWS; i++) {
                x = phi * x + scale * random.nextGaussian();
                out[c][i] = offsets[c] + x;
            }
        }
        return out;
    }

    @Test
    void independentDrawsHaveEssNearTheirCountAndRhatNearOne() {
        double[][] iid = ar1(0, new double[CHAINS], 1);
        double n = CHAINS * DRAWS;
        // ESS of independent draws fluctuates around n by a few percent
        assertThat(Convergence.bulkEss(iid) / n).isBetween(0.9, 1.1);
        assertThat(Convergence.meanEss(iid) / n).isBetween(0.9, 1.1);
        assertThat(Convergence.tailEss(iid) / n).isBetween(0.85, 1.15);
        assertThat(Convergence.rhat(iid)).isBetween(0.995, 1.01);
    }

    /**
     * One of 8 chains stuck at a value beyond the others' range: a new user's HMC banana had a tail ESS of NaN (ties
     * at the 95% quantile), which {@code Evidence.minTailEss} read as "no tails to judge", +∞. The stuck chain is one
     * effective draw of the upper tail, so the tail ESS is small.
     */
    @Test
    void aStuckChainBeyondTheOthersGivesASmallTailEssNotAnUndefinedOne() {
        double[][] draws = ar1(0, new double[8], 5);
        java.util.Arrays.fill(draws[1], 24.4);
        double tail = Convergence.tailEss(draws);
        assertThat(tail).isFinite().isLessThan(50);
        assertThat(Convergence.bulkEss(draws)).isFinite();
    }

    @Test
    void autocorrelatedDrawsHaveTheTheoreticalEss() {
        double phi = 0.9;
        double[][] chain = ar1(phi, new double[CHAINS], 2);
        double expected = CHAINS * DRAWS * (1 - phi) / (1 + phi);
        assertThat(Convergence.meanEss(chain) / expected).isBetween(0.75, 1.25);
    }

    @Test
    void antiCorrelatedDrawsHaveBulkEssAboveTheirCountButNotInTheTails() {
        double[][] chain = ar1(-0.5, new double[CHAINS], 4);
        double n = CHAINS * DRAWS;
        // (1 − φ)/(1 + φ) = 3 for the mean; indicators of the tails are far less anti-correlated
        assertThat(Convergence.bulkEss(chain) / n).isGreaterThan(2);
        assertThat(Convergence.tailEss(chain)).isLessThan(Convergence.bulkEss(chain) * 0.75);
    }

    @Test
    void chainsStuckInDifferentModesHaveLargeRhat() {
        double[][] stuck = ar1(0.5, new double[] {-3, -3, 3, 3}, 3);
        // perfectly separated groups saturate the rank-normalised R̂ near 1.7 (vs the usual 1.01 threshold)
        assertThat(Convergence.rhat(stuck)).isGreaterThan(1.5);
        assertThat(Convergence.plainRhat(stuck)).isGreaterThan(2.5);
        // a single chain that drifts: the split halves disagree
        double[][] drift = new double[1][DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            drift[0][i] = i / 100.0;
        }
        assertThat(Convergence.rhat(drift)).isGreaterThan(1.5);
    }

    @Test
    void degenerateInputIsNaNOrAnError() {
        assertThat(Convergence.rhat(new double[][] {{1, 1, 1, 1}, {1, 1, 1, 1}})).isNaN();
        assertThatThrownBy(() -> Convergence.rhat(new double[][] {{1, 2, 3}})).hasMessageContaining("at least 4 draws");
    }
}
