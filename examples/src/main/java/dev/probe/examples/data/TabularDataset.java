package dev.probe.examples.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A small numeric table with integer class labels: {@code features[i][j]} is feature {@code j} of
 * row {@code i}, in raw units (no scaling). Categorical columns appear one-hot encoded as
 * {@code column=value} features (0 or 1).
 *
 * <pre>{@code
 * TabularDataset wine = Datasets.wineTrain();        // 142 x 13, classes class_0..class_2
 * try (NDManager m = NDManager.newBaseManager()) {
 *     NDArray x = wine.features(m);                   // [142, 13] float32
 * }
 * }</pre>
 */
public final class TabularDataset {
    private final String name;
    private final List<String> featureNames;
    private final float[][] features;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * @param name short name, e.g. {@code "wine-test"}
     * @param featureNames one name per column
     * @param features row-major values, one array per row
     * @param labels class index per row
     * @param classNames class names indexed by label
     */
    public TabularDataset(String name, List<String> featureNames, float[][] features, int[] labels,
            List<String> classNames) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException("rows and labels differ");
        }
        this.name = name;
        this.featureNames = List.copyOf(featureNames);
        this.features = features;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
    }

    /** @return the data set's name */
    public String name() {
        return name;
    }

    /** @return number of rows */
    public int size() {
        return labels.length;
    }

    /** @return number of feature columns */
    public int numFeatures() {
        return featureNames.size();
    }

    /** @return column names */
    public List<String> featureNames() {
        return featureNames;
    }

    /** @return class names indexed by label */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * @param i row index
     * @return a copy of row {@code i}
     */
    public float[] row(int i) {
        return features[i].clone();
    }

    /**
     * @param i row index
     * @return the label of row {@code i}
     */
    public int label(int i) {
        return labels[i];
    }

    /** @return a copy of all labels */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * @param manager owner of the result
     * @return all rows as a {@code [N, numFeatures]} float32 tensor
     */
    public NDArray features(NDManager manager) {
        int d = numFeatures();
        float[] buf = new float[size() * d];
        for (int i = 0; i < size(); i++) {
            System.arraycopy(features[i], 0, buf, i * d, d);
        }
        return manager.create(buf, new Shape(size(), d));
    }

    /**
     * @param manager owner of the result
     * @return all labels as an int32 tensor of shape {@code [N]}
     */
    public NDArray labels(NDManager manager) {
        return manager.create(labels.clone());
    }

    /** @return per-column means */
    public float[] columnMeans() {
        float[] mean = new float[numFeatures()];
        for (float[] r : features) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += r[j] / size();
            }
        }
        return mean;
    }

    /** @return per-column population standard deviations (1 where a column is constant) */
    public float[] columnStds() {
        float[] mean = columnMeans();
        float[] sd = new float[numFeatures()];
        for (float[] r : features) {
            for (int j = 0; j < sd.length; j++) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / size();
            }
        }
        for (int j = 0; j < sd.length; j++) {
            sd[j] = sd[j] > 0 ? (float) Math.sqrt(sd[j]) : 1f;
        }
        return sd;
    }

    @Override
    public String toString() {
        return name + " (" + size() + " x " + numFeatures() + ")";
    }
}
