package dev.probe.core.adaptation;

/**
 * Dual averaging of the step size ({@link DualAveraging}, Hoffman &amp; Gelman 2014) run separately for every
 * group of chains ({@link ChainGroups}), each on the mean acceptance probability of its own chains; the result
 * is one step size per chain, held in one array. With one group this is the usual shared adaptation; with
 * one group per chain it is per-chain dual averaging. Chains stuck in differently curved regions thus stop
 * sharing the stiffest chain's step, while chains that mix keep one low-noise signal (a single chain's
 * 0-or-1 acceptances drive its dual-averaging iterates far and make it stick where it happens to be, which
 * per-chain adaptation of every chain did on a box-truncated Gaussian: R̂ up to 1.35).
 *
 * <pre>{@code
 * GroupedDualAveraging da = new GroupedDualAveraging(new double[] {0.1, 0.1}, groups, 0.574);
 * double[] next = da.update(acceptancePerChain);
 * double[] tuned = da.finalStepSizes();
 * }</pre>
 */
public final class GroupedDualAveraging {
    private final ChainGroups groups;
    private final DualAveraging[] averaging;

    /**
     * @param initial per chain; a group starts at the geometric mean of its chains' step sizes
     * @param groups which chains share a step size
     * @param target the mean acceptance probability to steer toward
     */
    public GroupedDualAveraging(double[] initial, ChainGroups groups, double target) {
        if (initial.length != groups.chains()) {
            throw new IllegalArgumentException("Got " + initial.length + " step sizes for " + groups.chains() + " chains");
        }
        this.groups = groups;
        double[] logSum = new double[groups.count()];
        int[] size = new int[groups.count()];
        for (int c = 0; c < initial.length; c++) {
            logSum[groups.groupOf(c)] += Math.log(initial[c]);
            size[groups.groupOf(c)]++;
        }
        averaging = new DualAveraging[groups.count()];
        for (int g = 0; g < averaging.length; g++) {
            averaging[g] = new DualAveraging(Math.exp(logSum[g] / size[g]), target);
        }
    }

    /** Records one iteration's acceptance probability of every chain; returns the step sizes to use next. */
    public double[] update(double[] acceptance) {
        if (acceptance.length != groups.chains()) {
            throw new IllegalArgumentException("Got " + acceptance.length + " acceptance probabilities for "
                    + groups.chains() + " chains");
        }
        double[] sum = new double[groups.count()];
        int[] size = new int[groups.count()];
        for (int c = 0; c < acceptance.length; c++) {
            sum[groups.groupOf(c)] += acceptance[c];
            size[groups.groupOf(c)]++;
        }
        double[] step = new double[groups.count()];
        for (int g = 0; g < step.length; g++) {
            step[g] = averaging[g].update(sum[g] / size[g]);
        }
        return perChain(step);
    }

    /** The averaged step size of every chain's group, to freeze after warm-up. */
    public double[] finalStepSizes() {
        double[] step = new double[groups.count()];
        for (int g = 0; g < step.length; g++) {
            step[g] = averaging[g].finalStepSize();
        }
        return perChain(step);
    }

    private double[] perChain(double[] perGroup) {
        double[] out = new double[groups.chains()];
        for (int c = 0; c < out.length; c++) {
            out[c] = perGroup[groups.groupOf(c)];
        }
        return out;
    }
}
