package dev.probe.core.population;

import dev.probe.core.sampler.ChainRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A Gaussian mixture fitted to (half of) one population's particles, used as the proposal of independent
 * Metropolis–Hastings jumps between the modes a population holds (package plumbing). The particles are
 * clustered by k-means (k-means++ seeding, {@code k ≤ maxComponents} and at least {@code 2(d + 1)} particles
 * per cluster); each component is its cluster's mean and covariance, shrunk toward an isotropic covariance of the
 * population's scale (so duplicated particles still give a proper component) and inflated so the proposal's tails
 * cover the cluster. The weights are half the clusters' shares, half uniform: a mode that holds few particles is
 * proposed as often as the acceptance needs to grow its share toward the target's.
 */
final class GaussianMixture {
    static final double INFLATION = 1.5;
    private static final int LLOYD_ITERATIONS = 10;

    private final int dimension;
    private final double[] logWeights;
    private final double[] cumulative;
    private final double[][] means;
    private final double[][][] factors;
    private final double[] logNormalisers;

    private GaussianMixture(int dimension, double[] weights, double[][] means, double[][][] factors) {
        this.dimension = dimension;
        this.means = means;
        this.factors = factors;
        int k = weights.length;
        logWeights = new double[k];
        cumulative = new double[k];
        logNormalisers = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            logWeights[c] = Math.log(weights[c]);
            sum += weights[c];
            cumulative[c] = sum;
            double logDet = 0;
            for (int i = 0; i < dimension; i++) {
                logDet += Math.log(factors[c][i][i]);
            }
            logNormalisers[c] = -0.5 * dimension * Math.log(2 * Math.PI) - logDet;
        }
    }

    /** The mean of the {@code count} points labelled {@code c}. */
    private static double[] clusterMean(double[][] x, int[] label, int c, int count) {
        double[] mu = new double[x[0].length];
        for (int i = 0; i < x.length; i++) {
            if (label[i] == c) {
                for (int a = 0; a < mu.length; a++) {
                    mu[a] += x[i][a] / count;
                }
            }
        }
        return mu;
    }

    private static int count(int[] label, int c) {
        int count = 0;
        for (int l : label) {
            count += l == c ? 1 : 0;
        }
        return count;
    }

    /**
     * The covariance of cluster {@code c}, shrunk toward the points' per-coordinate variance shared out over the
     * clusters' volume, times {@code inflation}; {@code null} for an empty cluster.
     */
    private static double[][] clusterCovariance(double[][] x, int[] label, int c, double[] scale, int clusters,
            double inflation) {
        int d = scale.length;
        int count = count(label, c);
        if (count == 0) {
            return null;
        }
        double[] mu = clusterMean(x, label, c, count);
        double[][] cov = new double[d][d];
        for (int i = 0; i < x.length; i++) {
            if (label[i] != c) {
                continue;
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += (x[i][a] - mu[a]) * (x[i][b] - mu[b]) / count;
                }
            }
        }
        double prior = d + 1.0;
        double share = Math.pow(clusters, -2.0 / d);
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double target = a == b ? scale[a] * share : 0;
                cov[a][b] = inflation * (count * cov[a][b] + prior * target) / (count + prior);
                cov[b][a] = cov[a][b];
            }
        }
        return cov;
    }

    /**
     * Fits the mixture to {@code x} ({@code [n][d]}) in the points' own whitened coordinates (their mean and the
     * Cholesky factor of their covariance), so the fit is affine-equivariant: the proposal depends on the points
     * alone, not on the coordinates they are handed in. The jumps hand over the stage's whitened coordinates, whose
     * covariance the jumping particles' own ancestors helped estimate; k-means distances and the isotropic shrinkage
     * in those coordinates then made each particle's proposal denser at itself, so it jumped away more often than
     * others jumped in. Where a thin mode held a few heavily weighted candidates (a tilted slab in d = 24) that
     * drained it at every stage and biased log Z half a nat low with the populations agreeing (BENCHMARK.md,
     * "Mode jumps").
     */
    static GaussianMixture fit(double[][] x, int maxComponents, ChainRandom random) {
        int n = x.length;
        int d = x[0].length;
        double[] m = new double[d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                m[a] += row[a] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += (row[a] - m[a]) * (row[b] - m[b]) / n;
                }
            }
        }
        double trace = 0;
        for (int a = 0; a < d; a++) {
            trace += cov[a][a];
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[b][a] = cov[a][b];
            }
            cov[a][a] += 1e-6 * trace / d + 1e-12;
        }
        double[][] l = Double.isFinite(trace) && n > d ? Cholesky.lower(cov) : null;
        if (l == null) {
            return fitHere(x, maxComponents, random);
        }
        double[][] z = new double[n][];
        double[] r = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                r[a] = x[i][a] - m[a];
            }
            z[i] = Cholesky.solveLower(l, r);
        }
        // x = m + L·z: component means m + L·μ_c, Cholesky factors L·L_c (lower triangular, positive diagonal)
        GaussianMixture inner = fitHere(z, maxComponents, random);
        int k = inner.means.length;
        double[] weights = new double[k];
        double[][] means = new double[k][];
        double[][][] factors = new double[k][d][d];
        for (int c = 0; c < k; c++) {
            weights[c] = Math.exp(inner.logWeights[c]);
            means[c] = m.clone();
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    means[c][a] += l[a][b] * inner.means[c][b];
                    double s = 0;
                    for (int e = b; e <= a; e++) {
                        s += l[a][e] * inner.factors[c][e][b];
                    }
                    factors[c][a][b] = s;
                }
            }
        }
        return new GaussianMixture(d, weights, means, factors);
    }

    /** The fit in the coordinates given (k-means and shrinkage toward an isotropic covariance in them). */
    private static GaussianMixture fitHere(double[][] x, int maxComponents, ChainRandom random) {
        int n = x.length;
        int d = x[0].length;
        int k = Math.max(1, Math.min(maxComponents, n / (2 * (d + 1))));
        int[] label = kMeans(x, k, random);
        double[] scale = scale(x, d);
        List<double[]> weights = new ArrayList<>();
        List<double[]> mus = new ArrayList<>();
        List<double[][]> ls = new ArrayList<>();
        int clusters = 0;
        for (int c = 0; c < k; c++) {
            clusters += count(label, c) > 0 ? 1 : 0;
        }
        for (int c = 0; c < k; c++) {
            double[][] cov = clusterCovariance(x, label, c, scale, clusters, INFLATION);
            double[][] l = cov == null ? null : Cholesky.lower(cov);
            if (l == null) {
                continue;
            }
            int count = count(label, c);
            double[] mu = clusterMean(x, label, c, count);
            weights.add(new double[] {0.5 * count / n + 0.5 / clusters});
            mus.add(mu);
            ls.add(l);
        }
        if (mus.isEmpty()) {
            double[][] l = new double[d][d];
            double[] mu = new double[d];
            for (int a = 0; a < d; a++) {
                l[a][a] = Math.sqrt(INFLATION * scale[a]);
                for (double[] row : x) {
                    mu[a] += row[a] / n;
                }
            }
            return new GaussianMixture(d, new double[] {1}, new double[][] {mu}, new double[][][] {l});
        }
        double[] w = new double[mus.size()];
        double total = 0;
        for (int c = 0; c < w.length; c++) {
            w[c] = weights.get(c)[0];
            total += w[c];
        }
        for (int c = 0; c < w.length; c++) {
            w[c] /= total;
        }
        return new GaussianMixture(d, w, mus.toArray(new double[0][]), ls.toArray(new double[0][][]));
    }

    /** Per-coordinate variance of the points, floored. */
    private static double[] scale(double[][] x, int d) {
        double[] mean = new double[d];
        double[] var = new double[d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                mean[a] += row[a] / x.length;
            }
        }
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                var[a] += (row[a] - mean[a]) * (row[a] - mean[a]) / x.length;
            }
        }
        for (int a = 0; a < d; a++) {
            var[a] = Double.isFinite(var[a]) ? Math.max(var[a], 1e-8) : 1;
        }
        return var;
    }

    /** k-means with k-means++ seeding; returns each point's cluster. */
    private static int[] kMeans(double[][] x, int k, ChainRandom random) {
        int n = x.length;
        double[][] centres = new double[k][];
        centres[0] = x[random.nextInt(n)].clone();
        double[] nearest = new double[n];
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], distance(x[i], centres[c - 1]));
                sum += nearest[i];
            }
            int pick = random.nextInt(n);
            if (sum > 0) {
                double u = random.nextDouble() * sum;
                for (int i = 0; i < n; i++) {
                    u -= nearest[i];
                    if (u <= 0) {
                        pick = i;
                        break;
                    }
                }
            }
            centres[c] = x[pick].clone();
        }
        int[] label = new int[n];
        for (int iteration = 0; iteration < LLOYD_ITERATIONS; iteration++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double dist = distance(x[i], centres[c]);
                    if (dist < bestDistance) {
                        bestDistance = dist;
                        best = c;
                    }
                }
                changed |= label[i] != best || iteration == 0;
                label[i] = best;
            }
            if (!changed) {
                break;
            }
            for (int c = 0; c < k; c++) {
                double[] sum = new double[x[0].length];
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (label[i] == c) {
                        count++;
                        for (int a = 0; a < sum.length; a++) {
                            sum[a] += x[i][a];
                        }
                    }
                }
                if (count > 0) {
                    for (int a = 0; a < sum.length; a++) {
                        sum[a] /= count;
                    }
                    centres[c] = sum;
                }
            }
        }
        return label;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s;
    }

    int components() {
        return means.length;
    }

    double[] sample(ChainRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int c = 0;
        while (c < cumulative.length - 1 && u > cumulative[c]) {
            c++;
        }
        double[] z = new double[dimension];
        for (int a = 0; a < dimension; a++) {
            z[a] = random.nextGaussian();
        }
        double[] out = means[c].clone();
        double[][] l = factors[c];
        for (int a = 0; a < dimension; a++) {
            for (int b = 0; b <= a; b++) {
                out[a] += l[a][b] * z[b];
            }
        }
        return out;
    }

    double logDensity(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[means.length];
        double[] r = new double[dimension];
        for (int c = 0; c < means.length; c++) {
            for (int a = 0; a < dimension; a++) {
                r[a] = x[a] - means[c][a];
            }
            double[] y = Cholesky.solveLower(factors[c], r);
            double q = 0;
            for (double v : y) {
                q += v * v;
            }
            terms[c] = logWeights[c] + logNormalisers[c] - 0.5 * q;
            max = Math.max(max, terms[c]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double t : terms) {
            s += Math.exp(t - max);
        }
        return max + Math.log(s);
    }
}
