package dev.probe.core.sampler;

/**
 * What happened in one kernel step over all chains (BlackJAX's {@code Info}, kept apart from the new
 * {@link ChainState}).
 *
 * <pre>{@code
 * Transition t = kernel.step(state, energy, random);
 * double a = t.info().meanAcceptanceProbability();
 * int divergent = t.info().divergent();
 * }</pre>
 *
 * @param acceptanceProbability per chain {@code min(1, α)}; 0 for invalid or divergent proposals
 * @param accepted per chain, whether the proposal was taken
 * @param nonFinite chains whose proposal had a NaN/∞ energy or gradient (rejected)
 * @param divergent chains whose HMC trajectory diverged: energy error {@code H(q', p') − H(q, p)} above the
 *     kernel's threshold or non-finite (rejected; a non-finite trajectory is counted here and in {@code nonFinite})
 * @param outOfBounds chains whose proposal left the support box (rejected)
 * @param gradientEvaluations batched gradient evaluations this step used
 * @param energyEvaluations batched energy-only evaluations this step used
 */
public record TransitionInfo(
        double[] acceptanceProbability,
        boolean[] accepted,
        int nonFinite,
        int divergent,
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
