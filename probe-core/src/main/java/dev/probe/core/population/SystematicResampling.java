package dev.probe.core.population;

/**
 * Systematic resampling (Douc, Cappé &amp; Moulines 2005): one uniform {@code u}, points {@code (i + u)/n}, the inverse of the
 * weights' cumulative sum (last entry forced to 1, indices clamped). O(K + n); ancestors come out sorted
 * (package plumbing).
 */
final class SystematicResampling {
    private SystematicResampling() {}

    /** {@code n} ancestor indices into normalised {@code weights}, from one uniform {@code u ∈ [0, 1)}. */
    static int[] ancestors(double[] weights, int n, double u) {
        int k = weights.length;
        double[] cumulative = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        for (int i = 0; i < k; i++) {
            cumulative[i] /= sum;
        }
        cumulative[k - 1] = 1;
        int[] out = new int[n];
        int j = 0;
        for (int i = 0; i < n; i++) {
            double point = (i + u) / n;
            while (j < k - 1 && cumulative[j] < point) {
                j++;
            }
            out[i] = j;
        }
        return out;
    }

    /** Number of distinct values in sorted {@code ancestors}. */
    static int distinct(int[] ancestors) {
        int count = ancestors.length == 0 ? 0 : 1;
        for (int i = 1; i < ancestors.length; i++) {
            if (ancestors[i] != ancestors[i - 1]) {
                count++;
            }
        }
        return count;
    }
}
