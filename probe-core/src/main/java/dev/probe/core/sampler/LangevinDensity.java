package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;

/**
 * The Langevin proposal density {@code q(x'|x) = N(x'; x − S∇U(x), 2S)} with a diagonal preconditioner
 * {@code S = h·M⁻¹} (a step size per chain times a diagonal inverse metric), written once and used in both
 * directions by the MALA-type kernels, as BlackJAX's {@code transition_probability}.
 *
 * <pre>{@code
 * double[] forward = LangevinDensity.log(proposal, x, gradient, s);
 * double[] reverse = LangevinDensity.log(x, proposal, proposalGradient, s);
 * }</pre>
 */
final class LangevinDensity {
    private LangevinDensity() {}

    /** The proposal {@code x − S∇U + √(2S)·ξ}. */
    static NDArray propose(NDArray x, NDArray gradient, NDArray s, NDArray xi) {
        return x.sub(gradient.mul(s)).add(xi.mul(s.mul(2).sqrt()));
    }

    /**
     * {@code log q(to | from)} per row, up to the constant {@code −½Σ log(4πS)} that is the same in both
     * directions: {@code −Σ_k (to − from + S∇U(from))_k² / 4S_k}.
     */
    static double[] log(NDArray to, NDArray from, NDArray gradientAtFrom, NDArray s) {
        NDArray residual = to.sub(from).add(gradientAtFrom.mul(s));
        return Tensors.toDoubles(residual.square().div(s.mul(4)).sum(new int[] {1}).neg());
    }

    /** {@code log q(x|x') − log q(x'|x)}, the Metropolis–Hastings correction of a Langevin proposal. */
    static double[] correction(NDArray x, NDArray proposal, NDArray gradient, NDArray proposalGradient, NDArray s) {
        double[] forward = log(proposal, x, gradient, s);
        double[] reverse = log(x, proposal, proposalGradient, s);
        double[] out = new double[forward.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = reverse[c] - forward[c];
        }
        return out;
    }
}
