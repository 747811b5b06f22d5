package dev.probe.examples.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.probe.examples.data.ImageDataset;
import dev.probe.examples.models.BundledModel;
import dev.probe.examples.models.Evaluation;
import java.util.Arrays;
import java.util.Random;

/**
 * Trains an image classifier ({@link BundledModel.Kind#IMAGE_CLASSIFIER}) with Adam and softmax
 * cross-entropy on the classes of its catalogue entry, shuffling with a seeded {@link Random}.
 *
 * <pre>{@code
 * Model m = ClassifierTraining.train(BundledModel.MNIST_CNN, Datasets.mnistTrain(),
 *         new ClassifierTraining.Settings(12, 64, 1e-3f), 42L, result);
 * }</pre>
 */
public final class ClassifierTraining {
    /**
     * @param epochs passes over the training set
     * @param batchSize images per step
     * @param learningRate Adam learning rate (halved after epoch floor(E/2) and again after epoch floor(3E/4))
     */
    public record Settings(int epochs, int batchSize, float learningRate) {}

    private ClassifierTraining() {}

    /**
     * @param spec the model to train
     * @param train the full training split (filtered here to {@code spec.classes()})
     * @param s settings
     * @param seed seed for shuffling (the engine seed is set by the caller)
     * @param result receives settings and the final training loss
     * @return the trained model (caller closes it)
     */
    public static Model train(BundledModel spec, ImageDataset train, Settings s, long seed, TrainResult result) {
        int[] classes = spec.classes();
        ImageDataset data = train.onlyClasses(classes);
        int[] index = new int[10];
        Arrays.fill(index, -1);
        for (int i = 0; i < classes.length; i++) {
            index[classes[i]] = i;
        }
        Model model = Model.newInstance(spec.id());
        model.setBlock(spec.newBlock());
        Loss loss = Loss.softmaxCrossEntropyLoss();
        int stepsPerEpoch = (data.size() + s.batchSize() - 1) / s.batchSize();
        int halve1 = stepsPerEpoch * Math.max(1, s.epochs() / 2);
        int halve2 = Math.max(halve1 + 1, stepsPerEpoch * (3 * s.epochs() / 4));
        Tracker lr = Tracker.multiFactor()
                .setSteps(new int[] {halve1, halve2})
                .setBaseValue(s.learningRate()).optFactor(0.5f).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build());
        Random rng = new Random(seed);
        float lastLoss = Float.NaN;
        long t0 = System.nanoTime();
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(spec.inputShape());
            int[] order = java.util.stream.IntStream.range(0, data.size()).toArray();
            for (int epoch = 0; epoch < s.epochs(); epoch++) {
                shuffle(order, rng);
                double sum = 0;
                int batches = 0;
                for (int from = 0; from < order.length; from += s.batchSize()) {
                    int[] idx = Arrays.copyOfRange(order, from, Math.min(order.length, from + s.batchSize()));
                    int[] y = new int[idx.length];
                    for (int k = 0; k < idx.length; k++) {
                        y[k] = index[data.label(idx[k])];
                    }
                    try (NDManager bm = trainer.getManager().newSubManager()) {
                        NDArray x = data.images(bm, idx);
                        NDArray labels = bm.create(y);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(new NDList(x));
                            NDArray l = loss.evaluate(new NDList(labels), out);
                            gc.backward(l);
                            sum += l.getFloat();
                        }
                        trainer.step();
                    }
                    batches++;
                }
                lastLoss = (float) (sum / batches);
                System.out.printf("  %s epoch %d/%d loss %.4f (%.0f s)%n", spec.id(), epoch + 1, s.epochs(), lastLoss,
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        result.put("trainSize", data.size()).put("epochs", s.epochs()).put("batchSize", s.batchSize())
                .put("learningRate", s.learningRate()).put("finalTrainLoss", (double) lastLoss);
        return model;
    }

    /**
     * @param model a trained classifier
     * @param spec its catalogue entry
     * @param test the full test split
     * @return test accuracy on the model's classes
     */
    public static double testAccuracy(Model model, BundledModel spec, ImageDataset test) {
        return Evaluation.accuracy(model.getBlock(),
                new ai.djl.training.ParameterStore(model.getNDManager(), false), test, spec.classes());
    }

    static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
