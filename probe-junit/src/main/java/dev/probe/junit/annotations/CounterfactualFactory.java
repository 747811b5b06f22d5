package dev.probe.junit.annotations;

import dev.probe.core.model.Classifier;
import dev.probe.core.query.FixedLabel;
import dev.probe.core.query.DecisionCutoff;
import dev.probe.core.query.Localiser;
import dev.probe.core.space.InputSpace;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeFactory;
import dev.probe.junit.extension.ProbeConfiguration;
import dev.probe.junit.extension.ProbeSpec;
import java.util.ArrayList;
import java.util.List;

/** One counterfactual probe per factual instance. */
final class CounterfactualFactory implements ProbeFactory<ProbeCounterfactual> {
    /**
     * A cut-off probe's tolerance when none is given: a sample attains where the target class's probability reaches the
     * cut-off (up to float rounding).
     */
    static final double CUTOFF_TOLERANCE = 1e-6;

    /**
     * The core's warning of a factual outside its space's bounds, off: this factory says it per factual with the
     * annotation (below), and the core's would repeat it at each invocation (held here, as a logger's level lives only
     * as long as the logger does).
     */
    private static final java.util.logging.Logger CORE_FACTUAL_WARNING = quiet("dev.probe.core.probe.FactualCheck");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.OFF);
        return logger;
    }

    @Override
    public List<ProbeSpec> specs(ProbeCounterfactual a, ProbeContext context) {
        Classifier classifier = context.classifier(a.model());
        Object value = context.member(a.factuals());
        if (!(value instanceof double[][] factuals) || factuals.length == 0) {
            throw new IllegalArgumentException("@ProbeCounterfactual factuals = \"" + a.factuals() + "\" must name a static "
                    + "field or method of " + context.testClass().getSimpleName() + " returning a non-empty double[][].");
        }
        if (a.target() < 0 && classifier.classes() != 2) {
            throw new IllegalArgumentException("@ProbeCounterfactual on a " + classifier.classes()
                    + "-class model needs target = <class>; only binary models have an implied other class.");
        }
        for (int i = 0; i < factuals.length; i++) {
            if (factuals[i].length != classifier.inputDimension()) {
                throw new IllegalArgumentException("@ProbeCounterfactual factuals = \"" + a.factuals() + "\": factual #" + i
                        + " has " + factuals[i].length + " features, but model '" + classifier.name() + "' takes "
                        + classifier.inputDimension() + ": give every factual one value per input feature of the model.");
            }
            for (int k = 0; k < factuals[i].length; k++) {
                if (!Double.isFinite(factuals[i][k])) {
                    throw new IllegalArgumentException("@ProbeCounterfactual factuals = \"" + a.factuals() + "\": factual #"
                            + i + " has " + factuals[i][k] + " at feature " + k + ": every value of a factual must be finite "
                            + "(a missing value must be filled in before the probe).");
                }
            }
        }
        double[] weights = null;
        if (!a.weights().isEmpty()) {
            Object w = context.member(a.weights());
            if (!(w instanceof double[] ws) || ws.length != classifier.inputDimension()) {
                throw new IllegalArgumentException("@ProbeCounterfactual weights = \"" + a.weights() + "\" must name a "
                        + "static member returning a double[] with one weight per input feature of model '"
                        + classifier.name() + "' (" + classifier.inputDimension() + "), got "
                        + (w instanceof double[] ws ? ws.length + " weights" : w == null ? "nothing" : "a "
                                + w.getClass().getSimpleName()) + ".");
            }
            weights = ws;
        }
        if (context.space(a.generator()) instanceof InputSpace box) {
            insideTheBox(a, factuals, box, weights);
            oneHotValid(a, factuals, box);
        }
        double[][] predicted = classifier.outputs(factuals);
        boolean cut = !Double.isNaN(a.cutoff());
        if (cut && !(a.cutoff() > 0 && a.cutoff() < 1)) {
            throw new IllegalArgumentException("@ProbeCounterfactual cutoff = " + a.cutoff() + ": a cut-off is the target "
                    + "class's probability at which the decision is taken, strictly between 0 and 1.");
        }
        if (cut && a.target() < 0) {
            throw new IllegalArgumentException("@ProbeCounterfactual cutoff = " + a.cutoff() + " needs target = <the class "
                    + "whose probability must reach it>: with a cut-off the decision is not the top class, so the other "
                    + "class of a binary model is not implied.");
        }
        List<ProbeSpec> specs = new ArrayList<>();
        for (int i = 0; i < factuals.length; i++) {
            int from = TopClass.of(predicted[i]);
            int to = a.target() >= 0 ? classifier.checkClass(a.target(), "Counterfactual target") : 1 - from;
            if (cut && predicted[i][to] >= a.cutoff()) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "@ProbeCounterfactual factuals = "
                        + "\"%s\": factual #%d already has p_%d = %.4g, at or past the cut-off %s, so there is nothing to "
                        + "change: drop that factual, or ask for another target.", a.factuals(), i, to, predicted[i][to],
                        a.cutoff()));
            }
            if (!cut && to == from) {
                throw new IllegalArgumentException("@ProbeCounterfactual factuals = \"" + a.factuals() + "\": factual #" + i
                        + " is already predicted as class " + to + ", the target, so there is nothing to flip (class " + from
                        + " → " + to + "): set target = <another class>, or drop that factual.");
            }
            String key = "factual" + i;
            ProbeConfiguration s = context.configuration(key, cut && Double.isNaN(a.tolerance()) ? CUTOFF_TOLERANCE
                    : a.tolerance());
            if (cut) {
                Tolerances.check("@ProbeCounterfactual", s, a.cutoff(), "max(0, cutoff − p_target)");
            } else {
                Tolerances.check("@ProbeCounterfactual", s, 1, "1 − p_target");
            }
            Localiser localiser;
            try {
                localiser = Localiser.around(factuals[i]).lambda(a.lambda()).power(a.power()).temperature(s.tau());
                if (weights != null) {
                    localiser = localiser.weights(weights);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("@ProbeCounterfactual (lambda = " + a.lambda() + ", power = " + a.power()
                        + ", tau = " + s.tau() + (weights != null ? ", weights = \"" + a.weights() + "\"" : "") + "): "
                        + e.getMessage(), e);
            }
            // with a cut-off the decision is p_to against it, not the top class ("class 1 → 1 at p_1 ≥ 0.8" read oddly)
            String display = cut ? String.format(java.util.Locale.ROOT, "counterfactual #%d: p_%d %.3g → ≥ %s", i, to,
                    predicted[i][to], a.cutoff()) : "counterfactual #" + i + ": class " + from + " → " + to;
            specs.add(context.spec(display, key, context.space(a.generator()),
                    cut ? DecisionCutoff.counterfactual(classifier, to, a.cutoff(), localiser)
                            : FixedLabel.counterfactual(classifier, to, localiser), classifier.name(), s, to));
        }
        return specs;
    }

    /**
     * Counterfactuals are sampled inside the space. A feature the space fixes to another value than the factual's is
     * an error: every counterfactual would change that immutable feature. A factual outside the bounds (a unit mistake,
     * a row from beyond the training box) may have no answer nearby: said on the console, since an answer can still
     * exist (the suite's wine factual #1 lies 0.08 beyond the training box on one feature and flips), so not an error.
     */
    private static void insideTheBox(ProbeCounterfactual a, double[][] factuals, InputSpace box, double[] weights) {
        double[] lo = box.featureLower();
        double[] hi = box.featureUpper();
        List<String> names = box.featureNames();
        for (int i = 0; i < factuals.length; i++) {
            // every feature outside its bounds, and the factual's distance to the box (a new user's warning named one
            // of two such features, with the gap unrounded: 0.4946088799999999 where the distance was 0.732)
            List<Integer> outside = new ArrayList<>();
            double gap2 = 0;
            for (int k = 0; k < lo.length; k++) {
                double v = factuals[i][k];
                double slack = 1e-9 * Math.max(1, Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
                if (v >= lo[k] - slack && v <= hi[k] + slack) {
                    continue;
                }
                if (lo[k] == hi[k]) {
                    throw new IllegalArgumentException("@ProbeCounterfactual factuals = \"" + a.factuals() + "\": factual #"
                            + i + " has feature " + k + " = " + v + ", but the input space (generator \"" + a.generator()
                            + "\") fixes it to " + lo[k] + ", so every counterfactual would change this immutable feature by "
                            + Math.abs(v - lo[k]) + ". Fix it to the factual's own value (a space per factual), or leave "
                            + "it free.");
                }
                double gap = Math.max(lo[k] - v, v - hi[k]);
                gap2 += gap * gap;
                outside.add(k);
            }
            if (outside.isEmpty()) {
                continue;
            }
            List<String> named = new ArrayList<>();
            for (int k : outside) {
                // by name where the space names its features (a new user's warning read "feature 0", the core's "income")
                named.add("feature " + k + (names.get(k).equals("x_" + k) ? "" : " (" + names.get(k) + ")") + " = " + shownApart(factuals[i][k], lo[k], hi[k])
                        + " (bounds [" + shown(lo[k]) + ", " + shown(hi[k]) + "])");
            }
            // in the metric the answer reports (a new user's "at least 50.0025" was income's raw units, where the
            // answer's weighted distances were 3 to 7), the Euclidean beside it
            System.out.println("[probe] WARNING: @ProbeCounterfactual factuals = \"" + a.factuals() + "\": factual #" + i
                    + " has " + (outside.size() == 1 ? "a feature" : outside.size() + " features") + " outside the input "
                    + "space's bounds: " + String.join(", ", named) + ". Its counterfactuals are sampled inside the space, "
                    + "so each lies at least " + forced(a, factuals[i], weights, lo, hi, Math.sqrt(gap2)) + " from it, "
                    + "inside every distance the answer reports; check the factual's units, or widen the space's bounds to "
                    + "include it.");
        }
    }

    /**
     * The least distance of a sample inside {@code [lo, hi]} from {@code factual}: "3.00505 in the localiser's metric
     * (its weights and power; 50.0025 Euclidean, in the features' units)", or the Euclidean alone where that is the
     * localiser's metric (or the power is refused later, with its own message).
     */
    private static String forced(ProbeCounterfactual a, double[] factual, double[] weights, double[] lo, double[] hi,
            double euclidean) {
        Localiser metric;
        try {
            metric = Localiser.around(factual).power(a.power());
            metric = weights != null ? metric.weights(weights) : metric;
        } catch (IllegalArgumentException e) {
            return shown(euclidean) + " (Euclidean, in the features' units)";
        }
        boolean plain = a.power() == 2 && (weights == null || java.util.Arrays.stream(weights).allMatch(w -> w == 1));
        return plain ? shown(euclidean) + " (Euclidean, in the features' units: the localiser's metric)"
                : shown(metric.leastDistanceWithin(lo, hi)) + " in the localiser's metric (its weights and power; "
                        + shown(euclidean) + " Euclidean, in the features' units)";
    }

    /** {@code v} in six significant digits, or all of them where six read as a bound (1.0000001 outside [0, 1] as "1"). */
    private static String shownApart(double v, double lo, double hi) {
        String six = shown(v);
        return six.equals(shown(lo)) || six.equals(shown(hi)) ? Double.toString(v) : six;
    }

    /** Six significant digits, no trailing zeros. */
    private static String shown(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * A factual's one-hot groups must hold one category: a counterfactual is always a valid one-hot row, so a factual
     * with two categories set (or none) has every counterfactual change the group, silently.
     */
    private static void oneHotValid(ProbeCounterfactual a, double[][] factuals, InputSpace box) {
        List<String> names = box.featureNames();
        for (int i = 0; i < factuals.length; i++) {
            for (int[] group : box.oneHotGroups()) {
                int ones = 0;
                boolean binary = true;
                for (int k : group) {
                    ones += factuals[i][k] == 1 ? 1 : 0;
                    binary &= factuals[i][k] == 0 || factuals[i][k] == 1;
                }
                if (!binary || ones != 1) {
                    String columns = java.util.Arrays.stream(group).mapToObj(names::get)
                            .collect(java.util.stream.Collectors.joining(", "));
                    double[] row = factuals[i];
                    String values = java.util.Arrays.stream(group).mapToObj(k -> String.valueOf(row[k]))
                            .collect(java.util.stream.Collectors.joining(", "));
                    throw new IllegalArgumentException("@ProbeCounterfactual factuals = \"" + a.factuals() + "\": factual #"
                            + i + " has the one-hot group (" + columns + ") = (" + values + "), not one category. The space "
                            + "samples valid one-hot rows only, so every counterfactual would change this group: set the "
                            + "factual's category to 1 and the others to 0.");
                }
            }
        }
    }
}
