package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Small tensor helpers shared by the kernels (package-private plumbing). */
final class Tensors {
    private Tensors() {}

    static double[] toDoubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    static float[] toFloats(NDArray a) {
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }

    /** Per-row sum of squares of a {@code [C, d]} tensor. */
    static double[] rowSumSquares(NDArray a) {
        return toDoubles(a.square().sum(new int[] {1}));
    }

    /** Whether each row of a {@code [C, d]} tensor is entirely finite. */
    static boolean[] finiteRows(NDArray a) {
        double[] sums = toDoubles(a.sum(new int[] {1}));
        boolean[] ok = new boolean[sums.length];
        for (int c = 0; c < sums.length; c++) {
            ok[c] = Double.isFinite(sums[c]);
        }
        return ok;
    }

    /** A {@code [C, d]} boolean mask shaped like {@code like}, true on the rows of accepted chains. */
    static NDArray rowMask(boolean[] accepted, NDArray like) {
        Shape shape = like.getShape();
        int chains = accepted.length;
        int width = (int) (shape.size() / chains);
        boolean[] mask = new boolean[chains * width];
        for (int c = 0; c < chains; c++) {
            if (accepted[c]) {
                java.util.Arrays.fill(mask, c * width, (c + 1) * width, true);
            }
        }
        return like.getManager().create(mask, shape);
    }

    /** Row-wise selection with a {@link #rowMask}: proposal rows where true. NaN-safe (no arithmetic). */
    static NDArray select(NDArray mask, NDArray proposal, NDArray current) {
        return NDArrays.where(mask, proposal, current);
    }

    /** Out-of-box flags for every row of {@code x}; all false for an unbounded box. */
    static boolean[] outside(NDArray x, Box box, int chains) {
        boolean[] out = new boolean[chains];
        if (box.isUnbounded()) {
            return out;
        }
        float[] flat = toFloats(x);
        for (int c = 0; c < chains; c++) {
            out[c] = !box.containsRow(flat, c);
        }
        return out;
    }

    /**
     * Evaluates energy and gradient with the model's intermediate tensors confined to a scratch
     * manager that is closed before returning; {@code x}, the value and the gradient end up in
     * {@code x}'s manager.
     */
    static EnergyGradient gradientScoped(Energy energy, NDArray x) {
        NDManager home = x.getManager();
        try (NDManager scratch = home.newSubManager()) {
            x.attach(scratch);
            EnergyGradient eg = energy.valueAndGradient(x);
            x.attach(home);
            eg.value().attach(home);
            eg.gradient().attach(home);
            return eg;
        }
    }

    /** As {@link #gradientScoped}, for the energy value alone. */
    static NDArray valueScoped(Energy energy, NDArray x) {
        NDManager home = x.getManager();
        try (NDManager scratch = home.newSubManager()) {
            x.attach(scratch);
            NDArray value = energy.value(x);
            x.attach(home);
            value.attach(home);
            return value;
        }
    }

    /** A {@code [C, d]} float tensor from row-major values, in {@code like}'s manager and dtype. */
    static NDArray create(NDArray like, float[] values) {
        NDArray a = like.getManager().create(values, like.getShape());
        return like.getDataType() == DataType.FLOAT32 ? a : a.toType(like.getDataType(), false);
    }
}
