package dev.probe.junit.extension;

import dev.probe.core.query.Localiser;
import dev.probe.core.query.Query;
import dev.probe.core.query.QuerySum;
import dev.probe.core.result.ProbeResult;
import dev.probe.junit.ProbeAnswer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a counterfactual's report shows a reviewer: each draw's distance to the factual in the localiser's metric, and
 * the closest attained draw as the change per feature it takes ("income_k 40 → 120.2 (+80.2)"). The closest attained
 * sample is an upper bound of the least change that flips the decision; a reviewer of a credit model had to recompute
 * it from {@code samples.csv}, which held neither the distance nor the changes.
 */
final class ClosestCounterfactual {
    /**
     * Features listed in the closest draw's change, the largest contributions to its distance first; changes under
     * {@link #SMALL_SHARE} of it are counted instead.
     */
    static final int FEATURES_LISTED = 10;
    /** A change below this share of the distance (in the metric's power) is counted, not listed. */
    static final double SMALL_SHARE = 0.01;

    private ClosestCounterfactual() {}

    /** The localiser of a counterfactual question, if it is one. */
    static Optional<Localiser> localiser(Query query) {
        if (query instanceof QuerySum sum) {
            return sum.parts().stream().filter(q -> q instanceof Localiser).map(q -> (Localiser) q).findFirst();
        }
        return Optional.empty();
    }

    /** Every draw's distance to the factual in the localiser's metric ({@link Localiser#distance}). */
    static double[] distances(Localiser localiser, ProbeResult result) {
        double[][] inputs = result.inputs();
        double[] d = new double[inputs.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = localiser.distance(inputs[i]);
        }
        return d;
    }

    /**
     * "draw 412 at distance 4.315 (mean over the 404 attained: 4.717; the localiser's metric: …): income_k 40 → 120.2
     * (+80.2), debt_ratio 0.6 → 0.11 (−0.49)", or that no draw attained the target.
     */
    static String describe(Localiser localiser, ProbeAnswer answer, String[] featureNames) {
        ProbeResult r = answer.result();
        double[] target = r.targetDistances();
        double[] distance = distances(localiser, r);
        int closest = -1;
        double sum = 0;
        int attained = 0;
        for (int i = 0; i < distance.length; i++) {
            if (target[i] <= answer.tolerance()) {
                attained++;
                sum += distance[i];
                if (closest < 0 || distance[i] < distance[closest]) {
                    closest = i;
                }
            }
        }
        if (closest < 0) {
            return "none: no draw attained the target";
        }
        double[] a = localiser.anchor();
        double[] x = r.inputs()[closest];
        double[] w = localiser.weights();
        List<Integer> changed = new ArrayList<>();
        for (int k = 0; k < a.length; k++) {
            if (Math.abs(x[k] - a[k]) > 1e-9 * Math.max(1, Math.abs(a[k]))) {
                changed.add(k);
            }
        }
        // the features that make most of the distance first
        changed.sort(Comparator.comparingDouble((Integer k) -> -w[k] * Math.pow(Math.abs(x[k] - a[k]), localiser.power()))
                .thenComparing(k -> k));
        // the changes that make the distance; a fraud analyst's list ran on with hour −0.133 and ip_risk −0.006, each a
        // sliver of it: those are counted, not listed
        double total = 0;
        for (int k : changed) {
            total += w[k] * Math.pow(Math.abs(x[k] - a[k]), localiser.power());
        }
        List<String> parts = new ArrayList<>();
        int small = 0;
        for (int k : changed) {
            double share = w[k] * Math.pow(Math.abs(x[k] - a[k]), localiser.power()) / total;
            if (parts.size() >= FEATURES_LISTED || (!parts.isEmpty() && share < SMALL_SHARE)) {
                small++;
                continue;
            }
            parts.add(featureNames[k] + " " + shown(a[k]) + " → " + shown(x[k]) + " (" + (x[k] > a[k] ? "+" : "−")
                    + shown(Math.abs(x[k] - a[k])) + ")");
        }
        if (small > 0) {
            parts.add("and " + small + " smaller change" + (small == 1 ? "" : "s") + " (samples.csv)");
        }
        return String.format(Locale.ROOT, "draw %d at distance %s from the factual (in the localiser's metric: its "
                + "weights, power %s; mean over the %d attained draws %s; an upper bound of the least change that attains "
                + "the target): %s", closest, shown(distance[closest]), Verdict.trimmed(localiser.power()), attained,
                shown(sum / attained), parts.isEmpty() ? "no feature changed" : String.join(", ", parts));
    }

    /** Four significant digits, no trailing zeros. */
    private static String shown(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
