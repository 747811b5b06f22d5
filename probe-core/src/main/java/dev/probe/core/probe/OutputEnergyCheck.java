package dev.probe.core.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.query.OutputEnergy;
import dev.probe.core.runtime.Devices;
import dev.probe.core.space.SampleSpace;
import java.util.List;
import java.util.Locale;

/**
 * Refuses an {@link OutputEnergy} whose two energies disagree (package plumbing). The prior pool chooses chain starts
 * and initial particles, and measures the prior mass, with {@code energyOfOutputs}; the samplers move with
 * {@code energy(x)}. A new user's query set σ = 0.02 on one path and 0.05 on the other: the samples were of one
 * question and the prior mass of the other, 12–16 standard errors off, and the only sign was a settling drift for
 * which the message advised more budget. Checked at a few prior draws before sampling.
 *
 * <pre>{@code
 * OutputEnergyCheck.agrees(space, query, space.priorDraws(8, random));
 * }</pre>
 */
final class OutputEnergyCheck {
    /** Differences below this share of the energies' scale (at least 1) are float rounding between the two paths. */
    static final double TOLERANCE = 1e-3;

    private OutputEnergyCheck() {}

    /** Throws if {@code energy(x)} and {@code energyOfOutputs} differ at one of {@code draws} of {@code space}. */
    static void agrees(SampleSpace space, OutputEnergy query, double[][] draws) {
        int n = draws.length;
        int d = space.dimension();
        double[][] inputs = space.toInputs(draws);
        List<ModelUnderTest> models = query.models();
        double[][][] outputs = new double[models.size()][][];
        for (int m = 0; m < outputs.length; m++) {
            outputs[m] = models.get(m).outputs(inputs);
        }
        double[] tensor;
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                flat[i * d + k] = (float) draws[i][k];
            }
        }
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            NDArray s = manager.create(flat, new Shape(n, d));
            tensor = ReachedNaNCheck.energyOf(query, space.toInput(s), n).toType(DataType.FLOAT64, false).toDoubleArray();
        }
        for (int i = 0; i < n; i++) {
            double[][] row = new double[models.size()][];
            for (int m = 0; m < row.length; m++) {
                row[m] = outputs[m][i];
            }
            double fromOutputs = query.energyOfOutputs(row);
            double fromTensor = tensor[i];
            if (Double.isNaN(fromOutputs) || Double.isNaN(fromTensor) || fromOutputs == fromTensor) {
                continue; // NaN is refused with its own message (PriorDrawCheck); equal infinities agree
            }
            double scale = Math.max(1, Math.max(Math.abs(fromOutputs), Math.abs(fromTensor)));
            if (!(Math.abs(fromOutputs - fromTensor) <= TOLERANCE * scale)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The query %s (%s) gives one input two "
                        + "energies: energy(x) = %.6g but energyOfOutputs(its models' outputs) = %.6g, at a prior draw of %s "
                        + "(coordinates %s). OutputEnergy's contract is that they are equal: the prior pool chooses starting "
                        + "points and measures the prior mass with energyOfOutputs, the samplers move with energy(x), so "
                        + "the samples would be of one question and the prior mass of another. Compute both from the same "
                        + "parameters (σ, classes, target).", query.describe(), query.getClass().getName(), fromTensor,
                        fromOutputs, space.describe(), PriorDrawCheck.values(draws[i])));
            }
        }
    }
}
