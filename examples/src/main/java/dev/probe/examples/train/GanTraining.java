package dev.probe.examples.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.probe.examples.data.ImageDataset;
import dev.probe.examples.models.BundledModel;
import dev.probe.examples.models.Gan;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Trains a {@link Gan} on the images of its catalogue entry's classes: alternating steps of the
 * discriminator (logistic loss, real images vs generated ones) and the generator (the non-saturating
 * loss {@code −log D(G(z))}), each with its own Adam (lr 2e-4, β1 = 0.5, as DCGAN). The latent is
 * N(0, I) drawn by the engine's seeded generator; batches are shuffled with a seeded {@link Random}.
 * Only the generator is kept.
 *
 * <pre>{@code
 * Model g = GanTraining.train(BundledModel.MNIST_GAN, Datasets.mnistTrain(),
 *         new GanTraining.Settings(30, 64, 2e-4f), 42L, result);
 * }</pre>
 */
public final class GanTraining {
    /**
     * @param epochs passes over the training set
     * @param batchSize real images per step (and as many generated ones)
     * @param learningRate Adam learning rate of both networks
     */
    public record Settings(int epochs, int batchSize, float learningRate) {}

    private GanTraining() {}

    /**
     * @param spec a GAN catalogue entry
     * @param train the full training split (filtered here to {@code spec.classes()})
     * @param s settings
     * @param seed shuffling seed (the engine seed is set by the caller)
     * @param result receives settings and final losses
     * @return the trained generator (caller closes it)
     */
    public static Model train(BundledModel spec, ImageDataset train, Settings s, long seed, TrainResult result) {
        ImageDataset data = train.onlyClasses(spec.classes());
        Model generator = Model.newInstance(spec.id());
        generator.setBlock(spec.newBlock());
        Block critic = Gan.discriminator();
        Loss bce = Loss.sigmoidBinaryCrossEntropyLoss();
        double lastD = Double.NaN;
        double lastG = Double.NaN;
        long t0 = System.nanoTime();
        try (Model discriminator = Model.newInstance(spec.id() + "-discriminator")) {
            discriminator.setBlock(critic);
            try (Trainer tg = generator.newTrainer(config(bce, s));
                 Trainer td = discriminator.newTrainer(config(bce, s))) {
                tg.initialize(spec.inputShape());
                td.initialize(new Shape(1, 1, ImageDataset.SIDE, ImageDataset.SIDE));
                Random rng = new Random(seed);
                int[] order = IntStream.range(0, data.size()).toArray();
                for (int epoch = 0; epoch < s.epochs(); epoch++) {
                    ClassifierTraining.shuffle(order, rng);
                    double dSum = 0;
                    double gSum = 0;
                    int batches = 0;
                    for (int from = 0; from + s.batchSize() <= order.length; from += s.batchSize()) {
                        int[] idx = Arrays.copyOfRange(order, from, from + s.batchSize());
                        try (NDManager bm = tg.getManager().newSubManager()) {
                            NDArray real = data.images(bm, idx);
                            NDArray ones = bm.ones(new Shape(idx.length, 1));
                            NDArray zeros = bm.zeros(new Shape(idx.length, 1));
                            NDArray fake = tg.forward(new NDList(bm.randomNormal(new Shape(idx.length, Gan.LATENT))))
                                    .singletonOrThrow().stopGradient();
                            try (GradientCollector gc = td.newGradientCollector()) {
                                NDArray lossD = bce.evaluate(new NDList(ones), td.forward(new NDList(real)))
                                        .add(bce.evaluate(new NDList(zeros), td.forward(new NDList(fake))));
                                gc.backward(lossD);
                                dSum += lossD.getFloat();
                            }
                            td.step();
                            critic.freezeParameters(true);
                            try (GradientCollector gc = tg.newGradientCollector()) {
                                NDArray z = bm.randomNormal(new Shape(idx.length, Gan.LATENT));
                                NDArray lossG = bce.evaluate(new NDList(ones),
                                        td.forward(new NDList(tg.forward(new NDList(z)).singletonOrThrow())));
                                gc.backward(lossG);
                                gSum += lossG.getFloat();
                            }
                            tg.step();
                            critic.freezeParameters(false);
                        }
                        batches++;
                    }
                    lastD = dSum / batches;
                    lastG = gSum / batches;
                    System.out.printf("  %s epoch %d/%d D loss %.4f G loss %.4f (%.0f s)%n", spec.id(), epoch + 1,
                            s.epochs(), lastD, lastG, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        result.put("trainSize", data.size()).put("epochs", s.epochs()).put("batchSize", s.batchSize())
                .put("learningRate", s.learningRate()).put("finalDiscriminatorLoss", lastD)
                .put("finalGeneratorLoss", lastG);
        return generator;
    }

    private static DefaultTrainingConfig config(Loss loss, Settings s) {
        return new DefaultTrainingConfig(loss).optOptimizer(Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed(s.learningRate())).optBeta1(0.5f).build());
    }
}
