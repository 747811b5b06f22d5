package dev.probe.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.sampler.ChainRandom;
import org.junit.jupiter.api.Test;

/** R̂ and ESS against cases with known answers. */
class ConvergenceTest {
    /**
     * Four populations whose shares of a minor lobe are 0, 0.021, 0.031 and 0.039 (a new user's 10-d level set at
     * 4 × 256 particles × 4 draws): each population's draws are independent within it, so {@link Convergence#meanEss}
     * counts nearly all 4,096, while the populations' disagreement says the pooled share is known to about ±0.0085,
     * not ±0.003. {@link Convergence#populationEss} is {@code R·s²/var(means)} there, and {@link Convergence#meanEss}
     * where the populations agree.
     */
    @Test
    void populationsThatDisagreeBoundTheEssOfTheirMean() {
        ChainRandom random = new ChainRandom(5);
        double[] shares = {0, 0.021, 0.031, 0.039};
        double[][] lobe = new double[4][1024];
        for (int p = 0; p < 4; p++) {
            int hits = (int) Math.round(shares[p] * 1024);
            for (int i = 0; i < hits; i++) {
                lobe[p][i] = 1;
            }
            for (int i = 1023; i > 0; i--) { // shuffled: no autocorrelation within a population
                int j = (int) Math.floor(random.nextDouble() * (i + 1));
                double t = lobe[p][i];
                lobe[p][i] = lobe[p][j];
                lobe[p][j] = t;
            }
        }
        double mean = 0;
        double[] means = new double[4];
        for (int p = 0; p < 4; p++) {
            means[p] = java.util.Arrays.stream(lobe[p]).average().orElseThrow();
            mean += means[p] / 4;
        }
        double pooled = 0;
        for (double[] pop : lobe) {
            for (double v : pop) {
                pooled += (v - mean) * (v - mean) / 4095;
            }
        }
        double between = 0;
        for (double m : means) {
            between += (m - mean) * (m - mean) / 3;
        }
        assertThat(Convergence.meanEss(lobe)).isGreaterThan(2500);
        assertThat(Convergence.populationEss(lobe)).isCloseTo(4 * pooled / between, org.assertj.core.data.Offset.offset(1e-6))
                .isLessThan(600);
        double se = Math.sqrt(mean * (1 - mean) / Convergence.populationEss(lobe));
        assertThat(se).isGreaterThan(0.007);
        // populations that agree: the autocorrelation ESS stands
        double[][] agree = new double[4][];
        for (int p = 0; p < 4; p++) {
            agree[p] = lobe[3].clone();
        }
        assertThat(Convergence.populationEss(agree)).isEqualTo(Convergence.meanEss(agree));
    }

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
