package dev.probe.examples.papers;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.result.Oracle;
import dev.probe.core.space.InputSpace;
import dev.probe.core.space.InputSpaceBuilder;
import dev.probe.core.space.LatentSpace;
import dev.probe.core.space.SampleSpace;
import dev.probe.examples.data.Datasets;
import dev.probe.examples.data.TabularDataset;
import dev.probe.examples.models.BundledModel;
import dev.probe.examples.models.BundledModels;
import dev.probe.examples.models.LoadedModel;
import dev.probe.examples.models.SceneCounter;
import dev.probe.examples.scenes.SceneQuestion;
import dev.probe.examples.scenes.SceneRenderer;
import dev.probe.examples.models.TribuoClassifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundled models as the probe API sees them: image classifiers take flat 784-pixel rows in [0, 1],
 * VAE decoders map a 5-d standard-normal latent to such rows, tabular models take raw feature rows.
 * Each model loads once per JVM and stays reachable.
 */
final class PaperModels {
    private static final Map<BundledModel, LoadedModel> LOADED = new ConcurrentHashMap<>();
    private static final Shape IMAGE = new Shape(1, 28, 28);
    /**
     * One classifier and one sample space per bundled model for the JVM: prior pools are cached per (space, models)
     * identity, so test classes that probe the same generator and classifier at the same pool size share one pool.
     */
    private static final Map<BundledModel, Classifier> CLASSIFIERS = new ConcurrentHashMap<>();
    private static final Map<BundledModel, SampleSpace> SPACES = new ConcurrentHashMap<>();

    private PaperModels() {}

    private static LoadedModel loaded(BundledModel m) {
        return LOADED.computeIfAbsent(m, BundledModels::load);
    }

    /** An image classifier of the bundled models (logits over its classes). */
    static Classifier imageClassifier(BundledModel m) {
        return CLASSIFIERS.computeIfAbsent(m, k -> Classifier.fromLogits(DjlBlockFunction.of(loaded(k).model(), IMAGE)));
    }

    /** A bundled VAE's decoder under a standard-normal prior on its 5-d latent. */
    static SampleSpace vae(BundledModel m) {
        return SPACES.computeIfAbsent(m, k -> {
            LoadedModel vae = loaded(k);
            return LatentSpace.standardNormal(DjlBlockFunction.of(k.id() + "-decoder", vae.model(), vae.decoder(), new Shape(5)));
        });
    }

    /** A bundled GAN's generator under a standard-normal prior on its 5-d latent (same interface as a VAE's decoder). */
    static SampleSpace gan(BundledModel m) {
        return SPACES.computeIfAbsent(m, k -> {
            LoadedModel gan = loaded(k);
            return LatentSpace.standardNormal(DjlBlockFunction.of(k.id() + "-generator", gan.model(), gan.decoder(), new Shape(5)));
        });
    }

    /** One question of the bundled scene model, as a classifier over its answers 0..6 (scenes [3, 40, 40]). */
    static Classifier sceneQuestion(SceneQuestion q) {
        LoadedModel counter = loaded(BundledModel.CLEVR_COUNTER);
        String name = "clevr-counter: " + q.noun();
        return Classifier.fromLogits(DjlBlockFunction.of(name, counter.model(), SceneCounter.question(counter.block(), q),
                new Shape(3, SceneRenderer.SIDE, SceneRenderer.SIDE)));
    }

    /**
     * The true label of a digit image: the bundled MNIST CNN's prediction (97.65% test accuracy), one batch
     * per result.
     */
    static Oracle mnistCnnOracle() {
        Classifier cnn = imageClassifier(BundledModel.MNIST_CNN);
        return Oracle.ofInputs(rows -> java.util.Arrays.stream(cnn.outputs(rows)).mapToInt(PaperModels::argMax).toArray());
    }

    static int argMax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            best = row[k] > row[best] ? k : best;
        }
        return best;
    }

    /** A bundled tabular logistic regression (raw features in, logits out). */
    static Classifier tabularLogreg(BundledModel m, int features) {
        return Classifier.fromLogits(DjlBlockFunction.of(loaded(m).model(), new Shape(features)));
    }

    /** A bundled Tribuo model as a black box returning class probabilities. */
    static Classifier tribuo(BundledModel m, int features) {
        TribuoClassifier t = BundledModels.loadTribuo(m.id());
        return Classifier.fromProbabilities(BlackBoxFunction.of(m.id(), features, t.numClasses(), rows -> {
            double[][] out = new double[rows.length][];
            float[] f = new float[features];
            for (int r = 0; r < rows.length; r++) {
                for (int k = 0; k < features; k++) {
                    f[k] = (float) rows[r][k];
                }
                float[] p = t.probabilities(f);
                out[r] = new double[p.length];
                for (int c = 0; c < p.length; c++) {
                    out[r][c] = p[c];
                }
            }
            return out;
        }));
    }

    /** The box spanned by the training data (per-feature min and max), sampled in units of each feature's sd. */
    static InputSpace trainingBox(TabularDataset train) {
        int d = train.numFeatures();
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < train.size(); i++) {
            float[] row = train.row(i);
            for (int k = 0; k < d; k++) {
                lo[k] = Math.min(lo[k], row[k]);
                hi[k] = Math.max(hi[k], row[k]);
            }
        }
        InputSpaceBuilder b = InputSpace.builder(d).bounds(lo, hi);
        float[] sd = train.columnStds();
        for (int k = 0; k < d; k++) {
            b.scale(k, sd[k]);
        }
        return b.build();
    }

    static double[][] rows(TabularDataset data) {
        double[][] out = new double[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            float[] r = data.row(i);
            out[i] = new double[r.length];
            for (int k = 0; k < r.length; k++) {
                out[i][k] = r[k];
            }
        }
        return out;
    }

    static TabularDataset wineTrain() {
        return Datasets.wineTrain();
    }
}
