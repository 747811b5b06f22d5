package com.example.fashion;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.TorchScriptFunction;
import org.junit.jupiter.api.Test;

/** Mistakes a user makes when declaring their own models fail when the model loads, naming the fix. */
class ModelLoadingTest {

    @Test
    void aClassifierEndingInSoftmaxDeclaredAsLogitsIsDetected() {
        assertThatThrownBy(() -> Classifier.fromLogits(TorchScriptFunction.load(
                FashionProbesTest.MODELS.resolve("fashion-cnn-probabilities.pt"), new Shape(1, 28, 28))))
                .hasMessageStartingWith("Classifier 'fashion-cnn-probabilities' was declared with Classifier.fromLogits"
                        + "(...), but its outputs are already probabilities")
                .hasMessageContaining("Declare it with Classifier.fromProbabilities(...)");
    }

    @Test
    void aWrongPerSampleShapeFailsNamingTheShape() {
        assertThatThrownBy(() -> Classifier.fromLogits(TorchScriptFunction.load(
                FashionProbesTest.MODELS.resolve("fashion-cnn.pt"), new Shape(3, 28, 28))))
                .hasMessageStartingWith("Model 'fashion-cnn' failed on a batch of shape (2, 3, 28, 28): ")
                .hasMessageEndingWith("Check that the per-sample input shape (3, 28, 28) is the one the model was built for.");
    }
}
