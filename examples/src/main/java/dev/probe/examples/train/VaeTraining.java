package dev.probe.examples.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.probe.examples.data.ImageDataset;
import dev.probe.examples.models.BundledModel;
import dev.probe.examples.models.Vae;
import java.util.Arrays;
import java.util.Random;

/**
 * Trains a {@link Vae} on the classes of its catalogue entry by maximising the ELBO: per image,
 * Bernoulli reconstruction loss (binary cross-entropy with logits, summed over 784 pixels) plus the
 * analytic KL divergence to N(0, I); Adam, seeded shuffling.
 *
 * <pre>{@code
 * Model m = VaeTraining.train(BundledModel.MNIST_VAE, Datasets.mnistTrain(),
 *         new VaeTraining.Settings(60, 128, 1e-3f), 42L, result);
 * }</pre>
 */
public final class VaeTraining {
    /**
     * @param epochs passes over the training set
     * @param batchSize images per step
     * @param learningRate Adam learning rate
     */
    public record Settings(int epochs, int batchSize, float learningRate) {}

    private VaeTraining() {}

    /**
     * @param spec a VAE catalogue entry
     * @param train the full training split (filtered here to {@code spec.classes()})
     * @param s settings
     * @param seed shuffling seed (the engine seed is set by the caller)
     * @param result receives settings and the final training loss (negative ELBO per image)
     * @return the trained model (caller closes it)
     */
    public static Model train(BundledModel spec, ImageDataset train, Settings s, long seed, TrainResult result) {
        ImageDataset data = train.onlyClasses(spec.classes());
        Model model = Model.newInstance(spec.id());
        model.setBlock(spec.newBlock());
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(s.learningRate())).build());
        Random rng = new Random(seed);
        float lastLoss = Float.NaN;
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(spec.inputShape());
            int[] order = java.util.stream.IntStream.range(0, data.size()).toArray();
            for (int epoch = 0; epoch < s.epochs(); epoch++) {
                ClassifierTraining.shuffle(order, rng);
                double sum = 0;
                int batches = 0;
                for (int from = 0; from < order.length; from += s.batchSize()) {
                    int[] idx = Arrays.copyOfRange(order, from, Math.min(order.length, from + s.batchSize()));
                    try (NDManager bm = trainer.getManager().newSubManager()) {
                        NDArray x = data.images(bm, idx);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(new NDList(x));
                            NDArray l = negativeElbo(x, out);
                            gc.backward(l);
                            sum += l.getFloat();
                        }
                        trainer.step();
                    }
                    batches++;
                }
                lastLoss = (float) (sum / batches);
                if (epoch % 5 == 4 || epoch == s.epochs() - 1) {
                    System.out.printf("  %s epoch %d/%d -ELBO %.2f%n", spec.id(), epoch + 1, s.epochs(), lastLoss);
                }
            }
        }
        result.put("trainSize", data.size()).put("epochs", s.epochs()).put("batchSize", s.batchSize())
                .put("learningRate", s.learningRate()).put("finalTrainLoss", (double) lastLoss);
        return model;
    }

    /**
     * @param x images {@code [N,1,28,28]}
     * @param out the VAE's training output {@code (logits [N,784], mean, logVariance)}
     * @return mean over the batch of (BCE summed over pixels + KL), a scalar
     */
    public static NDArray negativeElbo(NDArray x, NDList out) {
        NDArray logits = out.get(0);
        NDArray mean = out.get(1);
        NDArray logVar = out.get(2);
        NDArray target = x.reshape(x.getShape().get(0), -1);
        // BCE with logits, stable: max(l,0) - l*x + log(1 + exp(-|l|))
        NDArray bce = logits.maximum(0f).sub(logits.mul(target)).add(logits.abs().neg().exp().add(1f).log());
        NDArray kl = logVar.add(1f).sub(mean.square()).sub(logVar.exp()).sum(new int[] {1}).mul(-0.5f);
        return bce.sum(new int[] {1}).add(kl).mean();
    }

    /**
     * @param model a trained VAE
     * @param test test images (filtered to the model's classes)
     * @param spec the catalogue entry
     * @return the mean negative ELBO per test image, with the posterior mean as z (deterministic)
     */
    public static double testLoss(Model model, BundledModel spec, ImageDataset test) {
        Vae vae = (Vae) model.getBlock();
        ImageDataset data = test.onlyClasses(spec.classes());
        ParameterStore ps = new ParameterStore(model.getNDManager(), false);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = data.images(m);
            NDList stats = vae.encoder().forward(ps, new NDList(x), false);
            NDArray logits = vae.decoderLogits().forward(ps, new NDList(stats.get(0)), false).singletonOrThrow();
            return negativeElbo(x, new NDList(logits, stats.get(0), stats.get(1))).getFloat();
        }
    }
}
