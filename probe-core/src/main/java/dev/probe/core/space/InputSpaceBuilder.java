package dev.probe.core.space;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds an {@link InputSpace}; every inconsistency is reported at {@link #build()} with its fix.
 *
 * <pre>{@code
 * InputSpace s = InputSpace.builder(3).bounds(lo, hi).fix(2, 1.0).anchor(x0).build();
 * }</pre>
 */
public final class InputSpaceBuilder {
    private final int features;
    private final double[] lower;
    private final double[] upper;
    private final double[] scale;
    private final boolean[] fixed;
    private final double[] fixedValues;
    private final List<int[]> groups = new ArrayList<>();
    private double[] anchor;
    private String[] names;

    InputSpaceBuilder(int features) {
        if (features < 1) {
            throw new IllegalArgumentException("An input space needs at least one feature, got " + features);
        }
        this.features = features;
        lower = new double[features];
        upper = new double[features];
        Arrays.fill(lower, Double.NEGATIVE_INFINITY);
        Arrays.fill(upper, Double.POSITIVE_INFINITY);
        scale = new double[features];
        Arrays.fill(scale, 1);
        fixed = new boolean[features];
        fixedValues = new double[features];
    }

    /** Bounds of every feature. */
    public InputSpaceBuilder bounds(double[] lo, double[] hi) {
        if (lo.length != features || hi.length != features) {
            throw new IllegalArgumentException("Bounds have " + lo.length + " lower and " + hi.length + " upper values for "
                    + features + " features. Give one bound per feature.");
        }
        for (int k = 0; k < features; k++) {
            bound(k, lo[k], hi[k]);
        }
        return this;
    }

    /**
     * One name per feature ({@code "income", "debt ratio", …}), shown by reports (the features plot) instead of
     * {@code x_0, x_1, …}.
     */
    public InputSpaceBuilder names(String... featureNames) {
        if (featureNames.length != features) {
            throw new IllegalArgumentException("Got " + featureNames.length + " feature names for " + features
                    + " features. Give one name per feature.");
        }
        for (int k = 0; k < features; k++) {
            if (featureNames[k] == null || featureNames[k].isBlank()) {
                throw new IllegalArgumentException("Feature " + k + " has no name. Give every feature a non-blank name.");
            }
            for (int j = 0; j < k; j++) {
                if (featureNames[j].equals(featureNames[k])) {
                    // reports, CSV columns and counterfactual changes are keyed by name: two would be one
                    throw new IllegalArgumentException("Features " + j + " and " + k + " are both named '" + featureNames[k]
                            + "'. Give every feature its own name.");
                }
            }
        }
        names = featureNames.clone();
        return this;
    }

    /** Bounds of feature {@code k}. */
    public InputSpaceBuilder bound(int k, double lo, double hi) {
        check(k);
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            throw new IllegalArgumentException("Feature " + k + " has a NaN bound (lower " + lo + ", upper " + hi
                    + "). Give every feature finite numbers as bounds (a bound computed from data with missing values "
                    + "is NaN: compute it over the finite values).");
        }
        if (!(lo < hi)) {
            throw new IllegalArgumentException("Empty box: feature " + k + " has lower bound " + lo + " and upper bound " + hi
                    + ". Make every lower bound strictly smaller than its upper bound (fix the feature instead if it "
                    + "must not move).");
        }
        lower[k] = lo;
        upper[k] = hi;
        return this;
    }

    /** Feature {@code k} is immutable and equals {@code value} in every sample. */
    public InputSpaceBuilder fix(int k, double value) {
        check(k);
        fixed[k] = true;
        fixedValues[k] = value;
        return this;
    }

    /** Columns holding one one-hot encoded categorical feature. */
    public InputSpaceBuilder oneHot(int... columns) {
        if (columns.length < 2) {
            // a new user marked a boolean with a one-column group and was told nothing else
            throw new IllegalArgumentException("A one-hot group needs at least 2 columns, got " + Arrays.toString(columns)
                    + ". An InputSpace samples every other feature as a real number: to sample a boolean (or a count) as "
                    + "whole numbers, describe the row as a ProceduralSpace (categorical(name, 2) for a boolean, "
                    + "categorical(name, n + 1) for a count 0..n) whose renderer writes the model's row; or fix it.");
        }
        for (int k : columns) {
            check(k);
        }
        groups.add(columns.clone());
        return this;
    }

    /** Scale of feature {@code k}: the sampler's unit step moves it by {@code s}. */
    public InputSpaceBuilder scale(int k, double s) {
        check(k);
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new IllegalArgumentException("Scale of feature " + k + " must be positive and finite, got " + s);
        }
        scale[k] = s;
        return this;
    }

    /** The anchor input (e.g. the applicant whose decision is questioned); chains start there. */
    public InputSpaceBuilder anchor(double[] x) {
        if (x.length != features) {
            throw new IllegalArgumentException("The anchor has " + x.length + " features but the space has " + features + ".");
        }
        anchor = x.clone();
        return this;
    }

    private void check(int k) {
        if (k < 0 || k >= features) {
            throw new IllegalArgumentException("Feature " + k + " does not exist: the space has features 0.." + (features - 1));
        }
    }

    public InputSpace build() {
        boolean[] grouped = new boolean[features];
        for (int[] g : groups) {
            for (int k : g) {
                if (grouped[k]) {
                    throw new IllegalArgumentException("Feature " + k + " is in two one-hot groups. Put each column in one group.");
                }
                if (fixed[k]) {
                    throw new IllegalArgumentException("Feature " + k + " is both fixed and in a one-hot group. Fix none of a "
                            + "group's columns, or leave the whole group out of the space's groups and fix every column.");
                }
                if (!(lower[k] <= 0 && upper[k] >= 1)) {
                    // bounds given to a one-hot column are not used (it takes 0 or 1); bounds that exclude 0 or 1 say
                    // the group names other columns than meant (a user's swapped indices went unnoticed)
                    throw new IllegalArgumentException("Feature " + k + (names == null ? "" : " ('" + names[k] + "')")
                            + " is in the one-hot group "
                            + java.util.Arrays.toString(g) + ", so it takes 0 or 1, but its bounds are [" + lower[k] + ", "
                            + upper[k] + "]. Check the group's column indices (a continuous feature listed by mistake?), "
                            + "or bound the column to [0, 1].");
                }
                grouped[k] = true;
            }
        }
        List<Integer> free = new ArrayList<>();
        for (int k = 0; k < features; k++) {
            if (fixed[k] && !(fixedValues[k] >= lower[k] && fixedValues[k] <= upper[k])) {
                throw new IllegalArgumentException("Fixed feature " + k + " = " + fixedValues[k] + " lies outside its bounds ["
                        + lower[k] + ", " + upper[k] + "]. Fix it to a value inside the bounds, or widen them.");
            }
            if (!fixed[k] && !grouped[k]) {
                free.add(k);
            }
        }
        for (int k : free) {
            checkResolution(k);
        }
        if (free.isEmpty() && groups.isEmpty()) {
            throw new IllegalArgumentException("Every feature is fixed: nothing is left to sample. Leave at least one feature free.");
        }
        InputLayout layout = new InputLayout(lower.clone(), upper.clone(), scale.clone(),
                free.stream().mapToInt(Integer::intValue).toArray(), groups.toArray(new int[0][]), fixed.clone(),
                fixedValues.clone());
        if (anchor != null) {
            checkAnchor(grouped);
        }
        return new InputSpace(layout, anchor, names);
    }

    /** The fewest float32 values a free feature's bounds must span ({@code 2^16}). */
    static final double MIN_BOX_STEPS = 65_536;

    /**
     * Refuses a bounded feature whose box float32 resolves into fewer than {@link #MIN_BOX_STEPS} values: the sampler's
     * states and the model's inputs are float32, so a region narrower than a step cannot be sampled however the chains
     * converge (a user's Unix-time feature over one day, 1.7·10⁹ + [0, 86,400], had 675 values 128 s apart, and a
     * probe passed a misclassification gate because no sample could land in a 100-second window the oracle called
     * wrong).
     */
    private void checkResolution(int k) {
        double lo = lower[k] / scale[k];
        double hi = upper[k] / scale[k];
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return;
        }
        double step = Math.ulp((float) Math.max(Math.abs(lo), Math.abs(hi))) * scale[k];
        double values = (upper[k] - lower[k]) / step;
        if (values < MIN_BOX_STEPS) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "Feature %d's bounds [%s, %s] span only "
                    + "about %,.0f float32 values (%s apart there): the sampler's states and the model's inputs are float32, "
                    + "so nothing narrower than %s can be sampled, and a verdict would miss it. Give the feature as an "
                    + "offset from a reference value (e.g. the feature minus %s, in its own units: bounds [0, %s]) and add "
                    + "the reference back inside the model, or measure it in larger units.", k, lower[k], upper[k], values,
                    step, step, lower[k], upper[k] - lower[k]));
        }
    }

    private void checkAnchor(boolean[] grouped) {
        for (int k = 0; k < features; k++) {
            if (fixed[k] && anchor[k] != fixedValues[k]) {
                throw new IllegalArgumentException("The anchor has feature " + k + " = " + anchor[k] + " but the feature is fixed to "
                        + fixedValues[k] + ". Make the anchor agree with the fixed features.");
            }
            if (!grouped[k] && !(anchor[k] >= lower[k] && anchor[k] <= upper[k])) {
                throw new IllegalArgumentException("The anchor's feature " + k + " = " + anchor[k] + " lies outside its bounds ["
                        + lower[k] + ", " + upper[k] + "]. Use an anchor inside the box.");
            }
        }
        for (int[] g : groups) {
            int ones = 0;
            for (int k : g) {
                if (anchor[k] != 0 && anchor[k] != 1) {
                    ones = -1;
                    break;
                }
                ones += anchor[k] == 1 ? 1 : 0;
            }
            if (ones != 1) {
                throw new IllegalArgumentException("The anchor is not one-hot on columns " + Arrays.toString(g)
                        + ". Give exactly one 1 and zeros elsewhere in each one-hot group.");
            }
        }
    }
}
