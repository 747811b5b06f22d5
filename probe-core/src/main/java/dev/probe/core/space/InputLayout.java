package dev.probe.core.space;

import dev.probe.core.sampler.Box;

/** How sampled coordinates map to input features and back (package plumbing of {@link InputSpace}). */
final class InputLayout {
    private final double[] lower;
    private final double[] upper;
    private final double[] scale;
    private final int[] continuous;
    private final int[][] groups;
    private final double[] fixedValues;
    private final boolean[] fixed;

    InputLayout(double[] lower, double[] upper, double[] scale, int[] continuous, int[][] groups, boolean[] fixed,
            double[] fixedValues) {
        this.lower = lower;
        this.upper = upper;
        this.scale = scale;
        this.continuous = continuous;
        this.groups = groups;
        this.fixed = fixed;
        this.fixedValues = fixedValues;
    }

    int features() {
        return lower.length;
    }

    int continuousCount() {
        return continuous.length;
    }

    int coordinates() {
        return continuous.length + groups.length;
    }

    int fixedCount() {
        int n = 0;
        for (boolean f : fixed) {
            n += f ? 1 : 0;
        }
        return n;
    }

    int[][] groups() {
        return groups;
    }

    /** What each coordinate is, in the features' names: "income / 2.5" (scaled), "category of a|b|c" (one-hot). */
    java.util.List<String> coordinateNames(java.util.List<String> features) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int k : continuous) {
            out.add(scale[k] == 1 ? features.get(k) : features.get(k) + " / " + (float) scale[k]);
        }
        for (int[] g : groups) {
            out.add("category of " + String.join("|", java.util.Arrays.stream(g).mapToObj(features::get).toList()));
        }
        return out;
    }

    Box coordinateBox() {
        double[] lo = new double[coordinates()];
        double[] hi = new double[coordinates()];
        for (int i = 0; i < continuous.length; i++) {
            lo[i] = lower[continuous[i]] / scale[continuous[i]];
            hi[i] = upper[continuous[i]] / scale[continuous[i]];
        }
        for (int g = 0; g < groups.length; g++) {
            lo[continuous.length + g] = -0.5;
            hi[continuous.length + g] = groups[g].length - 0.5;
        }
        return Box.of(lo, hi);
    }

    /** {@code [coordinates, features]}: coordinate i of a continuous feature k contributes scale_k to x_k. */
    float[] placement() {
        float[] m = new float[coordinates() * features()];
        for (int i = 0; i < continuous.length; i++) {
            m[i * features() + continuous[i]] = (float) scale[continuous[i]];
        }
        return m;
    }

    /** Fixed values, zero elsewhere. */
    float[] offset() {
        float[] o = new float[features()];
        for (int k = 0; k < o.length; k++) {
            o[k] = fixed[k] ? (float) fixedValues[k] : 0f;
        }
        return o;
    }

    double[] input(double[] s) {
        double[] x = new double[features()];
        for (int k = 0; k < x.length; k++) {
            x[k] = fixed[k] ? fixedValues[k] : 0;
        }
        for (int i = 0; i < continuous.length; i++) {
            x[continuous[i]] = s[i] * scale[continuous[i]];
        }
        for (int g = 0; g < groups.length; g++) {
            x[groups[g][category(s[continuous.length + g], groups[g].length)]] = 1;
        }
        return x;
    }

    static int category(double v, int levels) {
        long r = Math.round(v);
        return (int) Math.max(0, Math.min(levels - 1, r));
    }

    double[] coordinates(double[] x) {
        double[] s = new double[coordinates()];
        for (int i = 0; i < continuous.length; i++) {
            s[i] = x[continuous[i]] / scale[continuous[i]];
        }
        for (int g = 0; g < groups.length; g++) {
            for (int j = 0; j < groups[g].length; j++) {
                if (x[groups[g][j]] == 1) {
                    s[continuous.length + g] = j;
                }
            }
        }
        return s;
    }

    double[] featureLower() {
        double[] out = lower.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] = fixed[k] ? fixedValues[k] : out[k];
        }
        return out;
    }

    double[] featureUpper() {
        double[] out = upper.clone();
        for (int k = 0; k < out.length; k++) {
            out[k] = fixed[k] ? fixedValues[k] : out[k];
        }
        return out;
    }
}
