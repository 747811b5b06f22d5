package dev.probe.examples.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.examples.data.Datasets;
import dev.probe.examples.data.ImageDataset;
import dev.probe.examples.data.TabularDataset;
import dev.probe.examples.models.BundledModel;
import dev.probe.examples.models.BundledModels;
import dev.probe.examples.models.Evaluation;
import dev.probe.examples.models.LoadedModel;
import dev.probe.examples.models.TribuoClassifier;
import dev.probe.examples.models.Vae;
import dev.probe.examples.scenes.SceneQuestion;
import dev.probe.examples.scenes.SceneRenderer;
import dev.probe.examples.scenes.SceneSet;
import dev.probe.examples.scenes.SceneWorld;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tribuo.classification.Label;

/**
 * Re-trains every bundled model with a fixed seed and rewrites {@code src/main/resources/models},
 * the PNG grids in {@code model-card/} and the metrics table of {@code MODEL_CARD.md}.
 *
 * <p>Run from the repository root (needs the engine offline, see the README):
 *
 * <pre>{@code
 * DJL_OFFLINE=true OPT_OUT_TRACKING=true ./mvnw -B -pl examples -am -Ptrain-models process-classes
 * # only some models:   ... -Dprobe.train.only=mnist-cnn,mnist-vae
 * }</pre>
 *
 * <p>Each model is trained after {@code Engine.setRandomSeed(SEED)} with a {@code Random(SEED)}
 * for shuffling, so one model re-trained alone matches the same model of a full run.
 */
public final class TrainAll {
    /** The seed of every training run. */
    public static final long SEED = 20240229L;

    /** Epochs of both domain-shift LeNets over the synthetic digits. */
    private static final int DOMAIN_EPOCHS = 6;
    /** Epochs of the GAN (the CPU budget: see the model card). */
    private static final int GAN_EPOCHS = 25;
    /** Training scenes of the scene model (rendered once, from seed 1). */
    private static final int SCENES_TRAIN = 30_000;
    private static final Map<BundledModel, Object> SETTINGS = new LinkedHashMap<>();
    /** Results of models trained as a by-product of another (checkpoints), by id. */
    private static final Map<String, TrainResult> BY_PRODUCTS = new LinkedHashMap<>();

    static {
        SETTINGS.put(BundledModel.MNIST_CNN, new ClassifierTraining.Settings(6, 64, 1e-3f));
        SETTINGS.put(BundledModel.FASHION_CNN, new ClassifierTraining.Settings(3, 64, 1e-3f));
        SETTINGS.put(BundledModel.MNIST_MLP, new ClassifierTraining.Settings(15, 128, 1e-3f));
        SETTINGS.put(BundledModel.MNIST_C1_CNN, new ClassifierTraining.Settings(5, 64, 1e-3f));
        SETTINGS.put(BundledModel.FASHION_C1_CNN, new ClassifierTraining.Settings(2, 64, 1e-3f));
        // the baseline is the adapted model's training run with the adaptation switched off (λ = β = 0)
        SETTINGS.put(BundledModel.SYNTH_LENET, new DomainAdaptationTraining.Settings(DOMAIN_EPOCHS, 64, 0.01f, 0f, 500, 0f));
        SETTINGS.put(BundledModel.SYNTH_LENET_DANN,
                new DomainAdaptationTraining.Settings(DOMAIN_EPOCHS, 64, 0.01f, 0.3f, 500, 0.5f));
        // The two main VAEs get the longer budgets; class-excluded and C2 VAEs shorter ones.
        SETTINGS.put(BundledModel.MNIST_VAE, new VaeTraining.Settings(60, 128, 1e-3f));
        SETTINGS.put(BundledModel.FASHION_VAE, new VaeTraining.Settings(15, 128, 1e-3f));
        SETTINGS.put(BundledModel.CLEVR_COUNTER, new ClassifierTraining.Settings(8, 64, 1e-3f));
        SETTINGS.put(BundledModel.MNIST_GAN, new GanTraining.Settings(GAN_EPOCHS, 64, 2e-4f));
        VaeTraining.Settings mnistVae = new VaeTraining.Settings(15, 128, 1e-3f);
        VaeTraining.Settings fashionVae = new VaeTraining.Settings(8, 128, 1e-3f);
        for (BundledModel m : BundledModel.values()) {
            if (m.kind() == BundledModel.Kind.VAE && !SETTINGS.containsKey(m)) {
                SETTINGS.put(m, m.dataset().equals("mnist") ? mnistVae : fashionVae);
            }
        }
    }

