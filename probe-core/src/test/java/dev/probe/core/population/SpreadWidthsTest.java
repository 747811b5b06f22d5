package dev.probe.core.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import dev.probe.core.diagnostics.Convergence;
import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.MixedProposal;
import dev.probe.core.sampler.Proposal;
import dev.probe.core.sampler.RandomWalkMetropolis;
import org.junit.jupiter.api.Test;

/**
 * Random-walk moves in populations step with the particles' spread: each continuous coordinate's proposal width is
 * the other side's standard deviation of it, not one width for every feature.
 */
class SpreadWidthsTest {
    private static final int D = 10;
    private static final int CORNER = 5;
    /** High confidence (σ = 0.05) in class 1 of a logistic model with logit 20·(t − 0.8). */
    private static final double EDGE = 0.8;
    private static final double SLOPE = 20;
    private static final double SIGMA = 0.05;

    @Test
    void aProposalTakesWidthsPerCoordinateAndKeepsItsOtherParts() {
        MixedProposal p = MixedProposal.builder(3).continuous(0, 1.0).continuous(1, 1.0, 0.5).categorical(2, 4, 0.8).build();
        MixedProposal wide = p.withWidths(new double[] {0.1, Double.NaN, 7});
        ChainRandom random = new ChainRandom(3);
        int n = 20_000;
        double[] sq = new double[2];
        int[] movedCount = new int[3];
        float[] from = {0, 0, 1};
        float[] to = new float[3];
        for (int i = 0; i < n; i++) {
            wide.propose(from, to, 1, 2.0, Box.unbounded(3), random);
            for (int k = 0; k < 3; k++) {
                if (to[k] != from[k]) {
                    movedCount[k]++;
                }
            }
            sq[0] += to[0] * to[0];
            sq[1] += to[1] * to[1];
        }
        // coordinate 0: width 0.1 times the scale 2; coordinate 1 keeps its own width 1 (NaN given) and its move
        // probability; the categorical coordinate keeps its keep probability
        assertThat(Math.sqrt(sq[0] / movedCount[0])).isCloseTo(0.2, within(0.2 * 4 / Math.sqrt(2.0 * movedCount[0])));
        assertThat(Math.sqrt(sq[1] / movedCount[1])).isCloseTo(2.0, within(2.0 * 4 / Math.sqrt(2.0 * movedCount[1])));
        double half = 0.5 * n;
        assertThat((double) movedCount[1]).isCloseTo(half, within(4 * Math.sqrt(n * 0.25)));
        assertThat((double) movedCount[2]).isCloseTo(0.2 * n, within(4 * Math.sqrt(n * 0.16)));
    }

    @Test
    void aKernelMovesEachRowWithItsOwnWidthsAndIgnoresAMetricItsProposalCannotTake() {
        RandomWalkMetropolis mh = RandomWalkMetropolis.of(MixedProposal.gaussian(2), 1.0);
        double[] metric = {0.01, 4, 0.25, 0.25};
        RandomWalkMetropolis scaled = mh.withInverseMetric(metric);
        assertThat(scaled.inverseMetric()).containsExactly(metric);
        // scale = 2.38/√m when the widths are the spread itself, whatever the proposal's own widths
        assertThat(scaled.stepSizeForSpread(new double[] {0.01, 4})).isCloseTo(2.38 / Math.sqrt(2), within(1e-12));
        assertThat(mh.stepSizeForSpread(new double[] {0.01, 4})).isCloseTo(2.38 / Math.sqrt(2) * 2, within(1e-12));

        Proposal own = new Proposal() {
            @Override
            public double[] propose(float[] current, float[] proposal, int chains, double scale, Box box, ChainRandom random) {
                return MixedProposal.gaussian(2).propose(current, proposal, chains, scale, box, random);
            }

            @Override
            public int dimension() {
                return 2;
            }
        };
        RandomWalkMetropolis custom = RandomWalkMetropolis.of(own, 1.0);
        assertThat(custom.withInverseMetric(metric)).as("a proposal without widths keeps its own").isSameAs(custom);
    }

