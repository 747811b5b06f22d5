package dev.probe.core.probe;

import dev.probe.core.query.OutputEnergy;
import dev.probe.core.result.PoolCheck;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * Computes a {@link PoolCheck}: the chains' draws against the prior pool's draws weighted by {@code exp(−G)}, coordinate
 * by coordinate. The pool's energies come from its stored outputs (no network runs).
 */
final class PoolAgreement {
    private PoolAgreement() {}

    /**
     * @param latents the chains' draws {@code [n][d]}
     * @param ess each coordinate's bulk ESS over the chains (NaN: the number of chains is used)
     * @param chains the number of chains
     * @return empty when the pool has too few effective weighted draws to judge
     */
    static Optional<PoolCheck> check(PriorPool pool, OutputEnergy query, double[][] latents, double[] ess, int chains) {
        double[] g = pool.energies(query);
        double min = Arrays.stream(g).filter(Double::isFinite).min().orElse(Double.NaN);
        if (!Double.isFinite(min) || latents.length == 0) {
            return Optional.empty();
        }
        double[] w = new double[g.length];
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < g.length; i++) {
            w[i] = Double.isFinite(g[i]) ? Math.exp(-(g[i] - min)) : 0;
            sum += w[i];
            squares += w[i] * w[i];
        }
        double poolEss = sum * sum / squares;
        if (!(poolEss >= PoolCheck.MIN_POOL_ESS)) {
            return Optional.empty();
        }
        int d = latents[0].length;
        PoolCheck worst = null;
        double worstRatio = -1;
        for (int k = 0; k < d; k++) {
            double n = Double.isFinite(ess[k]) && ess[k] > 0 ? Math.min(ess[k], latents.length) : chains;
            PoolCheck c = coordinate(pool, k, w, sum, latents, n, poolEss, d);
            double ratio = c.distance() / c.allowed();
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = c;
            }
        }
        return Optional.ofNullable(worst);
    }

    /** The largest difference between the two cumulative distributions of coordinate {@code k}, and where it is. */
    private static PoolCheck coordinate(PriorPool pool, int k, double[] w, double sum, double[][] latents, double chainEss,
            double poolEss, int d) {
        int p = w.length;
        double[] values = new double[p];
        for (int i = 0; i < p; i++) {
            values[i] = pool.coordinate(i, k);
        }
        Integer[] order = new Integer[p];
        for (int i = 0; i < p; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] chain = new double[latents.length];
        for (int i = 0; i < chain.length; i++) {
            chain[i] = latents[i][k];
        }
        Arrays.sort(chain);
        int a = 0;
        int b = 0;
        double poolCdf = 0;
        double best = -1;
        double at = Double.NaN;
        double bestPool = 0;
        double bestChain = 0;
        // every step of both distribution functions, to find where the largest difference builds up
        double[] xs = new double[p + chain.length];
        double[] ps = new double[xs.length];
        double[] cs = new double[xs.length];
        int steps = 0;
        int bestStep = -1;
        while (a < p || b < chain.length) {
            // the next distinct value of either sample; both cumulative distributions step past it together
            double v = Math.min(a < p ? values[order[a]] : Double.POSITIVE_INFINITY,
                    b < chain.length ? chain[b] : Double.POSITIVE_INFINITY);
            while (a < p && values[order[a]] <= v) {
                poolCdf += w[order[a]] / sum;
                a++;
            }
            while (b < chain.length && chain[b] <= v) {
                b++;
            }
            double chainCdf = (double) b / chain.length;
            double diff = Math.abs(Math.min(1, poolCdf) - chainCdf);
            xs[steps] = v;
            ps[steps] = Math.min(1, poolCdf);
            cs[steps] = chainCdf;
            if (diff > best) {
                best = diff;
                at = v;
                bestPool = Math.min(1, poolCdf);
                bestChain = chainCdf;
                bestStep = steps;
            }
            steps++;
        }
        // where the difference builds up: from the last step at most a tenth of the largest, to the first of three
        // quarters; a missed region lies there, while the largest can sit at the edge of what the chains found, after a
        // gap (a new user read "coordinate 0 <= 2.16" for a missed piece below -2.5)
        double sign = Math.signum(bestPool - bestChain);
        int end = bestStep;
        while (end > 0 && sign * (ps[end - 1] - cs[end - 1]) >= 0.75 * best) {
            end--;
        }
        int start = end - 1;
        while (start >= 0 && sign * (ps[start] - cs[start]) > 0.1 * best) {
            start--;
        }
        double from = start >= 0 ? xs[start] : Double.NEGATIVE_INFINITY;
        double poolBetween = ps[end] - (start >= 0 ? ps[start] : 0);
        double chainBetween = cs[end] - (start >= 0 ? cs[start] : 0);
        return new PoolCheck(k, at, bestPool, bestChain, PoolCheck.allowed(d, chainEss, poolEss), poolEss, chainEss, from,
                xs[end], poolBetween, chainBetween);
    }
}
