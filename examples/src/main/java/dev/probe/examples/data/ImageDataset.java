package dev.probe.examples.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * An in-memory set of 28x28 grey-scale images with integer class labels, held as unsigned bytes.
 * Images become tensors of shape {@code [N, 1, 28, 28]} with float values in {@code [0, 1]}
 * (byte / 255), the input format of every bundled image model.
 *
 * <pre>{@code
 * ImageDataset train = Datasets.mnistTrain().withoutClasses(3);   // all digits but 3
 * try (NDManager m = NDManager.newBaseManager()) {
 *     NDArray x = train.images(m, 0, 64);                          // [64, 1, 28, 28]
 *     NDArray y = train.labels(m, 0, 64);                          // [64] int32
 * }
 * }</pre>
 */
public final class ImageDataset {
    /** Image side length in pixels. */
    public static final int SIDE = 28;
    /** Pixels per image. */
    public static final int PIXELS = SIDE * SIDE;

    private final String name;
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * Creates a data set.
     *
     * @param name a short name, e.g. {@code "mnist-test"}
     * @param pixels {@code labels.length * 784} unsigned bytes, image after image
     * @param labels class index per image
     * @param classNames names of the classes, indexed by label
     */
    public ImageDataset(String name, byte[] pixels, int[] labels, List<String> classNames) {
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException("pixels do not match " + labels.length + " images");
        }
        this.name = name;
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
    }

    /** @return the data set's name */
    public String name() {
        return name;
    }

    /** @return the number of images */
    public int size() {
        return labels.length;
    }

    /** @return the class names, indexed by label (e.g. "0".."9", or "T-shirt/top"..) */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * @param i image index
     * @return the label of image {@code i}
     */
    public int label(int i) {
        return labels[i];
    }

    /** @return a copy of all labels */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * @param i image index
     * @return image {@code i} as 784 floats in [0, 1], row-major
     */
    public float[] image(int i) {
        float[] out = new float[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            out[p] = (pixels[i * PIXELS + p] & 0xff) / 255f;
        }
        return out;
    }

    /**
     * @param manager owner of the result
     * @return all images as a {@code [N, 1, 28, 28]} float32 tensor in [0, 1]
     */
    public NDArray images(NDManager manager) {
        return images(manager, 0, size());
    }

    /**
     * @param manager owner of the result
     * @param from first image (inclusive)
     * @param to last image (exclusive)
     * @return images {@code from..to-1} as a {@code [to-from, 1, 28, 28]} float32 tensor in [0, 1]
     */
    public NDArray images(NDManager manager, int from, int to) {
        return images(manager, range(from, to));
    }

    /**
     * @param manager owner of the result
     * @param indices image indices, in order
     * @return the selected images as a {@code [indices.length, 1, 28, 28]} float32 tensor in [0, 1]
     */
    public NDArray images(NDManager manager, int[] indices) {
        float[] buf = new float[indices.length * PIXELS];
        for (int k = 0; k < indices.length; k++) {
            int base = indices[k] * PIXELS;
            for (int p = 0; p < PIXELS; p++) {
                buf[k * PIXELS + p] = (pixels[base + p] & 0xff) / 255f;
            }
        }
        return manager.create(buf, new Shape(indices.length, 1, SIDE, SIDE));
    }

    /**
     * @param manager owner of the result
     * @param from first image (inclusive)
     * @param to last image (exclusive)
     * @return labels {@code from..to-1} as an int32 tensor of shape {@code [to-from]}
     */
    public NDArray labels(NDManager manager, int from, int to) {
        return labels(manager, range(from, to));
    }

    /**
     * @param manager owner of the result
     * @param indices image indices, in order
     * @return the selected labels as an int32 tensor of shape {@code [indices.length]}
     */
    public NDArray labels(NDManager manager, int[] indices) {
        int[] out = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = labels[indices[k]];
        }
        return manager.create(out);
    }

    /**
     * @param keep which labels to keep
     * @return a new data set with the images whose label passes {@code keep}, in the same order
     */
    public ImageDataset filter(IntPredicate keep) {
        int[] idx = java.util.stream.IntStream.range(0, size()).filter(i -> keep.test(labels[i])).toArray();
        byte[] px = new byte[idx.length * PIXELS];
        int[] lb = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(pixels, idx[k] * PIXELS, px, k * PIXELS, PIXELS);
            lb[k] = labels[idx[k]];
        }
        return new ImageDataset(name + "-filtered", px, lb, classNames);
    }

    /**
     * @param classes labels to keep
     * @return the images of the given classes (labels unchanged)
     */
    public ImageDataset onlyClasses(int... classes) {
        return filter(l -> Arrays.stream(classes).anyMatch(c -> c == l));
    }

    /**
     * @param classes labels to drop
     * @return the images of every other class (labels unchanged)
     */
    public ImageDataset withoutClasses(int... classes) {
        return filter(l -> Arrays.stream(classes).noneMatch(c -> c == l));
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images)";
    }
}
