package dev.probe.core.space;

import dev.probe.core.autograd.Constant;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.ChainRandom;
import java.util.Arrays;

/**
 * Samples that are model inputs themselves (tabular features): per-feature box bounds, fixed (immutable)
 * features, one-hot categorical groups kept valid, per-feature scale and an optional anchor.
 *
 * <p>Sampled coordinates: first one per free continuous feature {@code k}, {@code u = x_k / scale_k}
 * (so a unit step moves every feature by its own scale), then one per one-hot group. Fixed features are
 * not sampled at all; {@link #toInput} writes their values into every input.
 *
 * <p>One-hot groups. A group of {@code K} columns is one coordinate {@code v ∈ [−0.5, K − 0.5]} mapped to
 * the one-hot vector of category {@code round(v)}. Each category owns a cell of width exactly 1, so the
 * marginal of {@code round(v)} under {@code exp(−U)} is exactly the categorical target with a uniform
 * prior, whatever kernel moves {@code v}: MH proposals are accepted with the exact ratio, and MALA sees
 * the true (almost-everywhere zero) gradient in {@code v} and so moves it as an exact random walk. Inputs
 * are always valid one-hot vectors; no softmax relaxation is involved.
 *
 * <pre>{@code
 * InputSpace space = InputSpace.builder(5)
 *         .bounds(new double[] {0, 0, 0, 0, 18}, new double[] {10, 1, 1, 1, 90})
 *         .oneHot(1, 2, 3)           // e.g. employment type
 *         .fix(4, 45)                // age is immutable
 *         .scale(0, 2.5)
 *         .anchor(new double[] {3, 0, 1, 0, 45})
 *         .build();
 * }</pre>
 */
public final class InputSpace implements SampleSpace {
    private final InputLayout layout;
    private final double[] anchor;
    private final String[] names;

    InputSpace(InputLayout layout, double[] anchor, String[] names) {
        this.layout = layout;
        this.anchor = anchor;
        this.names = names;
    }

    /** The features' names ({@link InputSpaceBuilder#names}), or {@code x_0, x_1, …} when none were given. */
    public java.util.List<String> featureNames() {
        return names != null ? java.util.List.of(names)
                : java.util.stream.IntStream.range(0, inputDimension()).mapToObj(k -> "x_" + k).toList();
    }

    /** What each sampled coordinate is, in the features' names ("income / 2.5" when scaled; one-hot groups last). */
    @Override
    public java.util.List<String> coordinateNames() {
        return layout.coordinateNames(featureNames());
    }

    /** The feature columns of each one-hot group ({@link InputSpaceBuilder#oneHot}), in the order they were declared. */
    public java.util.List<int[]> oneHotGroups() {
        return java.util.Arrays.stream(layout.groups()).map(int[]::clone).toList();
    }

    /** A builder for inputs of {@code features} features (unbounded, free, scale 1 until told otherwise). */
    public static InputSpaceBuilder builder(int features) {
        return new InputSpaceBuilder(features);
    }

    /** The whole box {@code [lower, upper]} with every feature free. */
    public static InputSpace box(double[] lower, double[] upper) {
        return builder(lower.length).bounds(lower, upper).build();
    }

    @Override
    public int dimension() {
        return layout.coordinates();
    }

    @Override
    public int inputDimension() {
        return layout.features();
    }

    @Override
    public Box bounds() {
        return layout.coordinateBox();
    }

    @Override
    public NDArray toInput(NDArray s) {
        long rows = s.getShape().get(0);
        NDArray continuous = s.matMul(s.getManager().create(layout.placement(), new Shape(dimension(), inputDimension())));
        NDArray x = continuous.add(s.getManager().create(layout.offset()));
        int[][] groups = layout.groups();
        int first = layout.continuousCount();
        for (int g = 0; g < groups.length; g++) {
            int levels = groups[g].length;
            NDArray v = s.get(":, " + (first + g)).reshape(rows, 1).round().clip(0, levels - 1);
            NDArray onehot = v.eq(s.getManager().arange(levels).toType(s.getDataType(), false)).toType(s.getDataType(), false);
            float[] place = new float[levels * inputDimension()];
            for (int j = 0; j < levels; j++) {
                place[j * inputDimension() + groups[g][j]] = 1f;
            }
            x = x.add(onehot.matMul(s.getManager().create(place, new Shape(levels, inputDimension()))));
        }
        return x.toType(s.getDataType(), false);
    }

    @Override
    public double[][] toInputs(double[][] s) {
        double[][] out = new double[s.length][];
        for (int r = 0; r < s.length; r++) {
            out[r] = layout.input(s[r]);
        }
        return out;
    }

    /** The sampled coordinates of a full input {@code x} (fixed features are dropped). */
    public double[] toCoordinates(double[] x) {
        return layout.coordinates(x);
    }

    @Override
    public NDArray priorEnergy(NDArray s) {
        return s.sum(new int[] {1}).mul(Constant.of(s, 0)).toType(DataType.FLOAT32, false);
    }

    @Override
    public boolean isDifferentiable() {
        return true;
    }

    @Override
    public double[][] initialPositions(int chains, ChainRandom random) {
        double[][] out = new double[chains][];
        for (int c = 0; c < chains; c++) {
            out[c] = anchor != null ? layout.coordinates(anchor) : Starts.inside(bounds(), random);
        }
        return out;
    }

    /** True when every sampled coordinate is bounded: the prior is then uniform on the box. */
    @Override
    public boolean hasProperPrior() {
        Box box = bounds();
        for (int k = 0; k < box.dimension(); k++) {
            if (!Double.isFinite(box.lower(k)) || !Double.isFinite(box.upper(k))) {
                return false;
            }
        }
        return true;
    }

    /** Uniform draws in the coordinate box (one-hot groups: every category equally likely). */
    @Override
    public double[][] priorDraws(int n, ChainRandom random) {
        if (!hasProperPrior()) {
            SampleSpace.super.priorDraws(n, random);
        }
        Box box = bounds();
        double[][] out = new double[n][box.dimension()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < box.dimension(); k++) {
                out[i][k] = box.lower(k) + (box.upper(k) - box.lower(k)) * random.nextDouble();
            }
        }
        return out;
    }

    /** The anchor input, or {@code null}. */
    public double[] anchor() {
        return anchor == null ? null : anchor.clone();
    }

    /** Lower bound of every input feature (fixed features: their value). */
    public double[] featureLower() {
        return layout.featureLower();
    }

    /** Upper bound of every input feature (fixed features: their value). */
    public double[] featureUpper() {
        return layout.featureUpper();
    }

    @Override
    public String describe() {
        return "InputSpace[" + inputDimension() + " features, " + layout.continuousCount() + " free continuous, "
                + layout.groups().length + " one-hot groups, " + layout.fixedCount() + " fixed"
                + (anchor == null ? "" : ", anchor " + Arrays.toString(anchor)) + "]";
    }

    /** What {@code describe()} says (a query or space printed in a log reads as in reports and messages). */
    @Override
    public String toString() {
        return describe();
    }
}