    /**
     * A corner of [0, 1]¹⁰ that constrains five coordinates (the new user's black box of t = min(x₀…x₄), stop 35)
     * and leaves five free. With one proposal width for every coordinate the steps suited the corner's narrow
     * coordinates, the free ones hardly moved, the particles of one family stayed alike, and the free coordinates'
     * means spread 1.4–1.8 times their stated error over seeds (mean z² 2–3) with the evidence met. With the
     * particles' spread as widths their stated errors hold: mean z² over 40 seeds (one draw per particle, as a run
     * growing toward evidence makes first) within 3 of its standard errors (√(2/40) for calibrated z) of 1, for one
     * free coordinate and for the sum of all five: 1.11 and 0.91 here; with the proposal's own widths 2.07 and 2.56.
     */
    @Test
    void theFeaturesAQuestionLeavesFreeGetTrueErrorBars() {
        int seeds = 40;
        double[] z2 = new double[2];
        double plateau = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            PopulationRun run = new Smc(SmcConfig.builder().particles(75).populations(4).draws(1).seed(seed).build())
                    .run(corner(), RandomWalkMetropolis.of(MixedProposal.gaussian(D), 0.5), ClosedForms.uniformOnTheUnitCube(4, 4096, D, 1000 + seed));
            assertThat(run.describe()).contains("widths from the particles' spread");
            plateau = Math.max(plateau, run.diagnostics().plateauNats());
            double[][][] x = run.populationParticles();
            double[] one = zOfMean(x, row -> row[CORNER], 0.5);
            double[] sum = zOfMean(x, row -> {
                double s = 0;
                for (int k = CORNER; k < D; k++) {
                    s += row[k];
                }
                return s;
            }, (D - CORNER) / 2.0);
            z2[0] += one[0] * one[0] / seeds;
            z2[1] += sum[0] * sum[0] / seeds;
        }
        double bound = 1 + 3 * Math.sqrt(2.0 / seeds);
        assertThat(z2[0]).as("mean z² of a free coordinate's mean").isLessThan(bound);
        assertThat(z2[1]).as("mean z² of the free coordinates' sum").isLessThan(bound);
        // the starting draws see the corner: no stage charged a plateau (a last stage with weights alike, a little)
        assertThat(plateau).isLessThan(0.01);
    }

    /** z of the pooled mean of {@code f} against {@code truth}, with the error from the bulk ESS, as results state it. */
    private static double[] zOfMean(double[][][] x, java.util.function.ToDoubleFunction<double[]> f, double truth) {
        int p = x.length;
        int n = x[0].length;
        double[][] series = new double[p][n];
        double sum = 0;
        double sq = 0;
        for (int r = 0; r < p; r++) {
            for (int i = 0; i < n; i++) {
                double v = f.applyAsDouble(x[r][i]);
                series[r][i] = v;
                sum += v;
                sq += v * v;
            }
        }
        int all = p * n;
        double mean = sum / all;
        double sd = Math.sqrt((sq - all * mean * mean) / (all - 1));
        double ess = Math.min(all, Convergence.bulkEss(series));
        return new double[] {(mean - truth) / (sd / Math.sqrt(ess))};
    }

    /**
     * Uniform prior on [0, 1]¹⁰; the question ((1 − p)/σ)²/2 with p = sigmoid(20·(t − 0.8)), t = min(x₀…x₄): a corner
     * of relaxed mass about 1 in 400,000 (bounded energy: the first stage keeps few starting draws), five coordinates free.
     */
    static TemperedTarget corner() {
        return corner(D, CORNER);
    }

    /** The same over [0, 1]^d with the first {@code m} coordinates constrained. */
    static TemperedTarget corner(int d, int m) {
        double[] hi = new double[d];
        java.util.Arrays.fill(hi, 1);
        return TemperedTarget.of(Energies.valueOnly(d, x -> x.sum(new int[] {1}).mul(0)),
                Energies.valueOnly(d, x -> {
                    NDArray t = x.get(":, 0:" + m).min(new int[] {1});
                    return t.sub(EDGE).mul(SLOPE).exp().add(1).pow(-1).square().mul(1 / (2 * SIGMA * SIGMA));
                }), Box.of(new double[d], hi));
    }
}
