package dev.probe.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.runtime.Devices;

/** Gradient-free batched evaluation of a {@link TensorFunction} on Java arrays (package plumbing). */
final class Batches {
    /** Rows per forward pass: bounds native memory for large results. */
    static final int BATCH = 512;

    private Batches() {}

    static double[][] evaluate(TensorFunction f, double[][] rows) {
        int d = f.inputDimension();
        double[][] out = new double[rows.length][];
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            for (int start = 0; start < rows.length; start += BATCH) {
                int n = Math.min(BATCH, rows.length - start);
                float[] flat = new float[n * d];
                for (int r = 0; r < n; r++) {
                    double[] row = rows[start + r];
                    if (row.length != d) {
                        throw new IllegalArgumentException("Row " + (start + r) + " has " + row.length + " features but "
                                + f.name() + " takes " + d + ". Give every row " + d + " features.");
                    }
                    for (int k = 0; k < d; k++) {
                        flat[r * d + k] = (float) row[k];
                    }
                }
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.create(flat, new Shape(n, d));
                    double[] y = f.apply(x).toType(DataType.FLOAT64, false).toDoubleArray();
                    int k = y.length / n;
                    for (int r = 0; r < n; r++) {
                        out[start + r] = java.util.Arrays.copyOfRange(y, r * k, (r + 1) * k);
                    }
                }
            }
        }
        return out;
    }
}
