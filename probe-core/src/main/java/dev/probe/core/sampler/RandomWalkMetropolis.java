package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;

/**
 * Random-walk Metropolis–Hastings with a pluggable {@link Proposal}, for non-differentiable energies
 * (tree ensembles, black-box functions) and procedural generators with discrete attributes. Every
 * step is recorded, repeats included (the papers' code kept only accepted states, which biases the
 * sample). The proposal's Hastings correction enters the acceptance ratio.
 *
 * <pre>{@code
 * Kernel mh = RandomWalkMetropolis.of(MixedProposal.gaussian(2), 0.5);
 * }</pre>
 */
public final class RandomWalkMetropolis implements Kernel {
    /** Optimal acceptance of random-walk Metropolis in high dimension (Roberts, Gelman &amp; Gilks 1997). */
    public static final double TARGET_ACCEPTANCE = 0.234;

    private final Proposal proposal;
    private final double scale;
    /** One scale per chain (SMC populations), or {@code null}: {@link #scale} for all. */
    private final double[] scales;
    /**
     * The target's variance per coordinate ({@code d}, or {@code chains·d} row-major), whose square roots replace the
     * proposal's widths ({@link Proposal#withWidths}), or {@code null}: the proposal's own widths.
     */
    private final double[] metric;

    private RandomWalkMetropolis(Proposal proposal, double scale, double[] scales) {
        this(proposal, scale, scales, null);
    }

