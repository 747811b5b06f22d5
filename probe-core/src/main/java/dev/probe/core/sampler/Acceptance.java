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

    record Decision(boolean[] accepted, double[] probability, int nonFinite, int outOfBounds) {}

    /**
     * @param current energies at the current states
     * @param proposed energies at the proposals
     * @param logCorrection {@code log q(x|x') − log q(x'|x)} per chain, or {@code null} if symmetric
     * @param finite per chain whether everything else the proposal needed (gradients) was finite, or null
     * @param outside per chain whether the proposal left the support box
     * @param adjusted false only for the unadjusted (biased) Langevin baseline: accept every valid proposal
     */
    static Decision decide(double[] current, double[] proposed, double[] logCorrection, boolean[] finite,
            boolean[] outside, ChainRandom random, boolean adjusted) {
        int chains = current.length;
        boolean[] accepted = new boolean[chains];
        double[] probability = new double[chains];
        int nonFinite = 0;
        int outOfBounds = 0;
        for (int c = 0; c < chains; c++) {
            double u = random.nextDouble();
            double correction = logCorrection == null ? 0 : logCorrection[c];
            if (outside[c]) {
                outOfBounds++;
                continue;
            }
            if (!Double.isFinite(proposed[c]) || !Double.isFinite(correction) || (finite != null && !finite[c])) {
                nonFinite++;
                continue;
            }
            double logAlpha = current[c] - proposed[c] + correction;
            probability[c] = adjusted ? Math.min(1.0, Math.exp(logAlpha)) : 1.0;
            if (Double.isNaN(probability[c])) {
                probability[c] = 0;
            }
            accepted[c] = u < probability[c];
        }
        return new Decision(accepted, probability, nonFinite, outOfBounds);
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
