package dev.probe.examples.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.probe.examples.data.Datasets;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The bring-your-own-model path: TorchScript files traced by {@code scripts/export-torchscript.sh}
 * (the bundled mnist-cnn and mnist-vae decoder rebuilt in PyTorch) load through DJL, give the
 * documented shapes, match the DJL models and pass gradients to their inputs.
 */
class TorchScriptFixturesTest {

    private static ZooModel<NDList, NDList> load(String file) throws Exception {
        Path path = Paths.get(TorchScriptFixturesTest.class.getResource("/torchscript/" + file).toURI());
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(path)
                .optEngine("PyTorch")
                .optOption("trainParam", "true") // else "Inference tensors cannot be saved for backward"
                .build();
        return criteria.loadModel();
    }

    @Test
    void classifierMatchesBundledCnnAndPassesInputGradients() throws Exception {
        try (ZooModel<NDList, NDList> ts = load("mnist-cnn.pt");
                LoadedModel djl = BundledModels.load(BundledModel.MNIST_CNN);
                NDManager m = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = Datasets.mnistTest().images(m, 0, 8);
            x.setRequiresGradient(true);
            NDArray logits;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // training=true records the graph; the model was traced in eval() mode (no dropout).
                logits = ts.getBlock().forward(ps, new NDList(x), true).singletonOrThrow();
                gc.backward(logits.get(":, 3").sum());
            }
            assertThat(logits.getShape()).isEqualTo(new Shape(8, 10));
            assertThat(x.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
            float[] expected = djl.forward(x.stopGradient()).toFloatArray();
            float[] actual = logits.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-3f));
            }
        }
    }

    @Test
    void decoderMatchesBundledVaeAndPassesLatentGradients() throws Exception {
        try (ZooModel<NDList, NDList> dec = load("mnist-vae-decoder.pt");
                ZooModel<NDList, NDList> cnn = load("mnist-cnn.pt");
                LoadedModel djl = BundledModels.load(BundledModel.MNIST_VAE);
                NDManager m = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray z = m.randomNormal(new Shape(6, Vae.LATENT));
            z.setRequiresGradient(true);
            NDArray images;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                images = dec.getBlock().forward(ps, new NDList(z), true).singletonOrThrow();
                NDArray logits = cnn.getBlock().forward(ps, new NDList(images), true).singletonOrThrow();
                gc.backward(logits.logSoftmax(1).get(":, 8").sum());
            }
            assertThat(images.getShape()).isEqualTo(new Shape(6, 1, 28, 28));
            assertThat(images.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(images.max().getFloat()).isLessThanOrEqualTo(1f);
            NDArray g = z.getGradient();
            assertThat(g.getShape()).isEqualTo(new Shape(6, Vae.LATENT));
            assertThat(g.abs().sum().getFloat()).isGreaterThan(0f);
            float[] expected = djl.decode(z.stopGradient()).toFloatArray();
            float[] actual = images.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-4f));
            }
        }
    }
}
