package dev.probe.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.RowChunking;
import dev.probe.core.runtime.Devices;
import java.util.Arrays;

/**
 * Forward-only batched evaluation of a {@link TensorFunction} on Java arrays (package plumbing): rows go to
 * the device in blocks of at most {@value #TRANSFER} rows, each block is evaluated forward-only in row
 * chunks ({@link RowChunking#forward}, timed per function), and outputs come back as {@code double}s.
 */
final class Batches {
    /** Rows per host-to-device transfer: bounds the native memory of the inputs and outputs. */
    static final int TRANSFER = 4096;

    private Batches() {}

    static double[][] evaluate(TensorFunction f, double[][] rows) {
        int d = f.inputDimension();
        double[][] out = new double[rows.length][];
        RowChunking chunking = RowChunking.configured("function " + f.name() + " " + d + "->" + f.outputDimension());
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            for (int start = 0; start < rows.length; start += TRANSFER) {
                int n = Math.min(TRANSFER, rows.length - start);
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
                    double[] y = chunking.forward(x, f::apply).toType(DataType.FLOAT64, false).toDoubleArray();
                    int k = y.length / n;
                    for (int r = 0; r < n; r++) {
                        out[start + r] = Arrays.copyOfRange(y, r * k, (r + 1) * k);
                    }
                }
            }
        }
        return out;
    }
}
