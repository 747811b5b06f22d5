package dev.probe.junit.assertions;

import dev.probe.core.result.Oracle;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Rate;
import dev.probe.junit.extension.CurrentProbe;
import dev.probe.junit.extension.ProbeSpec;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link ProbeResult}. Inside a probe test the probe's oracle, judged model and
 * attainment tolerance are known; elsewhere pass them explicitly. Rates are judged as the issue of a CI
 * gate needs them: an "at most" on a misclassification rate holds only if its 95% Clopper–Pearson
 * upper bound (on the effective number of draws) is at most the limit.
 *
 * <pre>{@code
 * assertThat(result).isConverged().hasTargetAttainmentAtLeast(0.8).hasMisclassificationRateAtMost(0.05);
 * }</pre>
 */
public class ProbeResultAssert extends AbstractAssert<ProbeResultAssert, ProbeResult> {

    public ProbeResultAssert(ProbeResult actual) {
        super(actual, ProbeResultAssert.class);
    }

    /** The fraction of samples within the probe's tolerance of its target is at least {@code min}. */
    public ProbeResultAssert hasTargetAttainmentAtLeast(double min) {
        isNotNull();
        Rate r = actual.attainment(tolerance());
        if (!(r.estimate() >= min)) {
            failWithMessage("%s", ProbeMessages.rateShouldBe(actual, "target attainment", "at least", min, "the attained fraction",
                    r.estimate(), r));
        }
        return this;
    }

    /** The fraction of samples within the probe's tolerance of its target is at most {@code max}. */
    public ProbeResultAssert hasTargetAttainmentAtMost(double max) {
        isNotNull();
        Rate r = actual.attainment(tolerance());
        if (!(r.estimate() <= max)) {
            failWithMessage("%s", ProbeMessages.rateShouldBe(actual, "target attainment", "at most", max, "the attained fraction",
                    r.estimate(), r));
        }
        return this;
    }

    /**
     * Among samples that attain the target (e.g. high-confidence ones), the fraction the oracle says the
     * model misclassifies has a 95% upper confidence bound of at most {@code max}.
     */
    public ProbeResultAssert hasMisclassificationRateAtMost(double max) {
        ProbeSpec spec = spec("an oracle and a model");
        if (spec.oracle() == null) {
            failWithMessage("%s", ProbeMessages.missing("an oracle (declare @ProbeOracle in the test class)"));
        }
        return hasMisclassificationRateAtMost(spec.model(), spec.oracle(), spec.tolerance(), max);
    }

    /** As {@link #hasMisclassificationRateAtMost(double)}, with everything explicit. */
    public ProbeResultAssert hasMisclassificationRateAtMost(String model, Oracle oracle, double tolerance, double max) {
        isNotNull();
        Rate r = actual.misclassifiedAmongAttained(model, oracle, tolerance);
        if (!(r.upper() <= max)) {
            failWithMessage("%s", ProbeMessages.rateShouldBe(actual, "misclassification rate among samples attaining the target",
                    "at most", max, "its 95% upper bound", r.upper(), r));
        }
        return this;
    }

    /** Max R-hat at most 1.1 and min bulk ESS at least 100. */
    public ProbeResultAssert isConverged() {
        return isConverged(1.1, 100);
    }

    /** Max R-hat at most {@code maxRhat} and min bulk ESS at least {@code minEss}. */
    public ProbeResultAssert isConverged(double maxRhat, double minEss) {
        isNotNull();
        double rhat = actual.diagnostics().maxRhat();
        double ess = actual.diagnostics().minEss();
        if (!(rhat <= maxRhat) || !(ess >= minEss)) {
            failWithMessage("%s", ProbeMessages.notConverged(actual, maxRhat, minEss));
        }
        return this;
    }

    /** Mean acceptance over chains lies in {@code [min, max]}. */
    public ProbeResultAssert hasAcceptanceBetween(double min, double max) {
        isNotNull();
        double a = actual.diagnostics().meanAcceptance();
        if (!(a >= min && a <= max)) {
            failWithMessage("%s", ProbeMessages.valueShouldBe(actual, "mean acceptance", "in [" + min + ", " + max + "], i.e.",
                    a < min ? min : max, a));
        }
        return this;
    }

    /** The fraction of samples on which models {@code a} and {@code b} predict different classes is at least {@code min}. */
    public ProbeResultAssert hasDisagreementRateAtLeast(String a, String b, double min) {
        Rate r = disagreement(a, b);
        if (!(r.estimate() >= min)) {
            failWithMessage("%s", ProbeMessages.rateShouldBe(actual, "disagreement of " + a + " and " + b, "at least", min,
                    "the observed rate", r.estimate(), r));
        }
        return this;
    }

    /** The fraction of samples on which models {@code a} and {@code b} predict different classes is at most {@code max}. */
    public ProbeResultAssert hasDisagreementRateAtMost(String a, String b, double max) {
        Rate r = disagreement(a, b);
        if (!(r.estimate() <= max)) {
            failWithMessage("%s", ProbeMessages.rateShouldBe(actual, "disagreement of " + a + " and " + b, "at most", max,
                    "the observed rate", r.estimate(), r));
        }
        return this;
    }

    /** The mean Euclidean distance of the samples' inputs to {@code anchor} (e.g. the factual) is at most {@code max}. */
    public ProbeResultAssert hasCounterfactualDistanceAtMost(double[] anchor, double max) {
        isNotNull();
        double d = actual.estimate(s -> {
            double sum = 0;
            double[] x = s.input();
            for (int k = 0; k < x.length; k++) {
                sum += (x[k] - anchor[k]) * (x[k] - anchor[k]);
            }
            return Math.sqrt(sum);
        }).mean();
        if (!(d <= max)) {
            failWithMessage("%s", ProbeMessages.valueShouldBe(actual, "mean distance to the factual", "at most", max, d));
        }
        return this;
    }

    private Rate disagreement(String a, String b) {
        isNotNull();
        int ia = actual.models().indexOf(a);
        int ib = actual.models().indexOf(b);
        if (ia < 0 || ib < 0) {
            failWithMessage("Models %s and %s are not both in this result; it has %s", a, b, actual.models());
        }
        return actual.rate(s -> s.predicted(ia) != s.predicted(ib));
    }

    private double tolerance() {
        return CurrentProbe.get().map(p -> p.spec().tolerance()).orElse(ProbeSpec.TOLERANCE);
    }

    private ProbeSpec spec(String what) {
        isNotNull();
        return CurrentProbe.get().map(CurrentProbe::spec)
                .orElseThrow(() -> new IllegalStateException(ProbeMessages.missing(what)));
    }
}
