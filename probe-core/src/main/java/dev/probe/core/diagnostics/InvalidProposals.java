package dev.probe.core.diagnostics;

/**
 * Rejected proposals of one phase of a run (warm-up or sampling), by cause. The causes are counted
 * apart: a divergence is an HMC trajectory whose energy error exceeded the threshold or was non-finite, a
 * non-finite proposal had a NaN/∞ energy or gradient (for HMC it is also a divergence), an out-of-box
 * proposal left the support.
 *
 * <pre>{@code
 * InvalidProposals s = trace.diagnostics().sampling();
 * if (s.divergent() > 0) System.out.println("the chains did not explore part of the target");
 * }</pre>
 *
 * @param nonFinite proposals with a non-finite energy or gradient
 * @param divergent divergent trajectories (HMC)
 * @param outOfBounds proposals outside the support box
 */
public record InvalidProposals(long nonFinite, long divergent, long outOfBounds) {
    /** No rejected proposal. */
    public static final InvalidProposals NONE = new InvalidProposals(0, 0, 0);

    /** Element-wise sum. */
    public InvalidProposals plus(InvalidProposals other) {
        return new InvalidProposals(nonFinite + other.nonFinite, divergent + other.divergent,
                outOfBounds + other.outOfBounds);
    }

    /** These counts plus one step's. */
    public InvalidProposals plus(long nonFiniteMore, long divergentMore, long outOfBoundsMore) {
        return new InvalidProposals(nonFinite + nonFiniteMore, divergent + divergentMore, outOfBounds + outOfBoundsMore);
    }
}
