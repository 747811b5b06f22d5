package dev.probe.core.diagnostics;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Rank-normalised split-R̂ and bulk effective sample size across chains, following Vehtari, Gelman,
 * Simpson, Carpenter &amp; Bürkner (2021), "Rank-normalization, folding, and localization: an improved
 * R̂ for assessing convergence of MCMC", and Stan's implementation (Geyer's initial monotone sequence
 * for the autocorrelation sum).
 *
 * <p>Input is {@code draws[chain][iteration]} for one scalar quantity; every chain must have the same
 * length of at least 4. Degenerate input (all values equal) gives {@code NaN}, which callers treat as
 * "not converged".
 *
 * <pre>{@code
 * double rhat = Convergence.rhat(draws);    // max of bulk and tail (folded) split-R̂
 * double ess = Convergence.bulkEss(draws);
 * double essOfMean = Convergence.meanEss(draws); // for Monte-Carlo standard errors of a mean
 * double essOfTails = Convergence.tailEss(draws); // for the 5% and 95% quantiles
 * }</pre>
 */
public final class Convergence {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Convergence() {}

    /** max(bulk split-R̂, tail split-R̂ of the folded draws), both rank-normalised. */
    public static double rhat(double[][] draws) {
        double[][] split = split(draws);
        double bulk = plainRhat(rankNormalise(split));
        double tail = plainRhat(rankNormalise(fold(split)));
        if (Double.isNaN(bulk) || Double.isNaN(tail)) {
            return Double.NaN;
        }
        return Math.max(bulk, tail);
    }

    /** Bulk effective sample size: ESS of the rank-normalised split chains. */
    public static double bulkEss(double[][] draws) {
        return ess(rankNormalise(split(draws)));
    }

    /**
     * Tail effective sample size: the smaller ESS of the indicators {@code I(x ≤ q05)} and
     * {@code I(x ≤ q95)} over the split chains, with the pooled 5% and 95% quantiles (Vehtari et al.
     * 2021, §4.3). Kernels that are anti-correlated in the bulk (HMC) can have a bulk ESS above the number
     * of draws and a far smaller tail ESS; judge quantiles and distribution fits by this one.
     */
    public static double tailEss(double[][] draws) {
        double[][] split = split(draws);
        double[] all = Arrays.stream(split).flatMapToDouble(Arrays::stream).sorted().toArray();
        double lower = quantileEss(split, quantile(all, 0.05));
        double upper = quantileEss(split, quantile(all, 0.95));
        return Math.min(lower, upper);
    }

    /**
     * The ESS of {@code I(x ≤ q)}; where ties at {@code q} make that indicator constant over every draw, the ESS of
     * {@code I(x < q)} if a (split) chain sits at {@code q} in every draw. A chain stuck at one value beyond the
     * others' range holds more than 5% of the draws at the pooled 95% quantile, so {@code I(x ≤ q95)} is 1 everywhere
     * and its ESS undefined, while the strict indicator separates the stuck chain from the rest and shows how few
     * effective draws the tail has (a new user's stuck HMC chain on a banana read a tail ESS of +∞).
     */
    private static double quantileEss(double[][] split, double q) {
        double[][] indicator = new double[split.length][];
        for (int j = 0; j < split.length; j++) {
            indicator[j] = Arrays.stream(split[j]).map(v -> v <= q ? 1 : 0).toArray();
        }
        double ess = ess(indicator);
        boolean stuck = Arrays.stream(split).anyMatch(c -> Arrays.stream(c).allMatch(v -> v == q));
        if (!Double.isNaN(ess) || !stuck) {
            return ess; // ties without a chain stuck on them (a discrete coordinate's common value): nothing to judge
        }
        for (int j = 0; j < split.length; j++) {
            indicator[j] = Arrays.stream(split[j]).map(v -> v < q ? 1 : 0).toArray();
        }
        return ess(indicator);
    }

