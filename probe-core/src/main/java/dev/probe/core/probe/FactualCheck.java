package dev.probe.core.probe;

import dev.probe.core.query.Localiser;
import dev.probe.core.query.Query;
import dev.probe.core.query.QuerySum;
import dev.probe.core.space.InputSpace;
import dev.probe.core.space.SampleSpace;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A localised question's factual (its {@link Localiser}'s anchor) checked against the input space it is sampled in,
 * when the probe is made (package plumbing of {@link Probe}): a feature the space fixes to another value, or a one-hot
 * group that does not hold one category, would be changed by every sample, inside the distance the answer reports
 * (a new user's applicant of age 55 in a space fixing age at 40: every "counterfactual" changed the immutable age by
 * 15 years, and nothing said so). The extension's {@code @ProbeCounterfactual} says the same per factual.
 */
final class FactualCheck {
    /**
     * Where a factual outside its space's bounds is told (a warning, once per space and factual in a JVM). The JUnit
     * extension says it per {@code @ProbeCounterfactual} factual itself, with the annotation, and turns this one off.
     */
    static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(FactualCheck.class.getName());
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private FactualCheck() {}

    static void of(SampleSpace space, Query query) {
        if (!(space instanceof InputSpace box) || !(query instanceof QuerySum sum)) {
            return;
        }
        for (Query part : sum.parts()) {
            if (part instanceof Localiser localiser && localiser.inputDimension() == box.inputDimension()) {
                check(box, localiser);
            }
        }
    }

    private static void check(InputSpace box, Localiser localiser) {
        double[] a = localiser.anchor();
        double[] lo = box.featureLower();
        double[] hi = box.featureUpper();
        List<String> names = box.featureNames();
        for (int k = 0; k < a.length; k++) {
            double slack = 1e-9 * Math.max(1, Math.abs(lo[k]));
            if (lo[k] == hi[k] && !(Math.abs(a[k] - lo[k]) <= slack)) {
                throw new IllegalArgumentException("The factual (the localiser's anchor) has feature " + k + " ("
                        + names.get(k) + ") = " + a[k] + ", but " + box.describe() + " fixes it to " + lo[k] + ", so every "
                        + "sample would change this immutable feature by " + Math.abs(a[k] - lo[k]) + ", inside the "
                        + "distance the answer reports. Fix the feature to the factual's own value (a space per factual), "
                        + "or leave it free.");
            }
        }
        outside(box, localiser).ifPresent(note -> {
            if (WARNED.add(box.describe() + java.util.Arrays.toString(a))) {
                LOG.warning(note);
            }
        });
        for (int[] group : box.oneHotGroups()) {
            long ones = Arrays.stream(group).filter(k -> a[k] == 1).count();
            boolean binary = Arrays.stream(group).allMatch(k -> a[k] == 0 || a[k] == 1);
            if (!binary || ones != 1) {
                throw new IllegalArgumentException("The factual (the localiser's anchor) has the one-hot group ("
                        + Arrays.stream(group).mapToObj(names::get).collect(Collectors.joining(", ")) + ") = ("
                        + Arrays.stream(group).mapToObj(k -> String.valueOf(a[k])).collect(Collectors.joining(", "))
                        + "), not one category. The space samples valid one-hot rows only, so every sample would change "
                        + "this group: set the factual's category to 1 and the others to 0.");
            }
        }
    }
    /**
     * The note on a factual outside the box's bounds: every sample then changes those features by at least their gap,
     * inside the distances the answer reports (a new user's income of 250 in a box to 200: 1.67 of the closest
     * counterfactual's 3.59 weighted units were forced, and the core API said nothing). Not an error: an answer inside
     * the box can still exist.
     */
    static java.util.Optional<String> outside(InputSpace box, Localiser localiser) {
        double[] a = localiser.anchor();
        double[] lo = box.featureLower();
        double[] hi = box.featureUpper();
        List<String> names = box.featureNames();
        List<String> named = new java.util.ArrayList<>();
        double gap2 = 0;
        for (int k = 0; k < a.length; k++) {
            double slack = 1e-9 * Math.max(1, Math.max(Math.abs(lo[k]), Math.abs(hi[k])));
            if (lo[k] == hi[k] || !Double.isFinite(a[k]) || (a[k] >= lo[k] - slack && a[k] <= hi[k] + slack)) {
                continue; // a fixed feature is checked above, a non-finite factual by the localiser
            }
            double gap = Math.max(lo[k] - a[k], a[k] - hi[k]);
            gap2 += gap * gap;
            named.add("feature " + k + " (" + names.get(k) + ") = " + shownApart(a[k], lo[k], hi[k]) + ", bounded to ["
                    + shown(lo[k]) + ", " + shown(hi[k]) + "]");
        }
        if (named.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("The factual (the localiser's anchor) lies outside " + box.describe() + ": "
                + String.join("; ", named) + ". Every sample lies inside the space, so it lies at least "
                + forced(localiser, box, Math.sqrt(gap2)) + " from the factual, inside every distance the answer reports. "
                + "Check the factual's units, or widen the space's bounds to include it.");
    }

    /**
     * The least distance every sample of {@code box} has from the localiser's factual, in the metric the answer reports
     * (a new user's "at least 50.0025" was income's raw units, where the answer's weighted distances were 3 to 7), with
     * the Euclidean {@code euclidean} in the features' units beside it: "3.00505 in the localiser's metric (its weights
     * and power; 50.0025 Euclidean, in the features' units)".
     */
    static String forced(Localiser localiser, InputSpace box, double euclidean) {
        double weighted = localiser.leastDistanceWithin(box.featureLower(), box.featureUpper());
        boolean plain = java.util.Arrays.stream(localiser.weights()).allMatch(w -> w == 1) && localiser.power() == 2;
        return plain ? shown(euclidean) + " (Euclidean, in the features' units: the localiser's metric)"
                : shown(weighted) + " in the localiser's metric (its weights and power; " + shown(euclidean)
                        + " Euclidean, in the features' units)";
    }

    /**
     * {@code v} in six significant digits, or all of them where six read as a bound: 1.0000001 outside [0, 1] was
     * written "1", which reads as inside.
     */
    static String shownApart(double v, double lo, double hi) {
        String six = shown(v);
        return six.equals(shown(lo)) || six.equals(shown(hi)) ? Double.toString(v) : six;
    }

    /** Six significant digits, no trailing zeros. */
    private static String shown(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
