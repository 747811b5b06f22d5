package dev.probe.examples.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.probe.examples.models.BundledModel;
import dev.probe.examples.scenes.SceneQuestion;
import dev.probe.examples.scenes.SceneSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Trains the scene model ({@link dev.probe.examples.models.SceneCounter}) on scenes of
 * {@link dev.probe.examples.scenes.SceneWorld#clevr()}: the loss is the sum over the questions of the
 * softmax cross-entropy of each head; Adam with the learning rate halved like {@link ClassifierTraining}.
 *
 * <pre>{@code
 * Model m = SceneTraining.train(BundledModel.CLEVR_COUNTER, SceneSet.draw(SceneWorld.clevr(), 30_000, 1L),
 *         new ClassifierTraining.Settings(8, 64, 1e-3f), 42L, result);
 * }</pre>
 */
public final class SceneTraining {
    private SceneTraining() {}

    /**
     * @param spec the scene model's catalogue entry
     * @param train training scenes
     * @param s settings (epochs, batch size, learning rate)
     * @param seed shuffling seed (the engine seed is set by the caller)
     * @param result receives settings and the final training loss
     * @return the trained model (caller closes it)
     */
    public static Model train(BundledModel spec, SceneSet train, ClassifierTraining.Settings s, long seed,
            TrainResult result) {
        Model model = Model.newInstance(spec.id());
        model.setBlock(spec.newBlock());
        Loss ce = Loss.softmaxCrossEntropyLoss();
        int stepsPerEpoch = (train.size() + s.batchSize() - 1) / s.batchSize();
        int halve1 = stepsPerEpoch * Math.max(1, s.epochs() / 2);
        int halve2 = Math.max(halve1 + 1, stepsPerEpoch * (3 * s.epochs() / 4));
        Tracker lr = Tracker.multiFactor().setSteps(new int[] {halve1, halve2}).setBaseValue(s.learningRate())
                .optFactor(0.5f).build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(ce)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(lr).build());
        Random rng = new Random(seed);
        double last = Double.NaN;
        long t0 = System.nanoTime();
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(spec.inputShape());
            int[] order = IntStream.range(0, train.size()).toArray();
            for (int epoch = 0; epoch < s.epochs(); epoch++) {
                ClassifierTraining.shuffle(order, rng);
                double sum = 0;
                int batches = 0;
                for (int from = 0; from < order.length; from += s.batchSize()) {
                    int[] idx = Arrays.copyOfRange(order, from, Math.min(order.length, from + s.batchSize()));
                    try (NDManager bm = trainer.getManager().newSubManager()) {
                        NDArray x = train.images(bm, idx);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                            NDArray loss = null;
                            for (SceneQuestion q : SceneQuestion.values()) {
                                NDArray l = ce.evaluate(new NDList(train.answers(bm, idx, q)), new NDList(head(logits, q)));
                                loss = loss == null ? l : loss.add(l);
                            }
                            gc.backward(loss);
                            sum += loss.getFloat();
                        }
                        trainer.step();
                    }
                    batches++;
                }
                last = sum / batches;
                System.out.printf("  %s epoch %d/%d loss %.4f (%.0f s)%n", spec.id(), epoch + 1, s.epochs(), last,
                        (System.nanoTime() - t0) / 1e9);
            }
        }
        result.put("trainSize", train.size()).put("epochs", s.epochs()).put("batchSize", s.batchSize())
                .put("learningRate", s.learningRate()).put("finalTrainLoss", last);
        return model;
    }

    /**
     * @param counter a trained scene model block
     * @param ps its parameter store
     * @param test test scenes
     * @return the accuracy of every question's answers, in {@link SceneQuestion} order
     */
    public static Map<SceneQuestion, Double> accuracies(Block counter, ParameterStore ps, SceneSet test) {
        int[] correct = new int[SceneQuestion.values().length];
        try (NDManager m = NDManager.newBaseManager()) {
            for (int from = 0; from < test.size(); from += 500) {
                int[] idx = IntStream.range(from, Math.min(test.size(), from + 500)).toArray();
                try (NDManager bm = m.newSubManager()) {
                    NDArray logits = counter.forward(ps, new NDList(test.images(bm, idx)), false).singletonOrThrow();
                    for (SceneQuestion q : SceneQuestion.values()) {
                        int[] pred = head(logits, q).argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
                        for (int k = 0; k < idx.length; k++) {
                            correct[q.ordinal()] += pred[k] == test.answer(idx[k], q) ? 1 : 0;
                        }
                    }
                }
            }
        }
        Map<SceneQuestion, Double> out = new LinkedHashMap<>();
        for (SceneQuestion q : SceneQuestion.values()) {
            out.put(q, (double) correct[q.ordinal()] / test.size());
        }
        return out;
    }

    private static NDArray head(NDArray logits, SceneQuestion q) {
        int from = q.ordinal() * SceneQuestion.ANSWERS;
        return logits.get(":, " + from + ":" + (from + SceneQuestion.ANSWERS));
    }
}
