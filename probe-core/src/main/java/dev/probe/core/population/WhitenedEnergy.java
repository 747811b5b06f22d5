package dev.probe.core.population;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.EnergyGradient;

/**
 * A tempered energy seen in whitened coordinates: the rows of population {@code r} are {@code y} with
 * {@code x = μ_r + L_r·y}, where {@code μ_r} and {@code L_r L_rᵀ = Σ_r} are the weighted mean and covariance of
 * the population's particles, fixed for the stage. MALA with an identity metric in {@code y} is MALA
 * preconditioned by the full covariance in {@code x} (exact Metropolis–Hastings: the map is fixed and its
 * Jacobian constant), so thin, tilted level sets are crossed along their length instead of at the pace of
 * their thinnest direction. Proposals whose {@code x} leaves the box get energy {@code +∞} (rejected).
 * Gradients: {@code ∇_y = L_rᵀ∇_x} (package plumbing).
 */
final class WhitenedEnergy implements Energy {
    private final TemperedEnergy energy;
    private final int[] offset;
    private final double[][] mean;
    private final double[][][] cholesky;
    private final Box bounds;

    /**
     * @param offset population {@code r} owns rows {@code offset[r]..offset[r+1]−1}
     * @param mean {@code μ_r}
     * @param cholesky lower-triangular {@code L_r}
     */
    WhitenedEnergy(TemperedEnergy energy, int[] offset, double[][] mean, double[][][] cholesky, Box bounds) {
        this.energy = energy;
        this.offset = offset;
        this.mean = mean;
        this.cholesky = cholesky;
        this.bounds = bounds;
    }

    @Override
    public int dimension() {
        return energy.dimension();
    }

    @Override
    public boolean isDifferentiable() {
        return true;
    }

    @Override
    public NDArray value(NDArray y) {
        NDArray x = toX(y);
        return outsideToInfinity(x, energy.value(x));
    }

    @Override
    public EnergyGradient valueAndGradient(NDArray y) {
        NDArray x = toX(y);
        EnergyGradient eg = energy.valueAndGradient(x);
        NDList parts = new NDList();
        for (int r = 0; r + 1 < offset.length; r++) {
            NDArray g = eg.gradient().get(new NDIndex("{}:{}", offset[r], offset[r + 1]));
            parts.add(g.matMul(matrix(y.getManager(), cholesky[r], false)));
        }
        NDArray gradient = parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 0);
        return new EnergyGradient(outsideToInfinity(x, eg.value()), gradient);
    }

    /** {@code x = μ_r + y·L_rᵀ} per population block. */
    NDArray toX(NDArray y) {
        NDList parts = new NDList();
        for (int r = 0; r + 1 < offset.length; r++) {
            NDArray block = y.get(new NDIndex("{}:{}", offset[r], offset[r + 1]));
            NDArray mu = y.getManager().create(toFloats(mean[r]), new Shape(1, mean[r].length));
            parts.add(block.matMul(matrix(y.getManager(), cholesky[r], true)).add(mu));
        }
        return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 0);
    }

    /** Rows whose {@code x} leaves the box: the kernels reject them and count them as out of bounds. */
    @Override
    public boolean[] outside(NDArray y) {
        int rows = (int) y.getShape().get(0);
        if (bounds.isUnbounded()) {
            return new boolean[rows];
        }
        try (NDManager scope = y.getManager().newSubManager()) {
            NDArray x = toX(y);
            x.attach(scope);
            return outsideX(x);
        }
    }

    private boolean[] outsideX(NDArray x) {
        float[] flat = x.toType(DataType.FLOAT32, false).toFloatArray();
        int rows = (int) x.getShape().get(0);
        boolean[] outside = new boolean[rows];
        for (int c = 0; c < rows; c++) {
            outside[c] = !bounds.containsRow(flat, c);
        }
        return outside;
    }

    private NDArray outsideToInfinity(NDArray x, NDArray value) {
        if (bounds.isUnbounded()) {
            return value;
        }
        boolean[] outside = outsideX(x);
        boolean any = false;
        for (boolean o : outside) {
            any |= o;
        }
        if (!any) {
            return value;
        }
        NDArray mask = value.getManager().create(outside);
        NDArray infinity = value.getManager().full(value.getShape(), Float.POSITIVE_INFINITY, value.getDataType());
        return NDArrays.where(mask, infinity, value);
    }

    /** {@code L} (or {@code Lᵀ} when {@code transpose}) as a float tensor. */
    private static NDArray matrix(NDManager manager, double[][] l, boolean transpose) {
        int d = l.length;
        float[] f = new float[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                f[i * d + j] = (float) (transpose ? l[j][i] : l[i][j]);
            }
        }
        return manager.create(f, new Shape(d, d));
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
