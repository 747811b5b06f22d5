package dev.probe.examples.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The catalogue of models bundled with the examples module (weights under
 * {@code src/main/resources/models/<id>/}). Each entry knows its architecture, its data set and the
 * original class labels it covers. See {@code examples/MODEL_CARD.md} for training details and
 * recorded accuracies.
 *
 * <pre>{@code
 * for (BundledModel m : BundledModel.values()) {
 *     System.out.println(m.id() + " " + m.kind() + " " + Arrays.toString(m.classes()));
 * }
 * }</pre>
 */
public enum BundledModel {
    /** MNIST CNN (Table 3 left), logits over digits 0..9. */
    MNIST_CNN("mnist-cnn", Kind.IMAGE_CLASSIFIER, "mnist", all(10), () -> ImageCnn.create(10)),
    /** MNIST MLP (1024-128-10), logits over digits 0..9, for model contrast. */
    MNIST_MLP("mnist-mlp", Kind.IMAGE_CLASSIFIER, "mnist", all(10), () -> Mlp.create(10)),
    /** Fashion-MNIST CNN (Table 3 left), logits over the 10 classes. */
    FASHION_CNN("fashion-cnn", Kind.IMAGE_CLASSIFIER, "fashion-mnist", all(10), () -> ImageCnn.create(10)),
    /** MNIST CNN trained on C1 = {0,1,3,6,9} only: logit i is digit classes()[i]. */
    MNIST_C1_CNN("mnist-c1-cnn", Kind.IMAGE_CLASSIFIER, "mnist", new int[] {0, 1, 3, 6, 9}, () -> ImageCnn.create(5)),
    /** Fashion CNN trained on C1 = {pullover, dress, sandal, shirt, ankle boot}: logit i is classes()[i]. */
    FASHION_C1_CNN("fashion-c1-cnn", Kind.IMAGE_CLASSIFIER, "fashion-mnist", new int[] {2, 3, 5, 6, 9},
            () -> ImageCnn.create(5)),
    /**
     * Domain-shift baseline (BAYES-PROBE §4.8): LeNet (Table 3 right) trained on synthetic printed digits
     * only (the adapted model's training run without adaptation); its target domain is MNIST, where its
     * accuracy is measured.
     */
    SYNTH_LENET("synth-lenet", Kind.IMAGE_CLASSIFIER, "synth-digits", all(10), () -> LeNet.create(10)),
    /**
     * The same LeNet trained on labelled synthetic and unlabelled MNIST digits with domain-adversarial
     * training (DANN) and target entropy minimisation.
     */
    SYNTH_LENET_DANN("synth-lenet-dann", Kind.IMAGE_CLASSIFIER, "synth-digits", all(10), () -> LeNet.create(10)),
    /** {@link #SYNTH_LENET_DANN} one epoch before its final weights: a close checkpoint of the same run. */
    SYNTH_LENET_DANN_CKPT("synth-lenet-dann-ckpt", Kind.IMAGE_CLASSIFIER, "synth-digits", all(10),
            () -> LeNet.create(10)),
    /** MNIST VAE, latent 5, all digits. */
    MNIST_VAE("mnist-vae", Kind.VAE, "mnist", all(10), Vae::new),
    /** MNIST VAE trained on every digit but 1. */
    MNIST_VAE_NO1("mnist-vae-no1", Kind.VAE, "mnist", allBut(10, 1), Vae::new),
    /** MNIST VAE trained on every digit but 4. */
    MNIST_VAE_NO4("mnist-vae-no4", Kind.VAE, "mnist", allBut(10, 4), Vae::new),
    /** MNIST VAE trained on every digit but 7. */
    MNIST_VAE_NO7("mnist-vae-no7", Kind.VAE, "mnist", allBut(10, 7), Vae::new),
    /** MNIST VAE trained on C2 = {2,4,5,7,8} (novel classes for {@link #MNIST_C1_CNN}). */
    MNIST_C2_VAE("mnist-c2-vae", Kind.VAE, "mnist", new int[] {2, 4, 5, 7, 8}, Vae::new),
    /** MNIST DCGAN generator (latent 5, all digits), the GAN prior of BAYES-PROBE; see {@link Gan}. */
    MNIST_GAN("mnist-gan", Kind.GAN, "mnist", all(10), Gan::generator),
    /** Fashion-MNIST VAE, latent 5, all classes. */
    FASHION_VAE("fashion-vae", Kind.VAE, "fashion-mnist", all(10), Vae::new),
    /** Fashion VAE trained on every class but 0 (T-shirt/top). */
    FASHION_VAE_NO0("fashion-vae-no0", Kind.VAE, "fashion-mnist", allBut(10, 0), Vae::new),
    /** Fashion VAE trained on every class but 8 (bag). */
    FASHION_VAE_NO8("fashion-vae-no8", Kind.VAE, "fashion-mnist", allBut(10, 8), Vae::new),
    /** Fashion VAE trained on every class but 9 (ankle boot). */
    FASHION_VAE_NO9("fashion-vae-no9", Kind.VAE, "fashion-mnist", allBut(10, 9), Vae::new),
    /** Fashion VAE trained on C2 = {T-shirt, trouser, coat, sneaker, bag}. */
    FASHION_C2_VAE("fashion-c2-vae", Kind.VAE, "fashion-mnist", new int[] {0, 1, 4, 7, 8}, Vae::new),
    /**
     * The scene model: a CNN answering five counting questions about CLEVR-like scenes
     * ({@link dev.probe.examples.scenes.SceneQuestion}); output {@code 7·q + n} is "n" for question q.
     */
    CLEVR_COUNTER("clevr-counter", Kind.SCENE_CLASSIFIER, "scenes", all(7), SceneCounter::create),
    /** Wine logistic regression (DJL block, raw 13 features in, 3 logits out). */
    WINE_LOGREG("wine-logreg", Kind.TABULAR_CLASSIFIER, "wine", all(3), () -> new LogisticRegression(13, 3)),
    /** Penguins logistic regression (4 numeric + 5 one-hot features in, 3 logits out). */
    PENGUINS_LOGREG("penguins-logreg", Kind.TABULAR_CLASSIFIER, "penguins", all(3),
            () -> new LogisticRegression(9, 3)),
    /** Wine random forest (Tribuo, 100 CART trees). */
    WINE_FOREST("wine-forest", Kind.TRIBUO, "wine", all(3), null),
    /** Wine single decision tree (Tribuo CART). */
    WINE_TREE("wine-tree", Kind.TRIBUO, "wine", all(3), null),
    /** Penguins random forest (Tribuo, 100 CART trees). */
    PENGUINS_FOREST("penguins-forest", Kind.TRIBUO, "penguins", all(3), null);

