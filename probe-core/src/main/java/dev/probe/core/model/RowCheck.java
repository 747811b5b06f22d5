package dev.probe.core.model;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.Autograd;
import dev.probe.core.autograd.ForwardOnly;
import dev.probe.core.runtime.Devices;
import java.util.Arrays;
import java.util.Locale;

/**
 * Load-time checks that a model is a function of each input row alone (package plumbing): the same batch gives the same
 * outputs twice, a row gives the same output alone as in a batch, and (for differentiable adapters) a gradient reaches
 * the input. Samplers evaluate many chains in one batch, in row chunks of varying size, and replay a seed by
 * recomputing: a model with dropout or noise in its forward, batch-norm on batch statistics, or a cut autograd graph
 * gave same-seed runs that differed, answers that depended on the batch, or a raw engine error deep in sampling.
 *
 * <pre>{@code
 * RowCheck.rowwise(function); // in an adapter's constructor, once its output dimension is known
 * }</pre>
 */
final class RowCheck {
    /** Differences below this share of the outputs' scale (at least 1) are float rounding between batch sizes. */
    static final double TOLERANCE = 1e-3;

    private RowCheck() {}

    /** Why a model's outputs must not depend on the other rows of their batch, what does that, and the fixes. */
    static final String BATCH_DEPENDENCE = "Probe evaluates many chains in one batch, in chunks of varying size, so each "
            + "row's output must be computed from that row alone. Batch-norm on batch statistics (training mode, or "
            + "track_running_stats=False) or a normalisation over the batch (x - x.mean(0)) does this: normalise by "
            + "fixed statistics (a batch-norm that tracks running statistics uses them in eval mode: model.eval() "
            + "before exporting).";

    /** Fails when {@code f}'s outputs are not repeatable or depend on the other rows of their batch. */
    static void rowwise(TensorFunction f) {
        int d = f.inputDimension();
        double[][] rows = {filled(d, 0.25), filled(d, 1.0)};
        double[][] first;
        double[][] second;
        double[][] alone;
        try {
            first = forward(f, rows);
            second = forward(f, rows);
        } catch (RuntimeException e) {
            // a black box that answers with the wrong shape is misdeclared for every input: say so at load, not at
            // the first sampling call
            throwIfShapeMisdeclared(e);
            return; // a model that refuses these rows (e.g. a black box with integer-coded features) is not judged here
        }
        try {
            alone = forward(f, new double[][] {rows[0]});
        } catch (RuntimeException e) {
            // outputs whose shape follows the batch the wrong way (a binary [0, logit] transposed to [2, N] looks right
            // at a batch of two): the shape is the cause, not batch statistics (a new user's was told of batch-norm)
            throwIfShapeMisdeclared(e);
            // a batch-norm without running statistics refuses one row ("Expected more than 1 value per channel when
            // training"): its failure escaped later, at the gradient check, as the engine's raw trace
            throw new IllegalArgumentException("Model '" + f.name() + "' fails on a batch of one row but not on two ("
                    + BlockFunction.firstLine((e instanceof BlockFunction.ModelThrew ? e.getCause() : e).getMessage())
                    + "): its outputs depend on the other rows of the batch. "
                    + BATCH_DEPENDENCE, e);
        }
        if (!finite(first) || !finite(second) || !finite(alone)) {
            return; // non-finite outputs are named where they occur, with the input that made them
        }
        double tolerance = TOLERANCE * Math.max(1, largest(first));
        int[] at = firstDifference(first, second, tolerance);
        if (at != null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Model '%s' gave different outputs for the same "
                    + "batch on two calls (output %d of row %d: %.6g, then %.6g). Probe needs a deterministic model: its "
                    + "chains, gradients and same-seed replays recompute it. Dropout, noise or sampling in the forward pass "
                    + "does this: export or run the model in eval mode (model.eval()), or remove the randomness.",
                    f.name(), at[1], at[0], first[at[0]][at[1]], second[at[0]][at[1]]));
        }
        at = firstDifference(new double[][] {first[0]}, alone, tolerance);
        if (at != null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Model '%s' gives an input a different output "
                    + "alone than in a batch of two (output %d: %.6g alone, %.6g in the batch): its outputs depend on the "
                    + "other rows of the batch. " + BATCH_DEPENDENCE, f.name(), at[1], alone[0][at[1]], first[0][at[1]]));
        }
    }

    /**
     * Fails when no gradient reaches the input of {@code f} (a differentiable adapter): the autograd graph is cut between
     * input and output, e.g. by {@code stopGradient()}, a copy through Java arrays, or a non-differentiable operation.
     */
    static void reachesInput(TensorFunction f) {
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            NDArray x = manager.full(new Shape(1, f.inputDimension()), 0.25f);
            Autograd.valueAndGradient(x, v -> f.apply(v).sum(new int[] {1}));
        } catch (IllegalArgumentException e) {
            // Autograd names a cut graph; the engine's own words are its cause
            if (e.getCause() instanceof EngineException engine
                    && String.valueOf(engine.getMessage()).contains("does not require grad")) {
                throw new IllegalArgumentException("Model '" + f.name() + "' is not differentiable with respect to its "
                        + "input: no gradient reaches it (" + BlockFunction.firstLine(engine.getMessage()) + "). Something in its forward cuts "
                        + "the autograd graph: stopGradient(), values copied through Java arrays, or an operation without a "
                        + "gradient (argmax, rounding, integer casts). Keep the input's path in differentiable tensor "
                        + "operations, or wrap the model as a BlackBoxFunction, which Probe samples without gradients.", engine);
            }
            throw e;
        }
    }

    private static double[][] forward(TensorFunction f, double[][] rows) {
        int d = f.inputDimension();
        float[] flat = new float[rows.length * d];
        for (int r = 0; r < rows.length; r++) {
            for (int k = 0; k < d; k++) {
                flat[r * d + k] = (float) rows[r][k];
            }
        }
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            NDArray x = manager.create(flat, new Shape(rows.length, d));
            double[] y = ForwardOnly.apply(x, f::apply).toType(DataType.FLOAT64, false).toDoubleArray();
            int k = y.length / rows.length;
            double[][] out = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                out[r] = Arrays.copyOfRange(y, r * k, (r + 1) * k);
            }
            return out;
        }
    }

    private static double[] filled(int d, double v) {
        double[] row = new double[d];
        Arrays.fill(row, v);
        return row;
    }

    /** Rethrows, as a refusal at load, a model's outputs of the wrong shape (one output row per input row, or as declared). */
    private static void throwIfShapeMisdeclared(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        if ((e instanceof IllegalStateException || e instanceof IllegalArgumentException)
                && (m.contains(" but declared ") || m.contains("output row per input row") || m.contains(" mixes rows: "))) {
            throw new IllegalArgumentException(m, e);
        }
    }

    private static boolean finite(double[][] y) {
        return Arrays.stream(y).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite);
    }

    private static double largest(double[][] y) {
        return Arrays.stream(y).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(0);
    }

    /** {row, output} of the first entry where {@code a} and {@code b} differ by more than {@code tolerance}, or null. */
    private static int[] firstDifference(double[][] a, double[][] b, double tolerance) {
        for (int r = 0; r < a.length; r++) {
            if (a[r].length != b[r].length) {
                return new int[] {r, 0};
            }
            for (int k = 0; k < a[r].length; k++) {
                if (Math.abs(a[r][k] - b[r][k]) > tolerance) {
                    return new int[] {r, k};
                }
            }
        }
        return null;
    }
}
