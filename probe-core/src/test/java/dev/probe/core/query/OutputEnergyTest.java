package dev.probe.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.model.TestModels;
import dev.probe.core.sampler.ChainRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every level-set query's energy from stored outputs equals its tensor energy on the same inputs. */
class OutputEnergyTest {
    private static final Classifier MODEL = Classifier.fromLogits(DjlBlockFunction.of(TestModels.linear("linear4",
            new double[][] {{2, 0, 1}, {0, 2, -1}, {-1, -1, 0}, {1, -2, 0.5}}, new double[] {0, 0.3, -0.2, 0.1}),
            new Shape(3)));

    @Test
    void energiesFromOutputsMatchTheTensorEnergies() {
        List<OutputEnergy> queries = List.of(HighConfidence.of(MODEL, 2), Ambivalent.between(MODEL, 0, 3).withSigmas(0.1, 0.2),
                TargetConfidence.of(MODEL, new double[] {0.5, 0.2, 0.2, 0.1}), FullyAmbiguous.of(MODEL).withSigma(0.3));
        ChainRandom random = new ChainRandom(4);
        double[][] x = new double[64][3];
        for (double[] row : x) {
            for (int k = 0; k < 3; k++) {
                row[k] = 2 * random.nextGaussian();
            }
        }
        double[][] p = MODEL.outputs(x);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] flat = new float[64 * 3];
            for (int i = 0; i < 64; i++) {
                for (int k = 0; k < 3; k++) {
                    flat[i * 3 + k] = (float) x[i][k];
                }
            }
            NDArray input = manager.create(flat, new Shape(64, 3));
            for (OutputEnergy q : queries) {
                float[] tensor = q.energy(input).toFloatArray();
                for (int i = 0; i < 64; i++) {
                    double stored = q.energyOfOutputs(new double[][] {p[i]});
                    assertThat(stored).as("%s at row %d", q.describe(), i)
                            .isCloseTo(tensor[i], within(1e-4 * Math.max(1, Math.abs(tensor[i]))));
                }
            }
        }
    }
}
