package dev.probe.core.sampler;

import java.util.ArrayList;
import java.util.List;

/**
 * A random-walk proposal over mixed coordinates, for procedural generators with discrete and
 * continuous attributes (paper "BAYES-PROBE", §3, Metropolis–Hastings over scenes).
 *
 * <ul>
 *   <li>Continuous coordinate {@code k}: {@code x'_k = x_k + scale·w_k·ξ}, reflected back into the
 *       support box (the reflected Gaussian kernel is symmetric, so it needs no correction); by default in
 *       every proposal, or only with a given move probability (else it keeps its value).
 *   <li>Categorical coordinate {@code k} with {@code K} values {@code 0..K−1}: keep the value with
 *       probability {@code keep}, else move to a uniformly chosen other value. The kernel
 *       {@code q(k'|k) = keep} if {@code k' = k}, else {@code (1 − keep)/(K − 1)} is symmetric, so the
 *       Hastings ratio of this part is exactly 1.
 * </ul>
 * Coordinates not mentioned stay fixed. Which coordinates move is drawn independently of the state, and when a
 * proposal would move none, one declared coordinate chosen uniformly moves instead (the set of moved
 * coordinates has the same probability forward and backward, so the proposal stays symmetric). Sparse moves
 * (move probabilities below 1) suit spaces with many attributes of which a question depends on few, such as a
 * scene's unused object slots: a proposal that leaves the relevant attributes alone is always accepted, so the
 * others keep mixing instead of waiting for a joint move that the relevant ones accept.
 *
 * <pre>{@code
 * Proposal p = MixedProposal.builder(3).continuous(0, 0.5).continuous(1, 0.5).categorical(2, 4, 0.8).build();
 * Kernel mh = RandomWalkMetropolis.of(p, 1.0);
 * }</pre>
 */
public final class MixedProposal implements Proposal {
    private final int dimension;
    private final int[] continuous;
    private final double[] widths;
    private final double[] moves;
    private final int[] categorical;
    private final int[] levels;
    private final double[] keep;

