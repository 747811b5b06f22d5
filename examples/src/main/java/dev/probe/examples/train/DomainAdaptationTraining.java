package dev.probe.examples.train;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.probe.examples.data.ImageDataset;
import dev.probe.examples.models.BundledModel;
import dev.probe.examples.models.DomainAdversarialNet;
import dev.probe.examples.models.LeNet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * Domain-adversarial training (DANN, Ganin et al. 2016) of a {@link LeNet}: every step takes a batch of
 * labelled source images and a batch of unlabelled target images; the loss is the softmax cross-entropy
 * of the source labels plus the logistic loss of a domain classifier telling source from target, whose
 * gradient reaches the features reversed and scaled by {@code λ_p = λ_max·(2/(1 + exp(−10p)) − 1)} at
 * training progress {@code p}; optionally plus {@code β_p} times the mean entropy of the predictions on
 * the target batch (entropy minimisation, Grandvalet &amp; Bengio 2005, as in DANN variants such as
 * Long et al. 2016), ramped like λ. SGD with momentum 0.9 and Ganin's annealing {@code μ_p = μ₀/(1 + 10p)^0.75}
 * (with Adam the domain classifier won outright and the adaptation did nothing).
 *
 * <pre>{@code
 * Model adapted = DomainAdaptationTraining.train(BundledModel.SYNTH_LENET_DANN, Datasets.synthDigitsTrain(),
 *         Datasets.mnistTrain(), new DomainAdaptationTraining.Settings(8, 64, 0.01f, 0.3f, 500, 0.3f), 42L, result,
 *         (epoch, lenet) -> { });
 * }</pre>
 */
public final class DomainAdaptationTraining {
    /**
     * @param epochs passes over the source set
     * @param batchSize source images per step (and as many target images)
     * @param learningRate initial SGD learning rate μ₀
     * @param maxReversal λ_max, the final weight of the reversed domain gradient
     * @param domainHidden width of the domain classifier's hidden layer
     * @param maxEntropyWeight β_max, the final weight of the target predictions' mean entropy (0: plain DANN)
     */
    public record Settings(int epochs, int batchSize, float learningRate, float maxReversal, int domainHidden,
            float maxEntropyWeight) {}

    private DomainAdaptationTraining() {}

