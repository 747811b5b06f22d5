package dev.probe.examples.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.probe.examples.data.ImageDataset;
import dev.probe.examples.data.TabularDataset;
import java.util.stream.IntStream;

/**
 * Deterministic test-set accuracy of the example classifiers (inference mode, batches of 500).
 * A classifier covering a subset of classes (e.g. C1) is scored on the test images of those
 * classes only, with output index {@code i} meaning original label {@code classes[i]}.
 *
 * <pre>{@code
 * try (LoadedModel cnn = BundledModels.load("mnist-cnn")) {
 *     double acc = Evaluation.accuracy(cnn, Datasets.mnistTest());
 * }
 * }</pre>
 */
public final class Evaluation {
    private static final int BATCH = 500;

    private Evaluation() {}

    /**
     * @param model a loaded image classifier
     * @param test the test images (filtered to the model's classes)
     * @return fraction of correctly classified images
     */
    public static double accuracy(LoadedModel model, ImageDataset test) {
        return accuracy(model.block(), model.parameterStore(), test, model.spec().classes());
    }

    /**
     * @param model a loaded tabular DJL classifier
     * @param test the test rows
     * @return fraction of correctly classified rows
     */
    public static double accuracy(LoadedModel model, TabularDataset test) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = model.forward(test.features(m));
            return fraction(logits.argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray(),
                    test.labels(), model.spec().classes());
        }
    }

    /**
     * @param model a Tribuo classifier
     * @param test the test rows
     * @return fraction of correctly classified rows
     */
    public static double accuracy(TribuoClassifier model, TabularDataset test) {
        int[] pred = IntStream.range(0, test.size()).map(i -> model.predict(test.row(i))).toArray();
        return fraction(pred, test.labels(), IntStream.range(0, model.numClasses()).toArray());
    }

    /**
     * @param block an image classifier block
     * @param ps its parameter store
     * @param test the test images
     * @param classes original label of each output index
     * @return fraction of correctly classified test images whose label is in {@code classes}
     */
    public static double accuracy(Block block, ParameterStore ps, ImageDataset test, int[] classes) {
        ImageDataset subset = test.onlyClasses(classes);
        int[] pred = new int[subset.size()];
        try (NDManager m = NDManager.newBaseManager()) {
            for (int from = 0; from < subset.size(); from += BATCH) {
                int to = Math.min(subset.size(), from + BATCH);
                try (NDManager batch = m.newSubManager()) {
                    NDArray logits = block.forward(ps, new NDList(subset.images(batch, from, to)), false)
                            .singletonOrThrow();
                    int[] p = logits.argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
                    System.arraycopy(p, 0, pred, from, p.length);
                }
            }
        }
        return fraction(pred, subset.labels(), classes);
    }

    private static double fraction(int[] predictedIndex, int[] labels, int[] classes) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (classes[predictedIndex[i]] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