    private MixedProposal(Builder b) {
        this.dimension = b.dimension;
        this.continuous = b.continuous.stream().mapToInt(Integer::intValue).toArray();
        this.widths = b.widths.stream().mapToDouble(Double::doubleValue).toArray();
        this.moves = b.moves.stream().mapToDouble(Double::doubleValue).toArray();
        this.categorical = b.categorical.stream().mapToInt(Integer::intValue).toArray();
        this.levels = b.levels.stream().mapToInt(Integer::intValue).toArray();
        this.keep = b.keep.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private MixedProposal(MixedProposal other, double[] widths) {
        this.dimension = other.dimension;
        this.continuous = other.continuous;
        this.widths = widths;
        this.moves = other.moves;
        this.categorical = other.categorical;
        this.levels = other.levels;
        this.keep = other.keep;
    }

    /**
     * The same coordinates, move probabilities and categorical levels, with continuous coordinate {@code k}'s width
     * {@code widths[k]} where that is positive and finite (its own width elsewhere).
     */
    @Override
    public MixedProposal withWidths(double[] widths) {
        if (widths.length != dimension) {
            throw new IllegalArgumentException("Got " + widths.length + " widths for a proposal over " + dimension
                    + " coordinates");
        }
        double[] w = this.widths.clone();
        for (int i = 0; i < continuous.length; i++) {
            double v = widths[continuous[i]];
            if (v > 0 && Double.isFinite(v)) {
                w[i] = v;
            }
        }
        return new MixedProposal(this, w);
    }

    /** A Gaussian random walk with width {@code 1} on every coordinate of a {@code d}-dimensional space. */
    public static MixedProposal gaussian(int d) {
        Builder b = builder(d);
        for (int k = 0; k < d; k++) {
            b.continuous(k, 1.0);
        }
        return b.build();
    }

    /** Twice the widest bounded span in proposal widths: beyond it every continuous step is capped at 2 spans. */
    @Override
    public double largestUsefulScale(Box box) {
        double largest = 0;
        for (int i = 0; i < continuous.length; i++) {
            double span = box.upper(continuous[i]) - box.lower(continuous[i]);
            if (!Double.isFinite(span)) {
                return Double.POSITIVE_INFINITY;
            }
            largest = Math.max(largest, 2 * span / widths[i]);
        }
        return continuous.length == 0 ? Double.POSITIVE_INFINITY : largest;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** True when no coordinate is categorical. */
    @Override
    public boolean isContinuous() {
        return categorical.length == 0;
    }

    public static Builder builder(int dimension) {
        return new Builder(dimension);
    }

    @Override
    public double[] propose(float[] current, float[] proposal, int chains, double scale, Box box,
            ChainRandom random) {
        System.arraycopy(current, 0, proposal, 0, chains * dimension);
        for (int c = 0; c < chains; c++) {
            int row = c * dimension;
            boolean moved = false;
            for (int i = 0; i < continuous.length; i++) {
                if (moves[i] >= 1 || random.nextDouble() < moves[i]) {
                    stepContinuous(current, proposal, row, i, scale, box, random);
                    moved = true;
                }
            }
            for (int i = 0; i < categorical.length; i++) {
                proposal[row + categorical[i]] = Math.round(current[row + categorical[i]]);
                if (random.nextDouble() >= keep[i]) {
                    jumpCategorical(current, proposal, row, i, random);
                    moved = true;
                }
            }
            if (!moved && continuous.length + categorical.length > 0) {
                int i = random.nextInt(continuous.length + categorical.length);
                if (i < continuous.length) {
                    stepContinuous(current, proposal, row, i, scale, box, random);
                } else {
                    jumpCategorical(current, proposal, row, i - continuous.length, random);
                }
            }
        }
        return new double[chains];
    }

    /**
     * {@code 2.38/√m · max_k σ_k/w_k} over the {@code m} continuous coordinates: the optimal random-walk scale of the
     * widest coordinate relative to its width (Roberts, Gelman & Gilks 1997); {@code +∞} without continuous ones.
     */
    @Override
    public double scaleForSpread(double[] variance) {
        double widest = 0;
        for (int i = 0; i < continuous.length; i++) {
            widest = Math.max(widest, Math.sqrt(variance[continuous[i]]) / widths[i]);
        }
        return continuous.length == 0 || !(widest > 0) ? Double.POSITIVE_INFINITY
                : 2.38 / Math.sqrt(continuous.length) * widest;
    }

    private void stepContinuous(float[] current, float[] proposal, int row, int i, double scale, Box box, ChainRandom random) {
        int k = continuous[i];
        double sd = scale * widths[i];
        double span = box.upper(k) - box.lower(k);
        if (Double.isFinite(span)) {
            sd = Math.min(sd, 2 * span); // wider steps only fold back over the box
        }
        double y = current[row + k] + sd * random.nextGaussian();
        proposal[row + k] = (float) reflect(y, box.lower(k), box.upper(k));
    }

    private void jumpCategorical(float[] current, float[] proposal, int row, int i, ChainRandom random) {
        int k = categorical[i];
        int value = Math.round(current[row + k]);
        int other = random.nextInt(levels[i] - 1);
        proposal[row + k] = other >= value ? other + 1 : other;
    }

    /** Folds {@code y} back into {@code [lo, hi]} by reflection at the bounds (exact for any distance). */
    static double reflect(double y, double lo, double hi) {
        if (y >= lo && y <= hi) {
            return y;
        }
        if (Double.isInfinite(hi)) {
            return 2 * lo - y;
        }
        if (Double.isInfinite(lo)) {
            return 2 * hi - y;
        }
        double width = hi - lo;
        double t = (y - lo) % (2 * width);
        if (t < 0) {
            t += 2 * width;
        }
        return t <= width ? lo + t : hi - (t - width);
    }

    /** Builder naming each coordinate's kind. */
    public static final class Builder {
        private final int dimension;
        private final List<Integer> continuous = new ArrayList<>();
        private final List<Double> widths = new ArrayList<>();
        private final List<Double> moves = new ArrayList<>();
        private final List<Integer> categorical = new ArrayList<>();
        private final List<Integer> levels = new ArrayList<>();
        private final List<Double> keep = new ArrayList<>();
        private final boolean[] seen;

        private Builder(int dimension) {
            if (dimension < 1) {
                throw new IllegalArgumentException("Dimension must be at least 1, got " + dimension);
            }
            this.dimension = dimension;
            this.seen = new boolean[dimension];
        }

        /** Coordinate {@code k} is continuous with proposal width {@code width} (times the tuned scale), moved in every proposal. */
        public Builder continuous(int k, double width) {
            return continuous(k, width, 1);
        }

        /**
         * Coordinate {@code k} is continuous with proposal width {@code width} (times the tuned scale), moved with
         * probability {@code moveProbability} in (0, 1] (else it keeps its value).
         */
        public Builder continuous(int k, double width, double moveProbability) {
            claim(k);
            if (!(width > 0)) {
                throw new IllegalArgumentException("Proposal width of coordinate " + k + " must be positive, got " + width);
            }
            if (!(moveProbability > 0 && moveProbability <= 1)) {
                throw new IllegalArgumentException("Move probability of coordinate " + k + " must be in (0, 1], got "
                        + moveProbability);
            }
            continuous.add(k);
            widths.add(width);
            moves.add(moveProbability);
            return this;
        }

        /** Coordinate {@code k} takes values {@code 0..levels−1}; it stays put with probability {@code keep}. */
        public Builder categorical(int k, int levelCount, double keepProbability) {
            claim(k);
            if (levelCount < 2) {
                throw new IllegalArgumentException("Categorical coordinate " + k + " needs at least 2 values, got " + levelCount);
            }
            if (!(keepProbability >= 0 && keepProbability < 1)) {
                throw new IllegalArgumentException("Keep probability of coordinate " + k + " must be in [0, 1), got "
                        + keepProbability);
            }
            categorical.add(k);
            levels.add(levelCount);
            keep.add(keepProbability);
            return this;
        }

        private void claim(int k) {
            if (k < 0 || k >= dimension) {
                throw new IllegalArgumentException("Coordinate " + k + " is outside 0.." + (dimension - 1));
            }
            if (seen[k]) {
                throw new IllegalArgumentException("Coordinate " + k + " was given two kinds; name each coordinate once");
            }
            seen[k] = true;
        }

        public MixedProposal build() {
            return new MixedProposal(this);
        }
    }
}
