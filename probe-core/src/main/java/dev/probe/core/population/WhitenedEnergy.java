package dev.probe.core.population;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.EnergyGradient;

/**
 * A tempered energy seen in whitened coordinates: row {@code r} is {@code y} with {@code x = μ_g + L_g·y} for its
 * frame {@code g = group[r]}, where {@code μ_g} and {@code L_g L_gᵀ = Σ_g} are a weighted mean and covariance fixed
 * for the stage (for local moves, estimated from the other side of the row's population: {@link Population#side}).
 * MALA with an identity metric in {@code y} is MALA preconditioned by the full covariance in {@code x} (exact
 * Metropolis–Hastings: the map is fixed and its Jacobian constant), so thin, tilted level sets are crossed along
 * their length instead of at the pace of their thinnest direction. Proposals whose {@code x} leaves the box get
 * energy {@code +∞} (rejected). Gradients: {@code ∇_y = L_gᵀ∇_x}. The maps run on the host ({@link Whitening}), so
 * the positions the energy sees are exactly those {@link Whitening#unwhiten} gives (package plumbing).
 */
final class WhitenedEnergy implements Energy {
    private final TemperedEnergy energy;
    private final int[] group;
    private final double[][] mean;
    private final double[][][] cholesky;
    private final Box bounds;

    /**
     * @param group the frame of each row
     * @param mean {@code μ_g}
     * @param cholesky lower-triangular {@code L_g}
     */
    WhitenedEnergy(TemperedEnergy energy, int[] group, double[][] mean, double[][][] cholesky, Box bounds) {
        this.energy = energy;
        this.group = group;
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
        float[] g = eg.gradient().toType(DataType.FLOAT32, false).toFloatArray();
        NDArray gradient = y.getManager().create(Whitening.gradient(g, group, cholesky, dimension()), y.getShape());
        return new EnergyGradient(outsideToInfinity(x, eg.value()), gradient);
    }

    /** {@code x = μ_g + L_g·y} per row. */
    NDArray toX(NDArray y) {
        float[] flat = y.toType(DataType.FLOAT32, false).toFloatArray();
        return y.getManager().create(Whitening.unwhiten(flat, group, mean, cholesky, dimension()), y.getShape());
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
}
