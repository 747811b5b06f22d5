package dev.probe.core.sampler;

/**
 * A proposal for {@link RandomWalkMetropolis}, working on row-major {@code [C, d]} Java arrays (random
 * walk proposals are used with black-box models and procedural generators, whose cost dominates).
 *
 * <pre>{@code
 * Proposal p = MixedProposal.builder(3).continuous(0, 1.0).continuous(1, 1.0).categorical(2, 4, 0.8).build();
 * }</pre>
 */
public interface Proposal {

    /**
     * Writes a proposal for every chain into {@code proposal}.
     *
     * @param current current positions, {@code chains × d} row-major
     * @param proposal output, same layout
     * @param scale the step size that warm-up tunes (multiplies continuous proposal widths)
     * @param box support of the target (proposals may use it, e.g. to reflect)
     * @return per chain the log Hastings correction {@code log q(x|x') − log q(x'|x)}; all zeros for a
     *     symmetric proposal
     */
    double[] propose(float[] current, float[] proposal, int chains, double scale, Box box, ChainRandom random);

    /**
     * The scale at which a random walk suits a target whose coordinates have the given variances: population
     * samplers start each stage's moves at no more than twice this, so a scale grown on a wide early stage does not
     * outlast it. Default: unknown ({@code +∞}, no bound).
     */
    default double scaleForSpread(double[] variance) {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * Whether every coordinate it moves is continuous (a real number with a density, none restricted to whole
     * numbers), so that population samplers may also move particles by mode jumps from a fitted Gaussian mixture.
     * Default: {@code false}, the safe answer for a proposal over discrete values.
     */
    default boolean isContinuous() {
        return false;
    }

    /** The number of coordinates it proposes for, or {@code -1} when it adapts to any (checked when a chain starts). */
    default int dimension() {
        return -1;
    }

    /**
     * The scale above which proposals on {@code box} no longer change (wider steps only fold back over a bounded box),
     * so adaptation need not grow it further; {@code +∞} (default) when there is none.
     */
    default double largestUsefulScale(Box box) {
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The same proposal with continuous coordinate {@code k}'s width set to {@code widths[k]} (entries that are not
     * positive and finite keep the proposal's own width), or this proposal itself when it has no per-coordinate
     * widths (the default). Population samplers give it the target's spread at each stage, estimated from other
     * particles than the ones it moves, so a feature the question leaves free moves as far as its spread allows
     * instead of as far as the most constrained feature allows. Only proposals that state their {@link #dimension()}
     * are given widths.
     */
    default Proposal withWidths(double[] widths) {
        return this;
    }
}
