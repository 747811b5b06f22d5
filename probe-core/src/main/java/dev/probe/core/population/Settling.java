package dev.probe.core.population;

import java.util.List;

/**
 * Whether the populations had settled into the target when they reached it: the change of each particle's prior
 * energy {@code P} and question energy {@code G} from its resampled position at {@code β = 1} (before the last
 * stage's moves) to its last draw. Every move after that reweighting leaves the target invariant, so if the
 * resampled particles were distributed as the target, those changes have mean zero; a population that had not
 * settled (its earlier moves could not follow the tempered targets, as in the neck of Neal's funnel) keeps
 * drifting toward the regions it missed. The drift is the larger {@code |t|} of the two mean changes, pooled over
 * the populations, each change's standard error taken over at most as many independent particles as distinct
 * ancestors survived the last resampling (resampled copies start from one point). Package plumbing: the run's
 * {@link dev.probe.core.diagnostics.Diagnostics#settlingDrift()} and status read it.
 */
final class Settling {
    /** Per-population sums: changes counted, Σ and Σ² of the change of P, of G, and the distinct ancestors. */
    static final int FIELDS = 6;

    private Settling() {}

    /** The sums of one population, or {@code null} if it did not reach {@code β = 1}. */
    static double[] sums(Population pop) {
        if (pop.settledPrior == null || pop.drawnPrior.isEmpty()) {
            return null;
        }
        double[] lastPrior = pop.drawnPrior.get(pop.drawnPrior.size() - 1);
        double[] lastQuestion = pop.drawnQuestion.get(pop.drawnQuestion.size() - 1);
        double[] s = new double[FIELDS];
        for (int i = 0; i < lastPrior.length; i++) {
            double dp = lastPrior[i] - pop.settledPrior[i];
            double dg = lastQuestion[i] - pop.settledQuestion[i];
            if (!Double.isFinite(dp) || !Double.isFinite(dg)) {
                continue;
            }
            s[0]++;
            s[1] += dp;
            s[2] += dp * dp;
            s[3] += dg;
            s[4] += dg * dg;
        }
        s[5] = pop.settledDistinct;
        return s;
    }

    /** The drift over populations' sums (entries may be {@code null}); NaN if there is none to judge. */
    static double drift(List<double[]> sums) {
        double[] total = new double[FIELDS];
        boolean any = false;
        for (double[] s : sums) {
            if (s == null) {
                continue;
            }
            any = true;
            for (int f = 0; f < FIELDS; f++) {
                total[f] += s[f];
            }
        }
        if (!any || total[0] < 2) {
            return Double.NaN;
        }
        double independent = Math.max(1, Math.min(total[0], total[5]));
        return Math.max(t(total[1], total[2], total[0], independent), t(total[3], total[4], total[0], independent));
    }

    private static double t(double sum, double sumSquares, double n, double independent) {
        double mean = sum / n;
        double variance = sumSquares / n - mean * mean;
        // a change without spread (every particle moved its energy by one amount, or none moved) has nothing
        // to test against: no drift is claimed
        if (!(variance > 1e-12 * Math.max(1, mean * mean))) {
            return 0;
        }
        return Math.abs(mean) / Math.sqrt(variance / independent);
    }
}
