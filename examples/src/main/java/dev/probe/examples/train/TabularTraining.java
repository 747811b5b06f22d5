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
import dev.probe.examples.data.TabularDataset;
import dev.probe.examples.models.BundledModel;
import dev.probe.examples.models.LogisticRegression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains the tabular models: a {@link LogisticRegression} DJL block (full-batch Adam with L2
 * weight decay, inputs standardised inside the block) and Tribuo tree models (a random forest of
 * CART trees with averaged leaf distributions, and a single CART tree).
 *
 * <pre>{@code
 * Model lr = TabularTraining.trainLogisticRegression(BundledModel.WINE_LOGREG, Datasets.wineTrain(), result);
 * org.tribuo.Model<Label> rf = TabularTraining.trainForest(Datasets.wineTrain(), 100, 42L);
 * }</pre>
 */
public final class TabularTraining {
    private static final int LOGREG_STEPS = 500;
    private static final float LOGREG_LR = 0.05f;
    private static final float LOGREG_WEIGHT_DECAY = 1e-3f;

    private TabularTraining() {}

    /**
     * @param spec a {@link BundledModel.Kind#TABULAR_CLASSIFIER} entry
     * @param train training rows
     * @param result receives the settings
     * @return the trained model (caller closes it)
     */
    public static Model trainLogisticRegression(BundledModel spec, TabularDataset train, TrainResult result) {
        Model model = Model.newInstance(spec.id());
        LogisticRegression block = (LogisticRegression) spec.newBlock();
        model.setBlock(block);
        Loss loss = Loss.softmaxCrossEntropyLoss();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed(LOGREG_LR)).optWeightDecays(LOGREG_WEIGHT_DECAY).build());
        float last = Float.NaN;
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(spec.inputShape());
            block.setStandardization(train.columnMeans(), train.columnStds());
            for (int step = 0; step < LOGREG_STEPS; step++) {
                try (NDManager bm = trainer.getManager().newSubManager()) {
                    NDArray x = train.features(bm);
                    NDArray y = train.labels(bm);
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray l = loss.evaluate(new NDList(y), trainer.forward(new NDList(x)));
                        gc.backward(l);
                        last = l.getFloat();
                    }
                    trainer.step();
                }
            }
        }
        result.put("trainSize", train.size()).put("steps", LOGREG_STEPS).put("learningRate", LOGREG_LR)
                .put("weightDecay", LOGREG_WEIGHT_DECAY).put("finalTrainLoss", (double) last);
        return model;
    }

    /**
     * @param train training rows
     * @param trees number of trees
     * @param seed bootstrap and feature-sampling seed
     * @return a random forest over all features (30% of the features tried per split)
     */
    public static org.tribuo.Model<Label> trainForest(TabularDataset train, int trees, long seed) {
        CARTClassificationTrainer cart = new CARTClassificationTrainer(Integer.MAX_VALUE, 0.3f, seed);
        return new RandomForestTrainer<>(cart, new FullyWeightedVotingCombiner(), trees, seed).train(tribuo(train));
    }

    /**
     * @param train training rows
     * @param maxDepth maximum tree depth
     * @param seed seed (unused by a tree that tries every feature, recorded for provenance)
     * @return a single CART decision tree
     */
    public static org.tribuo.Model<Label> trainTree(TabularDataset train, int maxDepth, long seed) {
        return new CARTClassificationTrainer(maxDepth, 1.0f, seed).train(tribuo(train));
    }

    /**
     * @param model a Tribuo model
     * @param file target {@code .tribuo} file (protobuf)
     * @throws IOException if it cannot be written
     */
    public static void save(org.tribuo.Model<Label> model, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        model.serializeToFile(file);
    }

    private static MutableDataset<Label> tribuo(TabularDataset data) {
        LabelFactory factory = new LabelFactory();
        String[] names = data.featureNames().toArray(new String[0]);
        java.util.List<org.tribuo.Example<Label>> examples = new java.util.ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            float[] r = data.row(i);
            double[] v = new double[r.length];
            for (int j = 0; j < v.length; j++) {
                v[j] = r[j];
            }
            examples.add(new ArrayExample<>(new Label(data.classNames().get(data.label(i))), names, v));
        }
        SimpleDataSourceProvenance prov = new SimpleDataSourceProvenance(data.name(), factory);
        return new MutableDataset<>(new ListDataSource<>(examples, factory, prov));
    }
}
