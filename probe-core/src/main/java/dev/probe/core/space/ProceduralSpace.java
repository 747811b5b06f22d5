package dev.probe.core.space;

import dev.probe.core.autograd.Constant;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.sampler.MixedProposal;
import dev.probe.core.sampler.Proposal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A procedural generator (BAYES-PROBE §3 and §4.2, CLEVR scenes): the sampler moves latent attributes,
 * some categorical (shape kind, colour) and some continuous (position, size), and a user-written renderer
 * {@code double[] attributes → double[] input} draws the model input. The prior is uniform: over the
 * categories of each categorical attribute and over the box of each continuous one. Rendering is not
 * differentiable, so its particles and chains move by random-walk Metropolis–Hastings with the paper's proposal
 * ({@link MixedProposal}; level-set probes over this proper prior are sampled by SMC populations with these moves):
 * every attribute keeps its value with probability {@code keep} (0.8 by default); a categorical one that moves
 * jumps to a uniformly chosen other value, a continuous one takes a Gaussian step of a tenth of its range (times
 * the step size warm-up tunes), reflected at its bounds; a proposal that would move nothing moves one attribute
 * chosen uniformly. Moving few attributes at a time (the paper's proposal moved every continuous one) lets the
 * attributes a question does not depend on, such as a scene's unused object slots, mix: a proposal that leaves the
 * relevant ones alone is always accepted. Categorical attributes are always whole numbers {@code 0..K−1} in the
 * results' latents.
 *
 * <pre>{@code
 * ProceduralSpace scenes = ProceduralSpace.builder("shapes")
 *         .categorical("kind", 2)            // 0 square, 1 disc: this generator cannot draw triangles
 *         .continuous("x", 0, 16).continuous("y", 0, 16).continuous("size", 2, 6)
 *         .renderer(256, a -> Shapes.render(a))
 *         .build();
 * ProbeResult r = Probe.of(scenes, HighConfidence.of(classifier, TRIANGLE)).sample(config);
 * }</pre>
 */
public final class ProceduralSpace implements SampleSpace {
    private final String name;
    private final List<String> attributes;
    private final int[] levels;
    private final Box box;
    private final double keep;
    private final int inputDimension;
    private final Function<double[], double[]> renderer;
    /** Renders a batch's rows on {@link Builder#renderThreads} threads; {@code null}: on the caller's thread. */
    private final java.util.concurrent.ExecutorService renderPool;
    private final int renderThreads;
    private final List<String> featureNames;

    private ProceduralSpace(Builder b) {
        this.name = b.name;
        this.attributes = List.copyOf(b.attributes);
        this.levels = b.levels.stream().mapToInt(Integer::intValue).toArray();
        this.box = Box.of(b.lower.stream().mapToDouble(Double::doubleValue).toArray(),
                b.upper.stream().mapToDouble(Double::doubleValue).toArray());
        this.keep = b.keep;
        this.inputDimension = b.inputDimension;
        this.renderer = b.renderer;
        this.renderThreads = b.renderThreads;
        this.featureNames = b.featureNames != null ? List.of(b.featureNames)
                : java.util.stream.IntStream.range(0, b.inputDimension).mapToObj(k -> "x_" + k).toList();
        this.renderPool = b.renderThreads > 1 ? renderPool(name, b.renderThreads) : null;
    }

    /** Daemon workers that end after 30 idle seconds, so a space needs no closing. */
    private static java.util.concurrent.ExecutorService renderPool(String name, int threads) {
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(threads, threads, 30,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), task -> {
                    Thread t = new Thread(task, "probe-render-" + name + "-" + made.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** A builder for the generator {@code name}; attributes are numbered in the order they are added. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public int dimension() {
        return levels.length;
    }

    @Override
    public int inputDimension() {
        return inputDimension;
    }

    @Override
    public Box bounds() {
        return box;
    }

    /**
     * Renders one attribute vector (categorical attributes rounded to their category).
     *
     * @throws IllegalArgumentException if a value is NaN, a categorical one rounds outside {@code 0..levels−1}, or a
     *     continuous one lies outside its bounds (beyond float32 rounding): the scene would not be the one asked for
     */
    public double[] render(double[] attributes) {
        if (attributes.length != dimension()) {
            throw new IllegalArgumentException("Generator '" + name + "' has " + dimension() + " attributes " + this.attributes
                    + " but got " + attributes.length + " values.");
        }
        double[] a = attributes.clone();
        for (int k = 0; k < a.length; k++) {
            requireInRange(k, a[k]);
            if (levels[k] > 0) {
                a[k] = InputLayout.category(a[k], levels[k]);
            }
        }
        double[] x;
        try {
            x = renderer.apply(a);
        } catch (RuntimeException e) {
            // the user's exception alone named neither the generator nor the scene that broke it (a renderer that
            // throws on one background of 50 surfaced as a bare stack trace through the prior pool)
            throw new IllegalStateException("The renderer of '" + name + "' threw " + e + " at the attributes " + named(a)
                    + ". Make the renderer handle every attribute vector inside the space's bounds, or narrow the "
                    + "bounds (categories, ranges) to what it can draw.", e);
        }
        if (x == null || x.length != inputDimension) {
            throw new IllegalStateException("The renderer of '" + name + "' returned " + (x == null ? "null" : x.length
                    + " values") + " but the space declares " + inputDimension + " input features. Declare the renderer's "
                    + "real output size in renderer(size, ...).");
        }
        for (int j = 0; j < x.length; j++) {
            if (!Double.isFinite(x[j])) {
                // the model's check named only "input feature 8 of row 4 of a batch of 8", not the scene that made it
                throw new IllegalStateException("The renderer of '" + name + "' returned " + x[j] + " at input feature " + j
                        + " for the attributes " + named(a) + ". Make it draw finite values for every attribute vector "
                        + "inside the space's bounds, or narrow the bounds (categories, ranges) to what it can draw.");
            }
        }
        return x;
    }

    /** "shape = 2.0, colour = 3.0, …": an attribute vector with its names. */
    private String named(double[] a) {
        StringBuilder at = new StringBuilder();
        for (int k = 0; k < a.length; k++) {
            at.append(k == 0 ? "" : ", ").append(this.attributes.get(k)).append(" = ").append(a[k]);
        }
        return at.toString();
    }

    /**
     * Refuses a value the renderer would draw as another scene: a replayed or hand-made attribute vector of 7 for a
     * four-colour attribute was drawn as colour 3, NaN as colour 0, and a continuous value above its bound reached the
     * renderer unchecked. The samplers stay inside the bounds; the tolerance admits float32 rounding of a bound.
     */
    private void requireInRange(int k, double v) {
        String what = "Attribute '" + this.attributes.get(k) + "' of '" + name + "' ";
        if (levels[k] > 0) {
            if (Double.isNaN(v) || Math.round(v) < 0 || Math.round(v) > levels[k] - 1) {
                throw new IllegalArgumentException(what + "is categorical with values 0.." + (levels[k] - 1) + " but got " + v
                        + ". Pass one of its categories as a whole number; a value outside them is not drawn as any scene.");
            }
            return;
        }
        double lo = box.lower(k);
        double hi = box.upper(k);
        double slack = 1e-6 * Math.max(hi - lo, Math.max(Math.abs(lo), Math.abs(hi)));
        if (!(v >= lo - slack && v <= hi + slack)) {
            throw new IllegalArgumentException(what + "is continuous on [" + lo + ", " + hi + "] but got " + v
                    + ". Pass a value inside its bounds, or widen them in continuous(name, lo, hi) if the renderer draws it.");
        }
    }

    @Override
    public java.util.List<String> coordinateNames() {
        return attributes;
    }

    @Override
    public NDArray toInput(NDArray s) {
        int rows = Math.toIntExact(s.getShape().get(0));
        float[] flat = s.toType(DataType.FLOAT32, false).toFloatArray();
        double[][] a = new double[rows][dimension()];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < a[r].length; k++) {
                // the samplers' path: a proposal outside the box (a mode jump's Gaussian draw) is rendered at the
                // nearest point of the box, for an energy the kernels then discard, since they reject every proposal
                // outside the bounds; the renderer threw at it and ended a new user's default run ("Attribute 'x0'
                // … is continuous on [0.0, 1.0] but got 1.0274", seeds 1–3). NaN stays NaN and is refused.
                a[r][k] = Math.min(Math.max(flat[r * a[r].length + k], box.lower(k)), box.upper(k));
            }
        }
        double[][] x = toInputs(a);
        float[] out = new float[rows * inputDimension];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < inputDimension; j++) {
                out[r * inputDimension + j] = (float) x[r][j];
            }
        }
        return s.getManager().create(out, new Shape(rows, inputDimension)).toType(s.getDataType(), false);
    }

    /** Every row rendered ({@link #render}), on {@link Builder#renderThreads} threads; the same values on any number. */
    @Override
    public double[][] toInputs(double[][] s) {
        double[][] out = new double[s.length][];
        if (renderPool == null || s.length < 2) {
            for (int r = 0; r < s.length; r++) {
                out[r] = render(s[r]);
            }
            return out;
        }
        int parts = Math.min(renderThreads, s.length);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>(parts);
        for (int t = 0; t < parts; t++) {
            int from = (int) ((long) s.length * t / parts);
            int to = (int) ((long) s.length * (t + 1) / parts);
            done.add(renderPool.submit(() -> {
                for (int r = from; r < to; r++) {
                    out[r] = render(s[r]);
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while rendering '" + name + "'", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("The renderer of '" + name + "' failed: " + cause, cause);
            }
        }
        return out;
    }

    /** Uniform prior: zero. */
    @Override
    public NDArray priorEnergy(NDArray s) {
        return s.sum(new int[] {1}).mul(Constant.of(s, 0)).toType(DataType.FLOAT32, false);
    }

    @Override
    public boolean isDifferentiable() {
        return false;
    }

    /** Uniform draws: a category of each categorical attribute, a point of each continuous range. */
    @Override
    public double[][] initialPositions(int chains, ChainRandom random) {
        double[][] out = new double[chains][dimension()];
        for (int c = 0; c < chains; c++) {
            for (int k = 0; k < dimension(); k++) {
                out[c][k] = levels[k] > 0 ? random.nextInt(levels[k])
                        : box.lower(k) + (box.upper(k) - box.lower(k)) * random.nextDouble();
            }
        }
        return out;
    }

    @Override
    public Proposal proposal() {
        MixedProposal.Builder p = MixedProposal.builder(dimension());
        for (int k = 0; k < dimension(); k++) {
            if (levels[k] > 0) {
                p.categorical(k, levels[k], keep);
            } else {
                p.continuous(k, (box.upper(k) - box.lower(k)) / 10, 1 - keep);
            }
        }
        return p.build();
    }

    /** The uniform prior is proper: every categorical attribute has finitely many values, every continuous one a range. */
    @Override
    public boolean hasProperPrior() {
        return true;
    }

    /** Independent uniform draws (the same law as {@link #initialPositions}). */
    @Override
    public double[][] priorDraws(int n, ChainRandom random) {
        return initialPositions(n, random);
    }

    @Override
    public boolean hasDiscreteCoordinates() {
        return true;
    }

    /** Attribute names, in coordinate order. */
    public List<String> attributes() {
        return attributes;
    }

    /** Coordinate of the attribute {@code attribute}. */
    public int indexOf(String attribute) {
        int k = attributes.indexOf(attribute);
        if (k < 0) {
            throw new IllegalArgumentException("Generator '" + name + "' has no attribute '" + attribute + "'; it has "
                    + attributes);
        }
        return k;
    }

    /**
     * Names of the rendered input's features, as reports and messages print them ({@code x_0}, {@code x_1}, … unless
     * {@link Builder#featureNames} gave them).
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Number of categories of attribute {@code k}, or 0 for a continuous attribute. */
    public int levels(int k) {
        return levels[k];
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder("ProceduralSpace[" + name + ": ");
        for (int k = 0; k < dimension(); k++) {
            s.append(k == 0 ? "" : ", ").append(attributes.get(k)).append(levels[k] > 0 ? " ∈ {0.." + (levels[k] - 1) + "}"
                    : " ∈ [" + box.lower(k) + ", " + box.upper(k) + "]");
        }
        return s.append(" -> ").append(inputDimension).append(" features, keep ").append(keep).append("]").toString();
    }

    /** Builds a {@link ProceduralSpace}. */
    public static final class Builder {
        private final String name;
        private final List<String> attributes = new ArrayList<>();
        private final List<Integer> levels = new ArrayList<>();
        private final List<Double> lower = new ArrayList<>();
        private final List<Double> upper = new ArrayList<>();
        private double keep = 0.8;
        private int inputDimension;
        private Function<double[], double[]> renderer;
        private int renderThreads = 1;
        private String[] featureNames;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** A categorical attribute with values {@code 0..levels−1}, uniform a priori. */
        public Builder categorical(String attribute, int levelCount) {
            if (levelCount < 2) {
                throw new IllegalArgumentException("Categorical attribute '" + attribute + "' needs at least 2 values, got "
                        + levelCount + ". Leave a constant out of the attributes and set it in the renderer.");
            }
            return add(attribute, levelCount, 0, levelCount - 1);
        }

        /** A continuous attribute, uniform on {@code [lo, hi]}. */
        public Builder continuous(String attribute, double lo, double hi) {
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
                throw new IllegalArgumentException("Continuous attribute '" + attribute + "' needs finite bounds lo < hi, got ["
                        + lo + ", " + hi + "]. The prior is uniform on them.");
            }
            return add(attribute, 0, lo, hi);
        }

        private Builder add(String attribute, int levelCount, double lo, double hi) {
            if (attributes.contains(attribute)) {
                throw new IllegalArgumentException("Attribute '" + attribute + "' was added twice; give each attribute one name.");
            }
            attributes.add(attribute);
            levels.add(levelCount);
            lower.add(lo);
            upper.add(hi);
            return this;
        }

        /** Probability that an attribute (categorical or continuous) keeps its value in a proposal (default 0.8). */
        public Builder keep(double probability) {
            if (!(probability >= 0 && probability < 1)) {
                throw new IllegalArgumentException("Keep probability must lie in [0, 1), got " + probability);
            }
            keep = probability;
            return this;
        }

        /** The renderer: attributes (categorical ones as whole numbers) to an input of {@code features} values. */
        public Builder renderer(int features, Function<double[], double[]> render) {
            if (features < 1) {
                throw new IllegalArgumentException("The renderer must produce at least one feature, got " + features);
            }
            inputDimension = features;
            renderer = Objects.requireNonNull(render, "render");
            return this;
        }

        /**
         * Renders the rows of a batch on {@code threads} threads (default 1: the sampler's own thread). A renderer
         * drawn in Java (Java2D, a simulator) keeps one core busy while the model waits; with more threads the
         * renders of one batch run side by side, and the inputs, so the samples, are the same as with one thread.
         * The renderer must then be safe to call from several threads at once (no shared mutable state, such as a
         * reused image buffer).
         *
         * @param threads at least 1; {@code Runtime.getRuntime().availableProcessors()} uses every core
         */
        public Builder renderThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("renderThreads must be at least 1 (1: render on the sampler's thread), got "
                        + threads);
            }
            renderThreads = threads;
            return this;
        }

        /**
         * Names the rendered input's features for reports (a counterfactual's changes, plots, {@code samples.csv}): a
         * renderer that passes attributes through to a tabular model read as "x_1 60 → 112.1, x_2 3 → 0" without them.
         * One name per feature of {@link #renderer}, each its own.
         *
         * <pre>{@code
         * .renderer(3, a -> new double[] {45, a[0], a[1]}).featureNames("age", "income", "open_loans")
         * }</pre>
         */
        public Builder featureNames(String... names) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String n : names) {
                if (n == null || n.isBlank() || !seen.add(n)) {
                    throw new IllegalArgumentException("Feature names must be non-blank and distinct, got "
                            + java.util.Arrays.toString(names) + ".");
                }
            }
            featureNames = names.clone();
            return this;
        }

        public ProceduralSpace build() {
            if (attributes.isEmpty()) {
                throw new IllegalArgumentException("Generator '" + name + "' has no attributes. Add categorical(...) or "
                        + "continuous(...) attributes for the sampler to move.");
            }
            if (renderer == null) {
                throw new IllegalArgumentException("Generator '" + name + "' has no renderer. Call renderer(features, "
                        + "attributes -> input).");
            }
            if (featureNames != null && featureNames.length != inputDimension) {
                throw new IllegalArgumentException("Generator '" + name + "' names " + featureNames.length + " features "
                        + java.util.Arrays.toString(featureNames) + " but its renderer makes " + inputDimension
                        + ". Give one name per rendered feature.");
            }
            return new ProceduralSpace(this);
        }
    }

    /** What {@code describe()} says (a query or space printed in a log reads as in reports and messages). */
    @Override
    public String toString() {
        return describe();
    }
}