    /**
     * @param spec the adapted model's catalogue entry (a LeNet)
     * @param source labelled source images
     * @param target target images (labels never used)
     * @param s settings
     * @param seed shuffling seed (the engine seed is set by the caller)
     * @param result receives settings and final losses
     * @param afterEpoch called with the 1-based epoch and the classifier after every epoch (checkpoints)
     * @return a model holding a copy of the trained classifier alone (caller closes it)
     */
    public static Model train(BundledModel spec, ImageDataset source, ImageDataset target, Settings s, long seed,
            TrainResult result, BiConsumer<Integer, SequentialBlock> afterEpoch) {
        SequentialBlock lenet = (SequentialBlock) spec.newBlock();
        DomainAdversarialNet dann = new DomainAdversarialNet(lenet, s.domainHidden());
        Loss ce = Loss.softmaxCrossEntropyLoss();
        Loss domain = Loss.sigmoidBinaryCrossEntropyLoss();
        int stepsPerEpoch = (source.size() + s.batchSize() - 1) / s.batchSize();
        int totalSteps = stepsPerEpoch * s.epochs();
        Tracker lr = new Tracker() {
            @Override
            public float getNewValue(int step) {
                return (float) (s.learningRate() / Math.pow(1 + 10.0 * step / totalSteps, 0.75));
            }
        };
        DefaultTrainingConfig config = new DefaultTrainingConfig(ce)
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(lr).optMomentum(0.9f).build());
        Random rng = new Random(seed);
        int[] order = IntStream.range(0, source.size()).toArray();
        int[] targetOrder = IntStream.range(0, target.size()).toArray();
        int targetAt = targetOrder.length;
        int step = 0;
        double lastClass = Double.NaN;
        double lastDomain = Double.NaN;
        long t0 = System.nanoTime();
        try (Model model = Model.newInstance(spec.id() + "-training")) {
            model.setBlock(dann);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(spec.inputShape());
                for (int epoch = 0; epoch < s.epochs(); epoch++) {
                    ClassifierTraining.shuffle(order, rng);
                    double classSum = 0;
                    double domainSum = 0;
                    int batches = 0;
                    for (int from = 0; from < order.length; from += s.batchSize()) {
                        int[] idx = Arrays.copyOfRange(order, from, Math.min(order.length, from + s.batchSize()));
                        int[] tIdx = new int[idx.length];
                        for (int k = 0; k < tIdx.length; k++) {
                            if (targetAt == targetOrder.length) {
                                ClassifierTraining.shuffle(targetOrder, rng);
                                targetAt = 0;
                            }
                            tIdx[k] = targetOrder[targetAt++];
                        }
                        double ramp = 2 / (1 + Math.exp(-10.0 * step / totalSteps)) - 1;
                        dann.setReversal((float) (s.maxReversal() * ramp));
                        try (NDManager bm = trainer.getManager().newSubManager()) {
                            NDArray x = NDArrays.concat(new NDList(source.images(bm, idx), target.images(bm, tIdx)));
                            float[] d = new float[2 * idx.length];
                            Arrays.fill(d, idx.length, d.length, 1f);
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDList out = trainer.forward(new NDList(x));
                                NDArray classLoss = ce.evaluate(new NDList(source.labels(bm, idx)),
                                        new NDList(out.get(0).get("0:" + idx.length)));
                                NDArray domainLoss = domain.evaluate(new NDList(bm.create(d).reshape(-1, 1)),
                                        new NDList(out.get(1)));
                                NDArray targetLogits = out.get(0).get(idx.length + ":");
                                NDArray entropy = targetLogits.softmax(1).mul(targetLogits.logSoftmax(1)).sum(new int[] {1})
                                        .mean().neg();
                                NDArray beta = bm.create((float) (s.maxEntropyWeight() * ramp));
                                gc.backward(classLoss.add(domainLoss).add(entropy.mul(beta)));
                                classSum += classLoss.getFloat();
                                domainSum += domainLoss.getFloat();
                            }
                            trainer.step();
                        }
                        batches++;
                        step++;
                    }
                    lastClass = classSum / batches;
                    lastDomain = domainSum / batches;
                    System.out.printf("  %s epoch %d/%d class loss %.4f domain loss %.4f (%.0f s)%n", spec.id(), epoch + 1,
                            s.epochs(), lastClass, lastDomain, (System.nanoTime() - t0) / 1e9);
                    afterEpoch.accept(epoch + 1, lenet);
                }
            }
            result.put("trainSize", source.size()).put("targetTrainSize", target.size()).put("epochs", s.epochs())
                    .put("batchSize", s.batchSize()).put("learningRate", s.learningRate())
                    .put("maxReversal", (double) s.maxReversal()).put("domainHidden", s.domainHidden())
                    .put("maxEntropyWeight", (double) s.maxEntropyWeight())
                    .put("finalTrainLoss", lastClass).put("finalDomainLoss", lastDomain);
            return snapshot(spec, lenet);
        }
    }

    /**
     * A copy of trained weights in a model of their own.
     *
     * @param spec the catalogue entry whose architecture {@code trained} has
     * @param trained a trained block of that architecture
     * @return a new model with a copy of the weights (caller closes it)
     */
    public static Model snapshot(BundledModel spec, Block trained) {
        Model copy = Model.newInstance(spec.id());
        Block fresh = spec.newBlock();
        copy.setBlock(fresh);
        try {
            fresh.initialize(copy.getNDManager(), DataType.FLOAT32, spec.inputShape());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            trained.saveParameters(new DataOutputStream(bytes));
            fresh.loadParameters(copy.getNDManager(), new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            return copy;
        } catch (IOException | MalformedModelException e) {
            copy.close();
            throw new IllegalStateException("cannot copy the weights of " + spec.id(), e);
        }
    }
}
