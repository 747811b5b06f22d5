package dev.probe.core.sampler;

/**
 * The outcome of one kernel step over all chains.
 *
 * @param state the new state (the old one where a proposal was rejected)
 * @param acceptanceProbability per chain {@code min(1, α)}; 0 for invalid proposals
 * @param accepted per chain, whether the proposal was taken
 * @param nonFinite number of chains whose proposal had a NaN/∞ energy or gradient (rejected)
 * @param outOfBounds number of chains whose proposal left the support box (rejected)
 * @param gradientEvaluations batched gradient evaluations this step used
 * @param energyEvaluations batched energy-only evaluations this step used
 */
public record Transition(
        ChainState state,
        double[] acceptanceProbability,
        boolean[] accepted,
        int nonFinite,
        int outOfBounds,
        int gradientEvaluations,
        int energyEvaluations) {

    /** Mean acceptance probability over chains (what step-size adaptation steers). */
    public double meanAcceptanceProbability() {
        double s = 0;
        for (double a : acceptanceProbability) {
            s += a;
        }
        return s / acceptanceProbability.length;
    }
}
