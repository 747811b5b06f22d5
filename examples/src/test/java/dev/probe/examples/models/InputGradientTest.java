package dev.probe.examples.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The probing pipeline decoder → classifier is differentiable with respect to the latent input. */
class InputGradientTest {

    @Test
    void gradientsFlowFromCnnLogitsBackToVaeLatents() {
        try (LoadedModel vae = BundledModels.load(BundledModel.MNIST_VAE);
                LoadedModel cnn = BundledModels.load(BundledModel.MNIST_CNN);
                NDManager m = NDManager.newBaseManager()) {
            vae.block().freezeParameters(true);
            cnn.block().freezeParameters(true);
            NDArray z = m.randomNormal(new Shape(4, Vae.LATENT));
            z.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = cnn.forward(vae.decode(z));
                assertThat(logits.getShape()).isEqualTo(new Shape(4, 10));
                gc.backward(logits.get(":, 7").sum());
            }
            NDArray g = z.getGradient();
            assertThat(g.getShape()).isEqualTo(new Shape(4, Vae.LATENT));
            assertThat(g.abs().sum().getFloat()).isGreaterThan(0f);
        }
    }

    @Test
    void logisticRegressionIsDifferentiableInRawFeatures() {
        try (LoadedModel lr = BundledModels.load(BundledModel.WINE_LOGREG); NDManager m = NDManager.newBaseManager()) {
            lr.block().freezeParameters(true);
            NDArray x = dev.probe.examples.data.Datasets.wineTest().features(m).get("0:5");
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = lr.forward(x);
                assertThat(logits.getShape()).isEqualTo(new Shape(5, 3));
                gc.backward(logits.logSoftmax(1).get(":, 0").sum());
            }
            assertThat(x.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
        }
    }
}
