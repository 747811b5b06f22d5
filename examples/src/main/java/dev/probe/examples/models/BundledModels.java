package dev.probe.examples.models;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import dev.probe.examples.data.Datasets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;

/**
 * Loads the models bundled with the examples module from the classpath
 * ({@code /models/<id>/<id>-0000.params} for DJL models, {@code /models/<id>/<id>.tribuo} for
 * Tribuo models) and the metrics recorded when they were trained ({@code /models/metrics.properties}).
 *
 * <pre>{@code
 * try (LoadedModel cnn = BundledModels.load("mnist-cnn");
 *      LoadedModel vae = BundledModels.load("mnist-vae");
 *      NDManager m = NDManager.newBaseManager()) {
 *     NDArray z = m.randomNormal(new Shape(16, 5));
 *     NDArray logits = cnn.forward(vae.decode(z));     // [16, 10]
 * }
 * TribuoClassifier forest = BundledModels.loadTribuo("wine-forest");
 * }</pre>
 */
public final class BundledModels {
    /** Classpath folder of the bundled models. */
    public static final String RESOURCE_ROOT = "/models";
    /** Classpath resource with the recorded test metrics. */
    public static final String METRICS_RESOURCE = RESOURCE_ROOT + "/metrics.properties";

    private BundledModels() {}

    /**
     * @param id a model id, see {@link BundledModel#id()}
     * @return the loaded DJL model; close it when done
     */
    public static LoadedModel load(String id) {
        return load(BundledModel.byId(id));
    }

    /**
     * Loads a bundled DJL model with the default engine (PyTorch).
     *
     * @param spec the catalogue entry (not {@link BundledModel.Kind#TRIBUO})
     * @return the loaded model; close it when done
     */
    public static LoadedModel load(BundledModel spec) {
        if (!spec.isDjl()) {
            throw new IllegalArgumentException(spec.id() + " is a Tribuo model: use loadTribuo");
        }
        Model model = Model.newInstance(spec.id());
        try {
            model.setBlock(spec.newBlock());
            model.load(folderOf(spec, spec.id() + "-0000.params"), spec.id());
            return new LoadedModel(spec, model);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalStateException("cannot load bundled model " + spec.id(), e);
        }
    }

    /**
     * Loads a model from a folder of parameter files (e.g. one written by the training programs).
     *
     * @param spec the architecture to use
     * @param dir folder holding {@code <id>-NNNN.params}
     * @return the loaded model; close it when done
     * @throws IOException if the files cannot be read
     * @throws MalformedModelException if they do not fit the architecture
     */
    public static LoadedModel load(BundledModel spec, Path dir) throws IOException, MalformedModelException {
        Model model = Model.newInstance(spec.id());
        model.setBlock(spec.newBlock());
        model.load(dir, spec.id());
        return new LoadedModel(spec, model);
    }

    /**
     * @param id a Tribuo model id ({@code wine-forest}, {@code wine-tree}, {@code penguins-forest})
     * @return the classifier
     */
    public static TribuoClassifier loadTribuo(String id) {
        BundledModel spec = BundledModel.byId(id);
        if (spec.kind() != BundledModel.Kind.TRIBUO) {
            throw new IllegalArgumentException(id + " is a DJL model: use load");
        }
        String resource = RESOURCE_ROOT + "/" + id + "/" + id + ".tribuo";
        InputStream in = BundledModels.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        boolean wine = spec.dataset().equals("wine");
        List<String> features = wine ? Datasets.wineTrain().featureNames() : Datasets.penguinsTrain().featureNames();
        List<String> classes = wine ? Datasets.WINE_CLASSES : Datasets.PENGUIN_CLASSES;
        return TribuoClassifier.read(in, features, classes);
    }

    /**
     * @return the metrics recorded by the training run ({@code <id>.testAccuracy},
     *     {@code <id>.trainSeconds}, ...)
     */
    public static Properties recordedMetrics() {
        Properties p = new Properties();
        try (InputStream in = BundledModels.class.getResourceAsStream(METRICS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + METRICS_RESOURCE);
            }
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param spec a bundled model
     * @return its test accuracy as recorded at training time
     */
    public static double recordedTestAccuracy(BundledModel spec) {
        String v = recordedMetrics().getProperty(spec.id() + ".testAccuracy");
        if (v == null) {
            throw new IllegalStateException("no recorded accuracy for " + spec.id());
        }
        return Double.parseDouble(v);
    }

    /** Finds the folder of a model resource, copying it out of a jar if needed. */
    private static Path folderOf(BundledModel spec, String file) throws IOException {
        String resource = RESOURCE_ROOT + "/" + spec.id() + "/" + file;
        URL url = BundledModels.class.getResource(resource);
        if (url == null) {
            throw new IOException("missing resource " + resource);
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Paths.get(url.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        Path dir = Files.createTempDirectory("probe-model-" + spec.id());
        dir.toFile().deleteOnExit();
        Path target = dir.resolve(file);
        try (InputStream in = url.openStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        target.toFile().deleteOnExit();
        return dir;
    }
}
