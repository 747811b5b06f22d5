package dev.probe.core.adaptation;

import java.util.Arrays;

/**
 * Which chains explore the same region, from each chain's mean and standard deviation of its positions
 * over a window: chains {@code a} and {@code b} overlap when, in every coordinate,
 * {@code |mean_a − mean_b| ≤ 2·max(sd_a, sd_b)}; groups are the connected components of that relation.
 * Chains that mix share a group (and a step size: their acceptance is one signal, no noisier than the
 * shared adaptation's); chains stuck in separate modes or differently curved regions form groups of their
 * own (and get their own step size).
 *
 * <pre>{@code
 * ChainGroups g = ChainGroups.of(means, sds);   // [chains][d] each
 * int group = g.groupOf(chain);
 * }</pre>
 */
public final class ChainGroups {
    private final int[] group;
    private final int count;

    private ChainGroups(int[] group, int count) {
        this.group = group;
        this.count = count;
    }

    /** One group holding every chain. */
    public static ChainGroups single(int chains) {
        return new ChainGroups(new int[chains], 1);
    }

    /** Groups from per-chain position means and standard deviations over a window ({@code [chains][d]}). */
    public static ChainGroups of(double[][] means, double[][] sds) {
        int chains = means.length;
        int[] parent = new int[chains];
        Arrays.setAll(parent, i -> i);
        for (int a = 0; a < chains; a++) {
            for (int b = a + 1; b < chains; b++) {
                if (overlap(means[a], sds[a], means[b], sds[b])) {
                    parent[find(parent, a)] = find(parent, b);
                }
            }
        }
        int[] label = new int[chains];
        Arrays.fill(label, -1);
        int[] group = new int[chains];
        int count = 0;
        for (int c = 0; c < chains; c++) {
            int root = find(parent, c);
            if (label[root] < 0) {
                label[root] = count++;
            }
            group[c] = label[root];
        }
        return new ChainGroups(group, count);
    }

    private static boolean overlap(double[] ma, double[] sa, double[] mb, double[] sb) {
        for (int k = 0; k < ma.length; k++) {
            if (!(Math.abs(ma[k] - mb[k]) <= 2 * Math.max(sa[k], sb[k]))) {
                return false;
            }
        }
        return true;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Number of groups. */
    public int count() {
        return count;
    }

    /** The group of chain {@code c}, in {@code 0..count()−1}. */
    public int groupOf(int c) {
        return group[c];
    }

    /** Number of chains. */
    public int chains() {
        return group.length;
    }
}
