package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.Autograd;
import dev.probe.core.autograd.RowChunking;
import dev.probe.core.autograd.ValueAndGradient;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Factories for {@link Energy} instances from tensor functions or plain Java functions.
 *
 * <pre>{@code
 * Energy banana = Energies.differentiable(2, x -> ...);          // autograd gradients
 * Energy tree = Energies.blackBox(4, row -> forest.predict(row)); // value only, for MH / SmoothedMala
 * Energy boxed = Energies.restrictedTo(tree, Box.of(lo, hi));
 * }</pre>
 */
public final class Energies {
    private Energies() {}

    /**
     * A differentiable energy from a tensor function {@code [C, d] -> [C]} (a {@code [C, 1]} column is taken as
     * {@code [C]}); gradients via {@link Autograd}, values forward-only ({@link dev.probe.core.autograd.ForwardOnly});
     * large batches are evaluated in row chunks as configured by {@code probe.chunk} ({@link RowChunking#configured()}).
     */
    public static Energy differentiable(int dimension, Function<NDArray, NDArray> u) {
        return differentiable(dimension, u, RowChunking.configured());
    }

    /** As {@link #differentiable(int, Function)}, with large batches split by {@code chunking}. */
    public static Energy differentiable(int dimension, Function<NDArray, NDArray> given, RowChunking chunking) {
        Function<NDArray, NDArray> u = oneValuePerRow(dimension, given);
        Objects.requireNonNull(chunking, "chunking");
        return new Energy() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public NDArray value(NDArray x) {
                return chunking.forward(x, u);
            }

            @Override
            public EnergyGradient valueAndGradient(NDArray x) {
                ValueAndGradient vg = chunking.valueAndGradient(x, u);
                return new EnergyGradient(vg.value(), vg.gradient());
            }

            @Override
            public boolean isDifferentiable() {
                return true;
            }
        };
    }

    /**
     * A tensor function {@code [C, d] -> [C]} evaluated forward only, without gradient (a black box, a
     * piecewise-constant energy, a procedural renderer in front of a network): for the gradient-free kernels
     * ({@link RandomWalkMetropolis}, {@link SmoothedMala}). Large batches are evaluated in row chunks as configured by
     * {@code probe.chunk} ({@link RowChunking#configured()}).
     */
    public static Energy valueOnly(int dimension, Function<NDArray, NDArray> u) {
        return valueOnly(dimension, u, RowChunking.configured());
    }

    /** As {@link #valueOnly(int, Function)}, with large batches split by {@code chunking}. */
    public static Energy valueOnly(int dimension, Function<NDArray, NDArray> given, RowChunking chunking) {
        Function<NDArray, NDArray> u = oneValuePerRow(dimension, given);
        Objects.requireNonNull(chunking, "chunking");
        return new Energy() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public NDArray value(NDArray x) {
                return chunking.forward(x, u);
            }
        };
    }

    /** A non-differentiable energy evaluated row by row in Java (tree ensembles, simulators, ...). */
    public static Energy blackBox(int dimension, ToDoubleFunction<double[]> u) {
        Objects.requireNonNull(u, "u");
        positive(dimension);
        return new Energy() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public NDArray value(NDArray x) {
                float[] flat = x.toType(DataType.FLOAT32, false).toFloatArray();
                int chains = flat.length / dimension;
                float[] out = new float[chains];
                double[] row = new double[dimension];
                for (int c = 0; c < chains; c++) {
                    for (int k = 0; k < dimension; k++) {
                        row[k] = flat[c * dimension + k];
                    }
                    out[c] = (float) u.applyAsDouble(row);
                }
                return x.getManager().create(out);
            }
        };
    }

    /**
     * {@code u} checked on every call: positions {@code [C, dimension]} in, one value per position out ({@code [C]};
     * a {@code [C, 1]} column is taken as {@code [C]}). A user's energy that forgets to sum over coordinates
     * ({@code [C, d]}) or sums over the batch too (a scalar) fails here with the fix, not deep inside a kernel.
     */
    private static Function<NDArray, NDArray> oneValuePerRow(int dimension, Function<NDArray, NDArray> u) {
        Objects.requireNonNull(u, "u");
        positive(dimension);
        return x -> {
            Shape in = x.getShape();
            if (in.dimension() != 2 || in.get(1) != dimension) {
                throw new IllegalArgumentException("The energy takes positions of " + dimension + " coordinates, [C, "
                        + dimension + "], but was given " + in + ". Declare the energy with the sampled space's dimension.");
            }
            NDArray y = u.apply(x);
            Shape out = y.getShape();
            long rows = in.get(0);
            if (out.dimension() == 1 && out.get(0) == rows) {
                return y;
            }
            if (out.dimension() == 2 && out.get(0) == rows && out.get(1) == 1) {
                return y.reshape(rows);
            }
            throw new IllegalArgumentException("The energy function returned shape " + out + " for " + rows + " positions "
                    + in + "; it must return one value per position, shape (" + rows + ") (a column (" + rows + ", 1) "
                    + "is taken as that)"
                    + (out.dimension() == 2 && out.get(0) == rows ? ": sum over the coordinates, e.g. "
                            + "x.square().sum(new int[] {1}).div(2)" : "")
                    + (out.dimension() == 0 || out.size() == 1 ? ": do not sum over the batch (rows are independent positions)" : "")
                    + ".");
        };
    }

    private static void positive(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("An energy needs at least one coordinate, got dimension " + dimension);
        }
    }

    /** {@code β·U}: the energy at inverse temperature {@code β} (same bounds and differentiability). */
    public static Energy scaled(Energy energy, double beta) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("Inverse temperature must be positive and finite, got " + beta);
        }
        return new Energy() {
            @Override
            public int dimension() {
                return energy.dimension();
            }

            @Override
            public NDArray value(NDArray x) {
                return energy.value(x).mul(beta);
            }

            @Override
            public EnergyGradient valueAndGradient(NDArray x) {
                EnergyGradient eg = energy.valueAndGradient(x);
                return new EnergyGradient(eg.value().mul(beta), eg.gradient().mul(beta));
            }

            @Override
            public boolean isDifferentiable() {
                return energy.isDifferentiable();
            }

            @Override
            public Box bounds() {
                return energy.bounds();
            }
        };
    }

    /** The same energy restricted to {@code box}. */
    public static Energy restrictedTo(Energy energy, Box box) {
        if (box.dimension() != energy.dimension()) {
            throw new IllegalArgumentException("Box has " + box.dimension() + " coordinates but the energy has "
                    + energy.dimension() + ". Give one bound per coordinate.");
        }
        return new Energy() {
            @Override
            public int dimension() {
                return energy.dimension();
            }

            @Override
            public NDArray value(NDArray x) {
                return energy.value(x);
            }

            @Override
            public EnergyGradient valueAndGradient(NDArray x) {
                return energy.valueAndGradient(x);
            }

            @Override
            public boolean isDifferentiable() {
                return energy.isDifferentiable();
            }

            @Override
            public Box bounds() {
                return box;
            }

            @Override
            public Energy tempered(double beta) {
                return beta == 1 ? this : restrictedTo(energy.tempered(beta), box);
            }
        };
    }
}
