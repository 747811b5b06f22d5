package dev.probe.examples.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/**
 * A Tribuo tree model (random forest or single CART tree) over a numeric feature vector, as a
 * black box that returns class probabilities. Not differentiable: probe it with
 * Metropolis–Hastings or smoothed-gradient proposals.
 *
 * <pre>{@code
 * TribuoClassifier forest = BundledModels.loadTribuo("wine-forest");
 * float[] p = forest.probabilities(Datasets.wineTest().row(0));   // length 3, sums to 1
 * }</pre>
 */
public final class TribuoClassifier {
    private final Model<Label> model;
    private final String[] featureNames;
    private final List<String> classNames;

    /**
     * @param model a trained Tribuo classification model
     * @param featureNames the feature names it was trained with, in input order
     * @param classNames the class names (Tribuo label strings) indexed by class index
     */
    public TribuoClassifier(Model<Label> model, List<String> featureNames, List<String> classNames) {
        this.model = model;
        this.featureNames = featureNames.toArray(new String[0]);
        this.classNames = List.copyOf(classNames);
    }

    /**
     * Reads a model written by {@code Model.serializeToStream}.
     *
     * @param in the protobuf stream (closed by this method)
     * @param featureNames feature names in input order
     * @param classNames class names indexed by class index
     * @return the classifier
     */
    @SuppressWarnings("unchecked")
    public static TribuoClassifier read(InputStream in, List<String> featureNames, List<String> classNames) {
        try (in) {
            Model<?> m = Model.deserializeFromStream(in);
            if (!m.validate(Label.class)) {
                throw new IllegalStateException("not a classification model: " + m);
            }
            return new TribuoClassifier((Model<Label>) m, featureNames, classNames);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the underlying Tribuo model */
    public Model<Label> model() {
        return model;
    }

    /** @return number of classes */
    public int numClasses() {
        return classNames.size();
    }

    /**
     * @param features one row of raw feature values, in the order of the training features
     * @return class probabilities indexed by class index
     */
    public float[] probabilities(float[] features) {
        double[] v = new double[features.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = features[i];
        }
        Prediction<Label> p = model.predict(new ArrayExample<>(new Label(Label.UNKNOWN), featureNames, v));
        Map<String, Label> scores = p.getOutputScores();
        float[] out = new float[classNames.size()];
        float total = 0;
        for (int c = 0; c < out.length; c++) {
            Label l = scores.get(classNames.get(c));
            out[c] = l == null ? 0f : (float) l.getScore();
            total += out[c];
        }
        if (total > 0) {
            for (int c = 0; c < out.length; c++) {
                out[c] /= total;
            }
        }
        return out;
    }

    /**
     * @param features one row of raw feature values
     * @return the most probable class index
     */
    public int predict(float[] features) {
        float[] p = probabilities(features);
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
