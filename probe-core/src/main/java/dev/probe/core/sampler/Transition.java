package dev.probe.core.sampler;

/**
 * The outcome of one kernel step over all chains: the new state and what happened
 * ({@link TransitionInfo}), as BlackJAX separates {@code State} and {@code Info}.
 *
 * <pre>{@code
 * Transition t = Mala.of(0.1).step(state, energy, new ChainRandom(7));
 * ChainState next = t.state();                     // where each chain is now
 * double mean = t.meanAcceptanceProbability();     // what step-size adaptation steers
 * }</pre>
 *
 * @param state the new state (the old one where a proposal was rejected)
 * @param info acceptance, rejections by cause and evaluations of this step
 */
public record Transition(ChainState state, TransitionInfo info) {

    /** Mean acceptance probability over chains (what step-size adaptation steers). */
    public double meanAcceptanceProbability() {
        return info.meanAcceptanceProbability();
    }

    /** Per chain, whether the proposal was taken. */
    public boolean[] accepted() {
        return info.accepted();
    }

    /** Per chain acceptance probability. */
    public double[] acceptanceProbability() {
        return info.acceptanceProbability();
    }
}