    private TrainAll() {}

    /**
     * @param args optional model ids to train (default: all, or {@code -Dprobe.train.only})
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        Path examples = Path.of(System.getProperty("probe.examples.dir", "examples")).toAbsolutePath();
        if (!Files.isDirectory(examples.resolve("src/main/resources"))) {
            throw new IllegalStateException("examples module not found at " + examples
                    + "; run from the repository root or set -Dprobe.examples.dir");
        }
        Path modelsDir = examples.resolve("src/main/resources/models");
        Path cardDir = examples.resolve("model-card");
        Set<String> only = new TreeSet<>(Arrays.asList(args));
        String prop = System.getProperty("probe.train.only", "");
        if (!prop.isBlank()) {
            only.addAll(Arrays.asList(prop.split(",")));
        }
        Path metricsFile = modelsDir.resolve("metrics.properties");
        Map<String, Map<String, String>> metrics = readMetrics(metricsFile);
        for (BundledModel spec : BundledModel.values()) {
            if (!only.isEmpty() && !only.contains(spec.id()) || spec == BundledModel.SYNTH_LENET_DANN_CKPT) {
                continue; // the checkpoint is written by the run of SYNTH_LENET_DANN
            }
            System.out.println("== training " + spec.id());
            TrainResult r = new TrainResult(spec.id());
            r.put("seed", SEED);
            train(spec, modelsDir, cardDir, r);
            System.out.println("   " + r);
            metrics.put(spec.id(), r.metrics());
            BY_PRODUCTS.forEach((id, extra) -> metrics.put(id, extra.metrics()));
            BY_PRODUCTS.clear();
            writeMetrics(metricsFile, metrics);
        }
        ModelCardTable.update(examples.resolve("MODEL_CARD.md"), metrics);
    }

    private static void train(BundledModel spec, Path modelsDir, Path cardDir, TrainResult r) throws Exception {
        Engine.getInstance().setRandomSeed((int) SEED);
        Path dir = modelsDir.resolve(spec.id());
        clean(dir);
        long t0 = System.nanoTime();
        switch (spec.kind()) {
            case IMAGE_CLASSIFIER: {
                if (spec.dataset().equals("synth-digits")) {
                    trainDomainShift(spec, modelsDir, cardDir, r, t0);
                    break;
                }
                ImageDataset train = images(spec, true);
                ImageDataset test = images(spec, false);
                try (Model m = ClassifierTraining.train(spec, train,
                        (ClassifierTraining.Settings) SETTINGS.get(spec), SEED, r)) {
                    r.put("trainSeconds", seconds(t0));
                    save(m, dir);
                }
                evaluateClassifier(spec, dir, r);
                break;
            }
            case VAE: {
                ImageDataset train = images(spec, true);
                ImageDataset test = images(spec, false);
                try (Model m = VaeTraining.train(spec, train, (VaeTraining.Settings) SETTINGS.get(spec), SEED, r)) {
                    r.put("trainSeconds", seconds(t0));
                    save(m, dir);
                }
                try (LoadedModel loaded = BundledModels.load(spec, dir)) {
                    ImageDataset own = test.onlyClasses(spec.classes());
                    r.put("testSize", own.size());
                    r.put("testNegElbo", VaeTraining.testLoss(loaded.model(), spec, test));
                    vaeChecks(loaded, own, cardDir, r);
                }
                break;
            }
            case GAN: {
                ImageDataset train = images(spec, true);
                try (Model m = GanTraining.train(spec, train, (GanTraining.Settings) SETTINGS.get(spec), SEED, r)) {
                    r.put("trainSeconds", seconds(t0));
                    save(m, dir);
                }
                try (LoadedModel loaded = BundledModels.load(spec, dir)) {
                    generatorChecks(loaded, cardDir, r);
                }
                break;
            }
            case SCENE_CLASSIFIER: {
                SceneSet train = SceneSet.draw(SceneWorld.clevr(), SCENES_TRAIN, 1L);
                r.put("renderSeconds", seconds(t0));
                try (Model m = SceneTraining.train(spec, train, (ClassifierTraining.Settings) SETTINGS.get(spec), SEED, r)) {
                    r.put("trainSeconds", seconds(t0));
                    save(m, dir);
                }
                SceneSet test = sceneTest();
                writeSceneGrid(test, cardDir.resolve(spec.id() + "-scenes.png"));
                try (LoadedModel loaded = BundledModels.load(spec, dir)) {
                    r.put("testSize", test.size());
                    Map<SceneQuestion, Double> acc = SceneTraining.accuracies(loaded.block(), loaded.parameterStore(), test);
                    acc.forEach((q, a) -> r.put("testAccuracy." + q.name().toLowerCase(java.util.Locale.ROOT), a));
                    r.put("testAccuracy", acc.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow());
                }
                break;
            }
            case TABULAR_CLASSIFIER: {
                TabularDataset train = tabular(spec, true);
                TabularDataset test = tabular(spec, false);
                try (Model m = TabularTraining.trainLogisticRegression(spec, train, r)) {
                    r.put("trainSeconds", seconds(t0));
                    save(m, dir);
                }
                try (LoadedModel loaded = BundledModels.load(spec, dir)) {
                    r.put("testSize", test.size());
                    r.put("testAccuracy", Evaluation.accuracy(loaded, test));
                }
                break;
            }
            case TRIBUO: {
                TabularDataset train = tabular(spec, true);
                TabularDataset test = tabular(spec, false);
                boolean tree = spec.id().endsWith("-tree");
                org.tribuo.Model<Label> m = tree ? TabularTraining.trainTree(train, 6, SEED)
                        : TabularTraining.trainForest(train, 100, SEED);
                r.put("trainSeconds", seconds(t0));
                r.put("trainSize", train.size()).put(tree ? "maxDepth" : "trees", tree ? 6 : 100);
                Path file = dir.resolve(spec.id() + ".tribuo");
                TabularTraining.save(m, file);
                try (InputStream in = Files.newInputStream(file)) {
                    TribuoClassifier loaded = TribuoClassifier.read(in, train.featureNames(), train.classNames());
                    r.put("testSize", test.size());
                    r.put("testAccuracy", Evaluation.accuracy(loaded, test));
                }
                break;
            }
            default:
                throw new IllegalStateException(spec.kind().toString());
        }
    }

    /** Test accuracy on the model's test split; for synthetic-digit models MNIST's, and their source accuracy too. */
    private static void evaluateClassifier(BundledModel spec, Path dir, TrainResult r)
            throws IOException, ai.djl.MalformedModelException {
        ImageDataset test = images(spec, false);
        try (LoadedModel loaded = BundledModels.load(spec, dir)) {
            r.put("testSize", test.onlyClasses(spec.classes()).size());
            r.put("testAccuracy", Evaluation.accuracy(loaded, test));
            if (spec.dataset().equals("synth-digits")) {
                r.put("sourceTestAccuracy", Evaluation.accuracy(loaded, Datasets.synthDigitsTest()));
            }
        }
    }