    /** What a bundled model is. */
    public enum Kind {
        /** DJL block: {@code [N,1,28,28]} in [0,1] → logits {@code [N, classes().length]}. */
        IMAGE_CLASSIFIER,
        /** DJL {@link Vae}: decoder {@code [N,5]} → {@code [N,1,28,28]} in [0,1]. */
        VAE,
        /** DJL generator block of a GAN: latent {@code [N,5]} → {@code [N,1,28,28]} in [0,1]. */
        GAN,
        /**
         * DJL block: scenes {@code [N,3,40,40]} in [0,1] → logits {@code [N, 5·7]}, seven answers (counts 0..6)
         * to each of five questions ({@link SceneCounter}).
         */
        SCENE_CLASSIFIER,
        /** DJL block: raw features {@code [N,d]} → logits {@code [N, classes().length]}. */
        TABULAR_CLASSIFIER,
        /** Tribuo model (black box), see {@link TribuoClassifier}. */
        TRIBUO
    }

    private final String id;
    private final Kind kind;
    private final String dataset;
    private final int[] classes;
    private final Supplier<Block> architecture;

    BundledModel(String id, Kind kind, String dataset, int[] classes, Supplier<Block> architecture) {
        this.id = id;
        this.kind = kind;
        this.dataset = dataset;
        this.classes = classes;
        this.architecture = architecture;
    }

    /** @return the id, also the resource folder and parameter-file name, e.g. {@code "mnist-cnn"} */
    public String id() {
        return id;
    }

    /** @return what kind of model this is */
    public Kind kind() {
        return kind;
    }

    /**
     * @return the training data: {@code mnist}, {@code fashion-mnist}, {@code wine}, {@code penguins}, or
     *     {@code synth-digits} (printed digits; such models are tested on MNIST, their target domain)
     */
    public String dataset() {
        return dataset;
    }

    /**
     * @return the original labels the model covers; for classifiers, output index {@code i} is the
     *     original label {@code classes()[i]}
     */
    public int[] classes() {
        return classes.clone();
    }

    /** @return true for DJL models (everything but {@link Kind#TRIBUO}) */
    public boolean isDjl() {
        return kind != Kind.TRIBUO;
    }

    /**
     * @return a new, uninitialised block of this model's architecture
     * @throws UnsupportedOperationException for Tribuo models
     */
    public Block newBlock() {
        if (architecture == null) {
            throw new UnsupportedOperationException(id + " is not a DJL model");
        }
        return architecture.get();
    }

    /** @return the input shape with a batch of 1, for {@code Block.initialize} */
    public Shape inputShape() {
        switch (kind) {
            case TABULAR_CLASSIFIER:
                return new Shape(1, ((LogisticRegression) newBlock()).numFeatures());
            case TRIBUO:
                throw new UnsupportedOperationException(id + " is not a DJL model");
            case GAN:
                return new Shape(1, Gan.LATENT);
            case SCENE_CLASSIFIER:
                return SceneCounter.INPUT_SHAPE;
            default:
                return new Shape(1, 1, 28, 28);
        }
    }

    /**
     * @param id a model id such as {@code "mnist-vae"}
     * @return the catalogue entry
     */
    public static BundledModel byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bundled model " + id));
    }

    private static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }

    private static int[] allBut(int n, int excluded) {
        return IntStream.range(0, n).filter(c -> c != excluded).toArray();
    }
}
