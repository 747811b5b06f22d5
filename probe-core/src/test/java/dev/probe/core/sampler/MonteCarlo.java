package dev.probe.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.probe.core.diagnostics.Convergence;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Assertions whose tolerances come from the run's own Monte-Carlo error: an estimate may deviate from
 * the truth by at most {@value #Z} standard errors, each standard error computed from the effective
 * sample size of the very quantity being averaged (capped at the number of draws, so antithetic
 * chains never make a tolerance tighter than independent draws would).
 */
final class MonteCarlo {
    /** Standard errors allowed. With fixed seeds the tests are deterministic; this keeps them honest. */
    static final double Z = 5;

    private MonteCarlo() {}

    /** f applied to every kept draw, as {@code [chain][draw]}. */
    static double[][] values(Trace trace, ToDoubleFunction<double[]> f) {
        double[][][] s = trace.samples();
        double[][] out = new double[s.length][s[0].length];
        for (int c = 0; c < s.length; c++) {
            for (int i = 0; i < s[c].length; i++) {
                out[c][i] = f.applyAsDouble(s[c][i]);
            }
        }
        return out;
    }

    static double[] pooled(double[][] v) {
        return java.util.Arrays.stream(v).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    /** ESS for the mean of {@code v}, capped at the number of draws. */
    static double ess(double[][] v) {
        return Math.min(Convergence.meanEss(v), (double) v.length * v[0].length);
    }

    /** Returns the estimate of E f after checking |estimate − truth| ≤ Z·sd/√ESS. */
    static double assertMean(Trace trace, ToDoubleFunction<double[]> f, double truth, String what) {
        double[][] v = values(trace, f);
        double[] all = pooled(v);
        double ess = ess(v);
        double se = Math.sqrt(variance(all) / ess);
        double estimate = mean(all);
        assertThat(estimate).as("E[%s] (MCSE %.4f, ESS %.0f, seed %d)", what, se, ess, trace.seed())
                .isCloseTo(truth, within(Z * se));
        return estimate;
    }

    /** Checks the variance of f as the mean of (f − mean)², with its own ESS. */
    static void assertVariance(Trace trace, ToDoubleFunction<double[]> f, double truth, String what) {
        double m = mean(pooled(values(trace, f)));
        assertMean(trace, x -> {
            double d = f.applyAsDouble(x) - m;
            return d * d;
        }, truth, "Var " + what);
    }

    /**
     * Kolmogorov–Smirnov distance of f's draws to {@code cdf}, judged at the effective sample size:
     * √ESS·D must stay below 1.95 (the asymptotic 0.1% critical value). The ESS is the smaller of the
     * bulk and the tail ESS: the supremum runs over the tails too, where anti-correlated kernels (HMC)
     * carry far less information than in the bulk.
     */
    static void assertDistribution(Trace trace, ToDoubleFunction<double[]> f, DoubleUnaryOperator cdf, String what) {
        double[][] v = values(trace, f);
        double ess = Math.min(Math.min(Convergence.bulkEss(v), Convergence.tailEss(v)), (double) v.length * v[0].length);
        double d = KolmogorovSmirnovTest.withDefaults().statistic(pooled(v), cdf);
        assertThat(Math.sqrt(ess) * d).as("%s: KS distance %.4f at ESS %.0f (seed %d)", what, d, ess, trace.seed())
                .isLessThan(1.95);
    }

    static ToDoubleFunction<double[]> coordinate(int k) {
        return x -> x[k];
    }
}
