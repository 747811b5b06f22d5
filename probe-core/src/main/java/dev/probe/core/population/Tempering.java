package dev.probe.core.population;

/**
 * The next temperature step of adaptive tempering (SMC-NOTES §1): the largest {@code δ ∈ [0, maxDelta]} whose
 * incremental weights {@code exp(−δ·G_i)} (uniform previous weights) keep an ESS of at least {@code target},
 * by bisection on {@code log ESS(δ) = 2·LSE(−δG) − LSE(−2δG)}, which falls monotonically in {@code δ}. In
 * double precision on the host; non-finite {@code G} have weight 0 (package plumbing).
 */
final class Tempering {
    private static final int HALVINGS = 60;

    private Tempering() {}

    /** The step; {@code maxDelta} when even that keeps the ESS at {@code target}. */
    static double nextDelta(double[] g, double target, double maxDelta) {
        double logTarget = Math.log(target);
        if (logEss(g, maxDelta) >= logTarget) {
            return maxDelta;
        }
        double lo = 0;
        double hi = maxDelta;
        for (int i = 0; i < HALVINGS; i++) {
            double mid = 0.5 * (lo + hi);
            if (logEss(g, mid) >= logTarget) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** log ESS of the weights {@code exp(−δ·G)}; {@code −∞} if every weight is 0. */
    static double logEss(double[] g, double delta) {
        return 2 * logSumExp(g, -delta) - logSumExp(g, -2 * delta);
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
