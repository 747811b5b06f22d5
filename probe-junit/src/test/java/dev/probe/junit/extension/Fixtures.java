package dev.probe.junit.extension;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.model.TestModels;
import dev.probe.core.space.InputSpace;
import dev.probe.core.space.SampleSpace;

/** Models and spaces for the extension fixtures: a 3-class softmax-linear model on a 2-D box. */
final class Fixtures {
    private Fixtures() {}

    /** Logits (x0, x1, -x0 - x1): every class reachable in the box. */
    static Classifier threeClasses() {
        return Classifier.fromLogits(DjlBlockFunction.of(
                TestModels.linear("linear3", new double[][] {{3, 0}, {0, 3}, {-3, -3}}, new double[] {0, 0, 0}), new Shape(2)));
    }

    /** Class 2 has logit -50 everywhere: its high-confidence level set is empty. */
    static Classifier unreachableClassTwo() {
        return Classifier.fromLogits(DjlBlockFunction.of(
                TestModels.linear("linear3u", new double[][] {{3, 0}, {0, 3}, {0, 0}}, new double[] {0, 0, -50}), new Shape(2)));
    }

    static SampleSpace box() {
        return InputSpace.box(new double[] {-3, -3}, new double[] {3, 3});
    }
}