    private static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int i = (int) Math.floor(h);
        return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }

    /** ESS for the mean: ESS of the split chains without rank normalisation (Stan's {@code ess_mean}). */
    public static double meanEss(double[][] draws) {
        return ess(split(draws));
    }

    /**
     * ESS of the mean over independent populations of a population sampler (SMC), {@code draws[population][draw]}:
     * the smaller of {@link #meanEss} and what the spread of the populations' means allows, {@code R·s²/var(means)}
     * with {@code s²} the pooled variance of the draws. Within a population the draws share ancestors, which the
     * autocorrelations of {@link #meanEss} see only in part; independent populations that disagree show it. Two new
     * users' mode shares from small populations (a 4% lobe of a 10-d level set at 4 × 256 particles, a 0.6/0.3/0.1
     * mixture at 4 × 64) were off by up to 5 standard errors of {@link #meanEss} (mean z² 2–5), within about 2 of this
     * one. With few populations the spread is itself uncertain (3 degrees of freedom at 4), so this is a floor on the
     * error, as for log Z ({@code PopulationRun.logPriorMassStandardError}).
     *
     * <pre>{@code
     * double[][] inLobe = ...; // [population][draw]: 1 where a draw lies in the lobe
     * double se = Math.sqrt(share * (1 - share) / Convergence.populationEss(inLobe));
     * }</pre>
     */
    public static double populationEss(double[][] draws) {
        double ess = meanEss(draws);
        int m = draws.length;
        if (m < 2) {
            return ess;
        }
        double[] means = new double[m];
        double pooled = 0;
        long n = 0;
        double grand = 0;
        for (int j = 0; j < m; j++) {
            means[j] = mean(draws[j]);
            grand += means[j] / m;
        }
        for (double[] chain : draws) {
            for (double v : chain) {
                pooled += (v - grand) * (v - grand);
                n++;
            }
        }
        pooled /= n - 1;
        double between = variance(means, mean(means));
        if (!(between > 0) || !(pooled > 0)) {
            return ess;
        }
        double spread = m * pooled / between;
        return Double.isNaN(ess) ? spread : Math.min(ess, spread);
    }

    /** Classic (non-split, non-ranked) potential scale reduction of the given chains. */
    static double plainRhat(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] means = new double[m];
        double w = 0;
        for (int j = 0; j < m; j++) {
            means[j] = mean(chains[j]);
            w += variance(chains[j], means[j]);
        }
        w /= m;
        double b = n * variance(means, mean(means));
        double varPlus = (n - 1.0) / n * w + b / n;
        if (!(w > 0)) {
            return Double.NaN;
        }
        return Math.sqrt(varPlus / w);
    }

    /** Multi-chain ESS (Stan): autocorrelations combined across chains, Geyer's monotone sequence. */
    static double ess(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] means = new double[m];
        double[] vars = new double[m];
        double w = 0;
        for (int j = 0; j < m; j++) {
            means[j] = mean(chains[j]);
            vars[j] = variance(chains[j], means[j]);
            w += vars[j];
        }
        w /= m;
        double varPlus = (n - 1.0) / n * w + (m > 1 ? variance(means, mean(means)) : 0);
        if (!(varPlus > 0)) {
            return Double.NaN;
        }
        // Geyer's initial positive sequence over pairs (rho[2t] + rho[2t+1]), computed lazily.
        double sum = 0;
        double previousPair = Double.POSITIVE_INFINITY;
        for (int t = 0; t + 1 < n; t += 2) {
            double r0 = t == 0 ? 1 : rhoAt(chains, means, w, varPlus, t);
            double r1 = rhoAt(chains, means, w, varPlus, t + 1);
            double pair = r0 + r1;
            if (pair < 0) {
                break;
            }
            pair = Math.min(pair, previousPair); // initial monotone sequence
            previousPair = pair;
            sum += pair;
        }
        double tau = -1 + 2 * sum;
        double total = (double) m * n;
        tau = Math.max(tau, 1 / Math.log10(total));
        return total / tau;
    }

    private static double rhoAt(double[][] chains, double[] means, double w, double varPlus, int lag) {
        int m = chains.length;
        int n = chains[0].length;
        double acovMean = 0;
        for (int j = 0; j < m; j++) {
            double s = 0;
            double[] x = chains[j];
            for (int i = 0; i + lag < n; i++) {
                s += (x[i] - means[j]) * (x[i + lag] - means[j]);
            }
            acovMean += s / n; // biased autocovariance, as in Stan
        }
        acovMean /= m;
        // Stan / posterior: rho_t = 1 - (W - mean_j acov_j(t)) / var+
        return 1 - (w - acovMean) / varPlus;
    }

    /** Splits every chain into its first and second half (dropping the middle draw of odd lengths). */
    static double[][] split(double[][] draws) {
        int m = draws.length;
        if (m == 0) {
            throw new IllegalArgumentException("No chains given");
        }
        int n = draws[0].length;
        for (double[] chain : draws) {
            if (chain.length != n) {
                throw new IllegalArgumentException("All chains must have the same number of draws");
            }
        }
        if (n < 4) {
            throw new IllegalArgumentException("Need at least 4 draws per chain for split-R̂ and ESS, got " + n);
        }
        int half = n / 2;
        double[][] out = new double[2 * m][];
        for (int j = 0; j < m; j++) {
            out[2 * j] = Arrays.copyOfRange(draws[j], 0, half);
            out[2 * j + 1] = Arrays.copyOfRange(draws[j], n - half, n);
        }
        return out;
    }

    /** Replaces every value by Φ⁻¹((r − 3/8)/(S + 1/4)) of its pooled average rank r (Blom). */
    static double[][] rankNormalise(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        int total = m * n;
        double[] values = new double[total];
        Integer[] order = new Integer[total];
        for (int j = 0; j < m; j++) {
            System.arraycopy(chains[j], 0, values, j * n, n);
        }
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] rank = new double[total];
        for (int i = 0; i < total; ) {
            int k = i;
            while (k + 1 < total && values[order[k + 1]] == values[order[i]]) {
                k++;
            }
            double average = (i + k) / 2.0 + 1;
            for (int t = i; t <= k; t++) {
                rank[order[t]] = average;
            }
            i = k + 1;
        }
        double[][] out = new double[m][n];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                double p = (rank[j * n + i] - 0.375) / (total + 0.25);
                out[j][i] = STANDARD_NORMAL.inverseCumulativeProbability(p);
            }
        }
        return out;
    }

    /** |x − median| of the pooled draws, for the tail R̂. */
    static double[][] fold(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] all = new double[m * n];
        for (int j = 0; j < m; j++) {
            System.arraycopy(chains[j], 0, all, j * n, n);
        }
        Arrays.sort(all);
        double median = all.length % 2 == 1 ? all[all.length / 2] : (all[all.length / 2 - 1] + all[all.length / 2]) / 2;
        double[][] out = new double[m][n];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                out[j][i] = Math.abs(chains[j][i] - median);
            }
        }
        return out;
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double variance(double[] x, double mean) {
        if (x.length < 2) {
            return 0;
        }
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }
}
