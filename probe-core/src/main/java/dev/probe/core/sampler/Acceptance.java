package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;

/**
 * The Metropolis–Hastings accept/reject decision shared by all kernels, in double precision on the
 * Java side. A proposal is accepted with probability {@code min(1, exp(U(x) − U(x') + log q(x|x') −
 * log q(x'|x)))}; proposals with a non-finite energy or gradient, or outside the support box, are
 * rejected and counted. One uniform is drawn per chain whatever happens, so the random stream does
 * not depend on which proposals were valid.
 */
final class Acceptance {
    private Acceptance() {}

    /** No divergence check (every kernel but HMC). */
    static final double NO_DIVERGENCE = Double.POSITIVE_INFINITY;

    record Decision(boolean[] accepted, double[] probability, int nonFinite, int divergent, int outOfBounds) {

        /** The step's info with this decision's counts. */
        TransitionInfo info(int gradientEvaluations, int energyEvaluations) {
            return new TransitionInfo(probability, accepted, nonFinite, divergent, outOfBounds, gradientEvaluations,
                    energyEvaluations);
        }
    }

    static Decision decide(double[] current, double[] proposed, double[] logCorrection, boolean[] finite,
            boolean[] outside, ChainRandom random, boolean adjusted) {
        return decide(current, proposed, logCorrection, finite, outside, random, adjusted, NO_DIVERGENCE);
    }

    /**
     * @param current energies at the current states
     * @param proposed energies at the proposals
     * @param logCorrection {@code log q(x|x') − log q(x'|x)} per chain, or {@code null} if symmetric
     * @param finite per chain whether everything else the proposal needed (gradients) was finite, or null
     * @param outside per chain whether the proposal left the support box
     * @param adjusted false only for the unadjusted (biased) Langevin baseline: accept every valid proposal
     * @param divergenceThreshold a proposal whose energy error {@code −log α} exceeds this, or is non-finite, is a
     *     divergence (HMC: {@code H(q', p') − H(q, p)}); {@link #NO_DIVERGENCE} for kernels without one
     */
    static Decision decide(double[] current, double[] proposed, double[] logCorrection, boolean[] finite,
            boolean[] outside, ChainRandom random, boolean adjusted, double divergenceThreshold) {
        int chains = current.length;
        boolean[] accepted = new boolean[chains];
        double[] probability = new double[chains];
        int nonFinite = 0;
        int divergent = 0;
        int outOfBounds = 0;
        boolean checkDivergence = divergenceThreshold < Double.POSITIVE_INFINITY;
        for (int c = 0; c < chains; c++) {
            double u = random.nextDouble();
            double correction = logCorrection == null ? 0 : logCorrection[c];
            if (outside[c]) {
                outOfBounds++;
                continue;
            }
            if (!Double.isFinite(proposed[c]) || !Double.isFinite(correction) || (finite != null && !finite[c])) {
                nonFinite++;
                divergent += checkDivergence ? 1 : 0;
                continue;
            }
            double logAlpha = current[c] - proposed[c] + correction;
            if (checkDivergence && !(-logAlpha <= divergenceThreshold)) {
                divergent++;
                continue;
            }
            probability[c] = adjusted ? Math.min(1.0, Math.exp(logAlpha)) : 1.0;
            if (Double.isNaN(probability[c])) {
                probability[c] = 0;
            }
            accepted[c] = u < probability[c];
        }
        return new Decision(accepted, probability, nonFinite, divergent, outOfBounds);
    }

    /**
     * The chains' state after the decision: the proposal's position, energy and gradient where accepted,
     * the current ones elsewhere ({@code proposedGradient} is null for kernels that cache none).
     */
    static ChainState next(Decision decision, ChainState current, NDArray proposal, double[] proposedEnergy,
            NDArray proposedGradient) {
        NDArray mask = Tensors.rowMask(decision.accepted(), current.position());
        return new ChainState(
                Tensors.select(mask, proposal, current.position()),
                select(decision.accepted(), proposedEnergy, current.energy()),
                proposedGradient == null ? null : Tensors.select(mask, proposedGradient, current.gradient()));
    }

    /** Energies after the decision: the proposal's where accepted, the current one elsewhere. */
    static double[] select(boolean[] accepted, double[] proposed, double[] current) {
        double[] out = current.clone();
        for (int c = 0; c < out.length; c++) {
            if (accepted[c]) {
                out[c] = proposed[c];
            }
        }
        return out;
    }
}