    private RandomWalkMetropolis(Proposal proposal, double scale, double[] scales, double[] metric) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("Proposal scale must be positive and finite, got " + scale);
        }
        if (scales != null) {
            for (double v : scales) {
                if (!(v > 0) || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("Every chain's proposal scale must be positive and finite, got " + v);
                }
            }
        }
        this.proposal = java.util.Objects.requireNonNull(proposal, "proposal: give one, e.g. MixedProposal.gaussian(d) "
                + "or the space's proposal()");
        this.scale = scale;
        this.scales = scales == null ? null : scales.clone();
        this.metric = metric == null ? null : metric.clone();
    }

    /** Metropolis–Hastings with {@code proposal} and initial scale {@code scale}. */
    public static RandomWalkMetropolis of(Proposal proposal, double scale) {
        return new RandomWalkMetropolis(proposal, scale, null);
    }

    @Override
    public String name() {
        return "MH";
    }

    @Override
    public ChainState init(NDArray position, Energy energy, ChainRandom random) {
        if (proposal.dimension() >= 0 && proposal.dimension() != energy.dimension()) {
            // a proposal for 3 coordinates failed deep in an array copy; one for 1 of 2 left the second never moving
            throw new IllegalArgumentException("The proposal moves " + proposal.dimension() + " coordinates, but the "
                    + "energy has " + energy.dimension() + ": build it for the energy's coordinates, e.g. "
                    + "MixedProposal.gaussian(" + energy.dimension() + ") or the space's proposal().");
        }
        return new ChainState(position, Tensors.toDoubles(Tensors.valueScoped(energy, position)), null);
    }

    @Override
    public Transition step(ChainState state, Energy energy, ChainRandom random) {
        NDArray x = state.position();
        int chains = state.chains();
        float[] current = Tensors.toFloats(x);
        float[] next = new float[current.length];
        double[] correction = scales == null && metric == null
                ? proposal.propose(current, next, chains, scale, energy.bounds(), random)
                : proposePerChain(current, next, chains, energy.bounds(), random);
        NDArray candidate = Tensors.create(x, next);
        double[] proposed = Tensors.toDoubles(Tensors.valueScoped(energy, candidate));
        boolean[] outside = energy.outside(candidate);
        Acceptance.Decision d = Acceptance.decide(state.energy(), proposed, correction, null, outside, random, true);
        ChainState after = Acceptance.next(d, state, candidate, proposed, null);
        return new Transition(after, d.info(0, 1));
    }

    @Override
    public double stepSize() {
        return scale;
    }

    @Override
    public RandomWalkMetropolis withStepSize(double newScale) {
        return new RandomWalkMetropolis(proposal, newScale, null, metric);
    }

    /**
     * Chain by chain, each with its own scale and widths (the proposal is written for shared ones); rows with the
     * same metric as the row before share its proposal.
     */
    private double[] proposePerChain(float[] current, float[] next, int chains, Box box, ChainRandom random) {
        if (scales != null && scales.length != chains) {
            throw new IllegalStateException("Got " + scales.length + " per-chain scales for " + chains + " chains");
        }
        int d = current.length / chains;
        if (metric != null && metric.length != d && metric.length != chains * d) {
            throw new IllegalStateException("Got " + metric.length + " metric entries for " + chains + " chains of "
                    + d + " coordinates");
        }
        Proposal rowProposal = proposal;
        int lastFrom = -1;
        double[] correction = new double[chains];
        float[] row = new float[d];
        float[] out = new float[d];
        for (int c = 0; c < chains; c++) {
            System.arraycopy(current, c * d, row, 0, d);
            if (metric != null) {
                int from = metric.length == d ? 0 : c * d;
                if (lastFrom < 0 || from != lastFrom && !java.util.Arrays.equals(metric, from, from + d, metric, lastFrom,
                        lastFrom + d)) {
                    rowProposal = proposal.withWidths(widths(metric, from, d));
                }
                lastFrom = from;
            }
            double[] k = rowProposal.propose(row, out, 1, scales == null ? scale : scales[c], box, random);
            correction[c] = k == null ? 0 : k[0];
            System.arraycopy(out, 0, next, c * d, d);
        }
        return correction;
    }

    /** The proposal this kernel scales. */
    public Proposal proposal() {
        return proposal;
    }

    /**
     * {@link Proposal#scaleForSpread}: the proposal's widths (the metric's standard deviations, when it has one and
     * the proposal takes widths) times this scale make the steps.
     */
    @Override
    public double stepSizeForSpread(double[] variance) {
        return widthsProposal().scaleForSpread(variance);
    }

    /**
     * The same kernel moving with the target's spread: each continuous coordinate's proposal width becomes the square
     * root of its entry of {@code inverseMetric} ({@code d} entries for all chains, or {@code chains·d}, one row per
     * chain), where the proposal takes widths ({@link Proposal#withWidths}); otherwise this kernel. Population samplers
     * give it, at each stage, the spread of other particles than the ones it moves: a random walk with one width for
     * every feature moves the features a question leaves free no farther than the most constrained one allows, so
     * their particles stay alike and their error bars come out too small.
     */
    @Override
    public RandomWalkMetropolis withInverseMetric(double[] inverseMetric) {
        int d = proposal.dimension();
        if (inverseMetric == null || d < 1 || inverseMetric.length % d != 0
                || proposal.withWidths(new double[d]) == proposal) {
            return this;
        }
        return new RandomWalkMetropolis(proposal, scale, scales, inverseMetric);
    }

    /** The metric it moves with, or {@code null} (the proposal's own widths). */
    @Override
    public double[] inverseMetric() {
        return metric == null ? null : metric.clone();
    }

    /** The proposal with the first row of the metric as widths (the proposal itself without a metric). */
    private Proposal widthsProposal() {
        int d = proposal.dimension();
        if (metric == null || d < 0 || metric.length % d != 0) {
            return proposal;
        }
        return proposal.withWidths(widths(metric, 0, d));
    }

    private static double[] widths(double[] variance, int from, int d) {
        double[] w = new double[d];
        for (int k = 0; k < d; k++) {
            w[k] = Math.sqrt(variance[from + k]);
        }
        return w;
    }

    @Override
    public boolean supportsPerChainStepSizes() {
        return true;
    }

    /** The same kernel with one proposal scale per chain (the proposal's widths times each chain's scale). */
    @Override
    public RandomWalkMetropolis withStepSizes(double[] perChain) {
        return new RandomWalkMetropolis(proposal, scale, perChain, metric);
    }

    @Override
    public double[] stepSizes() {
        return scales == null ? null : scales.clone();
    }

    @Override
    public double targetAcceptance() {
        return TARGET_ACCEPTANCE;
    }

    @Override
    public boolean needsGradient() {
        return false;
    }

    /**
     * Its proposal's largest useful scale: a chain on a bounded box whose every proposal is accepted grew its scale to
     * 10⁶ and reported it, though the steps it took were capped at twice the box's span. With a metric, in the widths
     * it gives.
     */
    @Override
    public double largestUsefulStepSize(Box box) {
        return widthsProposal().largestUsefulScale(box);
    }

    /** Whether its proposal moves continuous coordinates only (no categorical ones). */
    @Override
    public boolean movesContinuousStates() {
        return proposal.isContinuous();
    }

    @Override
    public String toString() {
        return "MH(scale=" + scale + ")";
    }
}
