package dev.probe.core.population;

/**
 * What one tempering stage of one population did (README, "Population sampling").
 *
 * <pre>{@code
 * for (Stage s : run.stages(0)) System.out.println(s.beta() + " " + s.logIncrement());
 * }</pre>
 *
 * @param index 1-based stage number
 * @param beta temperature reached
 * @param delta temperature step {@code δ}
 * @param essFraction weights' ESS after reweighting, over the number of weighted particles
 * @param logIncrement this stage's term of log Z
 * @param weighted particles (or starting draws) weighted in this stage
 * @param distinctAncestors distinct particles kept by resampling
 * @param moves rejuvenation moves made
 * @param acceptance mean acceptance probability of the moves
 * @param movedFraction particles that accepted at least one move
 * @param jump mean squared jump distance per particle over the stage, in the metric's units
 * @param stepSize the population's step size for the frozen moves
 * @param minInverseMetric smallest entry of the diagonal inverse metric (from the weighted particles)
 * @param maxInverseMetric largest entry
 * @param nonFinite particles whose question energy was non-finite (weight 0)
 * @param jumps mode jumps made after the local moves
 * @param jumpAcceptance mean acceptance probability of the mode jumps (NaN without jumps)
 * @see #flat()
 */
public record Stage(int index, double beta, double delta, double essFraction, double logIncrement, int weighted,
        int distinctAncestors, int moves, double acceptance, double movedFraction, double jump, double stepSize,
        double minInverseMetric, double maxInverseMetric, int nonFinite, int jumps,
        double jumpAcceptance) {

    /**
     * The smallest weights' ESS fraction of a {@link #flat()} stage: {@code δ·sd(G) ≲ 0.03} over the particles, which
     * a question of a χ² shape reaches at the stage-drop cap only beyond about 10,000 dimensions.
     */
    public static final double FLAT_ESS = 0.999;

    /**
     * Whether every weight was alike: the question's energy was the same at every particle up to far less than 1/δ, so
     * the stage learnt nothing about where the set is, and its step was bounded by the stage-drop cap alone
     * ({@link SmcConfig#maxStageDrop}) or reached the target at once. A plateau of a saturated energy far from a rare
     * set does this.
     */
    public boolean flat() {
        return essFraction >= FLAT_ESS;
    }

    /** A one-line summary. */
    public String line() {
        return String.format(java.util.Locale.ROOT,
                "stage %3d  β=%.4g  δ=%.3g  ESS/n=%.2f  Δlog Z=%.3f  ancestors %d/%d  moves %d  accept %.2f  moved %.2f"
                        + "  jump %.3g  h=%.3g  M⁻¹∈[%.3g, %.3g]%s%s",
                index, beta, delta, essFraction, logIncrement, distinctAncestors, weighted, moves, acceptance, movedFraction,
                jump, stepSize, minInverseMetric, maxInverseMetric, nonFinite > 0 ? "  non-finite " + nonFinite : "",
                jumps > 0 ? String.format(java.util.Locale.ROOT, "  mode jumps %d accept %.2f", jumps, jumpAcceptance) : "");
    }
}
