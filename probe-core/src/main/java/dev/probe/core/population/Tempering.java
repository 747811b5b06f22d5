package dev.probe.core.population;

/**
 * The next temperature step of adaptive tempering (Del Moral, Doucet &amp; Jasra 2012; README, "Population
 * sampling"): the largest {@code δ ∈ [0, maxDelta]} whose
 * incremental weights {@code exp(−δ·G_i)} (uniform previous weights) keep an ESS of at least {@code target},
 * by bisection on {@code log ESS(δ) = 2·LSE(−δG) − LSE(−2δG)}, which falls monotonically in {@code δ}. In
 * double precision on the host; non-finite {@code G} have weight 0 (package plumbing).
 *
 * <p>The step also keeps the stage's drop {@code −log mean exp(−δ(G_i − G₀))} at most {@code maxDrop}, where
 * {@code G₀ ≤ G} everywhere (the question's floor). The next tempered density over the current one is
 * {@code exp(−δG)/mean exp(−δG_i) ≤ exp(−δG₀)/mean exp(−δG_i)}, so the cap bounds that ratio by
 * {@code e^maxDrop} everywhere, also where no particle is. The ESS sees only where the particles are: on a
 * question that is flat over the prior's bulk and falls to 0 only in a rare region it allowed a stage to drop
 * by 20 nats and more, and the mass the tempered target gained in the region no particle had reached was missed
 * for good (log Z 1 to 30 nats low; BENCHMARK.md, "Rare level sets"). Subset simulation keeps each level at a
 * tenth of the last for the same reason. The drop is monotone in {@code δ} too, so one bisection serves both.
 */
final class Tempering {
    private static final int HALVINGS = 60;

    private Tempering() {}

    /**
     * The step keeping the ESS at {@code target} and the drop from {@code floor} (at most every finite {@code G})
     * at most {@code maxDrop} (infinite: no cap); {@code maxDelta} when even that keeps both.
     */
    static double nextDelta(double[] g, double target, double maxDelta, double maxDrop, double floor) {
        double logTarget = Math.log(target);
        double minLogSum = Double.isInfinite(maxDrop) || Double.isInfinite(floor)
                ? Double.NEGATIVE_INFINITY : logSumExp(g, 0) - maxDrop; // over the finite G (weight 0 stays 0)
        if (ok(g, maxDelta, logTarget, minLogSum, floor)) {
            return maxDelta;
        }
        double lo = 0;
        double hi = maxDelta;
        for (int i = 0; i < HALVINGS; i++) {
            double mid = 0.5 * (lo + hi);
            if (ok(g, mid, logTarget, minLogSum, floor)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Both conditions from one {@code LSE(−δG)}: the ESS's and the drop's (one pass over G fewer per halving). */
    private static boolean ok(double[] g, double delta, double logTarget, double minLogSum, double floor) {
        double lse = logSumExp(g, -delta);
        return logEss(lse, g, delta) >= logTarget
                && (minLogSum == Double.NEGATIVE_INFINITY || lse + delta * floor >= minLogSum);
    }

    /** log ESS of the weights {@code exp(−δ·G)}; {@code −∞} if every weight is 0. */
    static double logEss(double[] g, double delta) {
        return logEss(logSumExp(g, -delta), g, delta);
    }

    /** {@link #logEss(double[], double)} given {@code lse = LSE(−δG)}. */
    private static double logEss(double lse, double[] g, double delta) {
        return 2 * lse - logSumExp(g, -2 * delta);
    }

    /** {@code log Σ_i exp(scale·G_i)} over finite {@code G}, max-shifted; {@code 0·G} counts as 0 (no 0·∞). */
    static double logSumExp(double[] g, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : g) {
            if (Double.isFinite(v)) {
                max = Math.max(max, scale == 0 ? 0 : scale * v);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (double v : g) {
            if (Double.isFinite(v)) {
                sum += Math.exp((scale == 0 ? 0 : scale * v) - max);
            }
        }
        return max + Math.log(sum);
    }

    /** Normalised weights {@code ∝ exp(−δ·G)} (0 for non-finite G). */
    static double[] weights(double[] g, double delta) {
        double lse = logSumExp(g, -delta);
        double[] w = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            w[i] = Double.isFinite(g[i]) ? Math.exp((delta == 0 ? 0 : -delta * g[i]) - lse) : 0;
        }
        return w;
    }
}