    /**
     * The domain-shift LeNets: labelled synthetic digits and unlabelled MNIST digits, with (DANN) or without
     * (baseline) adaptation; the DANN run also writes its checkpoint one epoch before the end.
     */
    private static void trainDomainShift(BundledModel spec, Path modelsDir, Path cardDir, TrainResult r, long t0) throws Exception {
        DomainAdaptationTraining.Settings s = (DomainAdaptationTraining.Settings) SETTINGS.get(spec);
        boolean adapted = spec == BundledModel.SYNTH_LENET_DANN;
        BundledModel ckpt = BundledModel.SYNTH_LENET_DANN_CKPT;
        Path ckptDir = modelsDir.resolve(ckpt.id());
        TrainResult ckptResult = new TrainResult(ckpt.id());
        ImageDataset mnistTest = Datasets.mnistTest();
        if (adapted) {
            clean(ckptDir);
        } else {
            try (NDManager nm = NDManager.newBaseManager()) {
                ImageGrid.write(Datasets.synthDigitsTrain().images(nm, 0, 128), 16, cardDir.resolve("synth-digits.png"));
            }
        }
        try (Model m = DomainAdaptationTraining.train(spec, Datasets.synthDigitsTrain(), Datasets.mnistTrain(), s, SEED, r,
                (epoch, lenet) -> {
                    try (Model c = DomainAdaptationTraining.snapshot(spec, lenet)) {
                        System.out.printf("    MNIST test accuracy %.4f (monitoring only)%n", Evaluation.accuracy(
                                c.getBlock(), new ai.djl.training.ParameterStore(c.getNDManager(), false), mnistTest,
                                spec.classes()));
                        if (adapted && epoch == s.epochs() - 1) {
                            save(c, ckptDir, ckpt.id());
                            ckptResult.put("seed", SEED).put("epochs", epoch).put("checkpointOf", spec.id());
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })) {
            r.put("trainSeconds", seconds(t0));
            save(m, modelsDir.resolve(spec.id()));
        }
        evaluateClassifier(spec, modelsDir.resolve(spec.id()), r);
        if (adapted) {
            r.metrics().forEach((k, v) -> {
                if (!ckptResult.metrics().containsKey(k) && !k.equals("trainSeconds") && !k.startsWith("final")) {
                    ckptResult.put(k, v);
                }
            });
            evaluateClassifier(ckpt, ckptDir, ckptResult);
            BY_PRODUCTS.put(ckpt.id(), ckptResult);
        }
    }

    /** Recognisability of a VAE: PNG grids, and the bundled classifier's view of its outputs. */
    private static void vaeChecks(LoadedModel vae, ImageDataset test, Path cardDir, TrainResult r)
            throws IOException, ai.djl.MalformedModelException {
        BundledModel judge = vae.spec().dataset().equals("mnist") ? BundledModel.MNIST_CNN : BundledModel.FASHION_CNN;
        Engine.getInstance().setRandomSeed((int) SEED);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = test.images(m, 0, Math.min(32, test.size()));
            NDArray recon = vae.decode(vae.encodeMean(x));
            // rows of 16: originals, reconstructions, originals, reconstructions
            NDArray grid = ai.djl.ndarray.NDArrays.concat(new NDList(x.get("0:16"), recon.get("0:16"), x.get("16:32"),
                    recon.get("16:32")));
            ImageGrid.write(grid, 16, cardDir.resolve(vae.spec().id() + "-reconstructions.png"));
            NDArray z = m.randomNormal(new Shape(1000, Vae.LATENT));
            NDArray prior = vae.decode(z);
            ImageGrid.write(prior.get("0:128"), 16, cardDir.resolve(vae.spec().id() + "-prior.png"));
            Path judgeDir = cardDir.getParent().resolve("src/main/resources/models").resolve(judge.id());
            if (Files.exists(judgeDir)) {
                try (LoadedModel cnn = BundledModels.load(judge, judgeDir)) {
                    NDArray all = test.images(m);
                    NDArray allRecon = vae.decode(vae.encodeMean(all));
                    int[] pred = argMax(cnn.forward(allRecon));
                    int correct = 0;
                    for (int i = 0; i < pred.length; i++) {
                        correct += pred[i] == test.label(i) ? 1 : 0;
                    }
                    r.put("reconstructionAccuracy", (double) correct / pred.length);
                    r.put("reconstructionJudge", judge.id());
                    NDArray probs = cnn.forward(prior).softmax(1);
                    float[] maxP = probs.max(new int[] {1}).toFloatArray();
                    int confident = 0;
                    for (float p : maxP) {
                        confident += p > 0.9f ? 1 : 0;
                    }
                    r.put("priorConfidentFraction", (double) confident / maxP.length);
                }
            }
        }
    }

    /** A GAN's prior samples: PNG grid, the bundled CNN's confidence on them and their mid-tone fraction. */
    private static void generatorChecks(LoadedModel gan, Path cardDir, TrainResult r)
            throws IOException, ai.djl.MalformedModelException {
        Engine.getInstance().setRandomSeed((int) SEED);
        Path judgeDir = cardDir.getParent().resolve("src/main/resources/models").resolve(BundledModel.MNIST_CNN.id());
        try (NDManager m = NDManager.newBaseManager(); LoadedModel cnn = BundledModels.load(BundledModel.MNIST_CNN, judgeDir)) {
            NDArray prior = gan.decode(m.randomNormal(new Shape(1000, Vae.LATENT)));
            ImageGrid.write(prior.get("0:128"), 16, cardDir.resolve(gan.spec().id() + "-prior.png"));
            float[] maxP = cnn.forward(prior).softmax(1).max(new int[] {1}).toFloatArray();
            int confident = 0;
            for (float p : maxP) {
                confident += p > 0.9f ? 1 : 0;
            }
            r.put("priorConfidentFraction", (double) confident / maxP.length);
            r.put("priorMidtoneFraction", Sharpness.midtoneFraction(prior.toFloatArray()));
        }
    }

    /** The first 32 test scenes with their true answers, as a PNG grid for the model card. */
    static void writeSceneGrid(SceneSet test, Path png) {
        double[][] pixels = new double[32][];
        String[] captions = new String[32];
        for (int i = 0; i < 32; i++) {
            pixels[i] = SceneWorld.clevr().render(test.attributes(i));
            captions[i] = test.answer(i, SceneQuestion.OBJECTS) + " obj, " + test.answer(i, SceneQuestion.BLUE_SPHERES)
                    + " blue sph";
        }
        dev.probe.core.render.ImageGrid.rgb(SceneRenderer.SIDE, SceneRenderer.SIDE).withColumns(8)
                .withTitle("Test scenes of clevr-counter (true answers: objects, blue spheres)").write(png, pixels, captions);
    }

    /** @return the scene model's 2,000 test scenes (seed 2), also used by the model tests */
    public static SceneSet sceneTest() {
        return SceneSet.draw(SceneWorld.clevr(), 2_000, 2L);
    }

    private static int[] argMax(NDArray logits) {
        return logits.argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
    }

    private static ImageDataset images(BundledModel spec, boolean train) {
        if (spec.dataset().equals("synth-digits")) {
            return train ? Datasets.synthDigitsTrain() : Datasets.mnistTest(); // tested on the target domain
        }
        boolean mnist = spec.dataset().equals("mnist");
        if (mnist) {
            return train ? Datasets.mnistTrain() : Datasets.mnistTest();
        }
        return train ? Datasets.fashionTrain() : Datasets.fashionTest();
    }

    private static TabularDataset tabular(BundledModel spec, boolean train) {
        if (spec.dataset().equals("wine")) {
            return train ? Datasets.wineTrain() : Datasets.wineTest();
        }
        return train ? Datasets.penguinsTrain() : Datasets.penguinsTest();
    }

    private static void save(Model m, Path dir) throws IOException {
        save(m, dir, m.getName());
    }

    private static void save(Model m, Path dir, String name) throws IOException {
        m.setProperty("Epoch", "0");
        Files.createDirectories(dir);
        m.save(dir, name);
    }

    private static void clean(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.collect(Collectors.toList())) {
                    Files.delete(f);
                }
            }
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static Map<String, Map<String, String>> readMetrics(Path file) throws IOException {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        for (BundledModel spec : BundledModel.values()) {
            Map<String, String> m = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>(p.stringPropertyNames());
            keys.sort(null);
            for (String k : keys) {
                if (k.startsWith(spec.id() + ".")) {
                    m.put(k.substring(spec.id().length() + 1), p.getProperty(k));
                }
            }
            if (!m.isEmpty()) {
                out.put(spec.id(), m);
            }
        }
        return out;
    }

    private static void writeMetrics(Path file, Map<String, Map<String, String>> metrics) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by dev.probe.examples.train.TrainAll: test metrics and training settings of the\n");
        sb.append("# bundled models. The tests check that the bundled weights reproduce each testAccuracy.\n");
        for (BundledModel spec : BundledModel.values()) {
            Map<String, String> m = metrics.get(spec.id());
            if (m == null) {
                continue;
            }
            m.forEach((k, v) -> sb.append(spec.id()).append('.').append(k).append('=').append(v).append('\n'));
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }
}
