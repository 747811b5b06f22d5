package dev.probe.core.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.RowChunking;
import dev.probe.core.autograd.ValueAndGradient;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.TestModels;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.query.Query;
import dev.probe.core.space.InputSpace;
import dev.probe.core.space.SampleSpace;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The throughput example quoted in README.md: forward-only scoring and chunked gradients of a large batch. */
class ForwardOnlyScoringTest {
    @Test
    void scoresAPoolForwardOnlyAndDifferentiatesInChunks() {
        Classifier classifier = TestModels.logisticRegression("lr", new double[] {2, -1}, 0.5);
        SampleSpace space = InputSpace.box(new double[] {-3, -3}, new double[] {3, 3});
        Query query = HighConfidence.of(classifier, 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray priorDraws = manager.randomUniform(-3, 3, new Shape(5000, 2));
            // README-BEGIN throughput
            Function<NDArray, NDArray> u = z -> query.energy(space.toInput(z));   // the energy of a batch of rows
            RowChunking chunks = RowChunking.configured("my-decoder+my-classifier");
            NDArray scores = chunks.forward(priorDraws, u);                       // no graph
            ValueAndGradient eg = chunks.valueAndGradient(priorDraws, u);         // chunked autograd
            // README-END throughput
            assertThat(scores.getShape()).isEqualTo(new Shape(5000));
            assertThat(eg.gradient().getShape()).isEqualTo(new Shape(5000, 2));
            float[] whole = u.apply(priorDraws).toFloatArray();
            float[] chunked = scores.toFloatArray();
            float[] fromGradientPath = eg.value().toFloatArray();
            for (int i = 0; i < whole.length; i++) {
                assertThat(chunked[i]).isCloseTo(whole[i], within(1e-4f * Math.max(1, Math.abs(whole[i]))));
                assertThat(fromGradientPath[i]).isCloseTo(whole[i], within(1e-4f * Math.max(1, Math.abs(whole[i]))));
            }
        }
    }
}
