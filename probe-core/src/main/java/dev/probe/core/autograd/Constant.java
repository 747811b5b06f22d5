package dev.probe.core.autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * A scalar constant for tensor arithmetic inside a differentiable energy, created in the manager of the
 * array it combines with, so it lives until that manager closes — after the backward pass.
 *
 * <p>DJL 0.35.1's {@code NDArray.mul/div/pow/add/sub(Number)} create a scalar array and close it at once,
 * while the autograd graph may still read it in the backward pass (see {@link Autograd}). Inside
 * {@link Autograd#valueAndGradient} Probe keeps such scalars alive, so plain {@code x.mul(2)} is safe there;
 * {@code Constant.of} is the explicit form, safe in any gradient computation (also your own
 * {@code GradientCollector} code).
 *
 * <pre>{@code
 * Energy gaussian = Energies.differentiable(2,
 *         x -> x.square().sum(new int[] {1}).div(Constant.of(x, 2)));
 * }</pre>
 */
public final class Constant {
    private Constant() {}

    /** A 0-d array holding {@code value} in {@code like}'s manager, data type and device. */
    public static NDArray of(NDArray like, double value) {
        NDManager manager = like.getManager();
        NDArray c = like.getDataType() == DataType.FLOAT64 ? manager.create(value) : manager.create((float) value);
        return c.getDataType() == like.getDataType() ? c : c.toType(like.getDataType(), false);
    }
}
