package dev.probe.core.query;

/** Argument checks shared by the queries (package plumbing). */
final class Checks {
    private Checks() {}

    static double sigma(double sigma) {
        return sigma(sigma, "the width of the relaxed level set (BAYES-PROBE uses 0.05)");
    }

    /**
     * {@code sigma}, checked; {@code meaning} says what it is in the query at hand (a contrast's yardstick, 0.5 by
     * default, was called "the width of the relaxed level set (BAYES-PROBE uses 0.05)").
     */
    static double sigma(double sigma, String meaning) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("σ must be positive and finite, got " + sigma + ". σ is " + meaning + ".");
        }
        return sigma;
    }

    /** {@code v} to 6 significant digits, without trailing zeros (1 − 0.9 reads 0.1), for messages. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** "{@code bound − tolerance} ({@code what} {@code bound} − tolerance {@code tolerance})" ({@code what} may be empty), for messages. */
    static String less(double bound, String what, double tolerance) {
        return number(bound - tolerance) + " (" + (what.isEmpty() ? "" : what + " ") + number(bound) + " − tolerance " + number(tolerance) + ")";
    }

    /** "p_label of 'model' ≥ …" for a class probability asked to reach {@code bound} ({@code what} names it, may be empty). */
    static String classAtLeast(int label, String model, double bound, String what, double tolerance) {
        return "p_" + label + " of '" + model + "' ≥ " + less(bound, what, tolerance);
    }

    /** "every class of 'model' within … of 1/L = …", for the uniform target of {@code classes} classes. */
    static String uniformWithin(String model, int classes, double tolerance) {
        return "every class of '" + model + "' within " + number(tolerance) + " of 1/" + classes + " = "
                + number(1.0 / classes);
    }

    static double temperature(double tau) {
        if (!(tau > 0) || !Double.isFinite(tau)) {
            throw new IllegalArgumentException("Temperature τ must be positive and finite, got " + tau
                    + ". Samples follow exp(−G/τ): smaller τ concentrates them where G is small.");
        }
        return tau;
    }

    static double positive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
        return v;
    }

    static double power(double r) {
        if (!(r >= 1) || !Double.isFinite(r)) {
            throw new IllegalArgumentException("The power r must be at least 1, got " + r + " (|·|^r with r ≥ 1).");
        }
        return r;
    }

    /** The largest ∞-norm distance from any probability vector to {@code target}: max over k of max(t_k, 1 − t_k). */
    static double largestInfinityDistance(double[] target) {
        double d = 0;
        for (double t : target) {
            d = Math.max(d, Math.max(t, 1 - t));
        }
        return d;
    }

    static double infinityDistance(double[] p, double[] target) {
        double d = 0;
        for (int k = 0; k < p.length; k++) {
            d = Math.max(d, Math.abs(p[k] - target[k]));
        }
        return d;
    }
}
