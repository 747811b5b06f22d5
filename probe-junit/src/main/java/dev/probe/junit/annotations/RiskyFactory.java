package dev.probe.junit.annotations;

import dev.probe.core.model.Classifier;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.model.Regressor;
import dev.probe.core.query.PredictionRisky;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeFactory;
import dev.probe.junit.extension.ProbeConfiguration;
import dev.probe.junit.extension.ProbeSpec;
import java.util.List;

/** The single prediction-risky probe: entropy for classifiers, distance to α for decision functions. */
final class RiskyFactory implements ProbeFactory<ProbeRisky> {
    @Override
    public List<ProbeSpec> specs(ProbeRisky a, ProbeContext context) {
        ModelUnderTest model = context.model(a.model());
        ProbeConfiguration s = context.configuration("risky", a.tolerance());
        if (model instanceof Classifier c) {
            Tolerances.check("@ProbeRisky", s, 1 - 1.0 / c.classes(),
                    "the ∞-norm from the class probabilities to the uniform vector 1/L");
        }
        if (model instanceof Classifier && !Double.isNaN(a.alpha())) {
            throw new IllegalArgumentException("@ProbeRisky sets alpha = " + a.alpha() + ", but model '" + model.name()
                    + "' is a classifier: its risky inputs are those of maximal entropy, with no threshold. alpha is the "
                    + "threshold of a decision function (a Regressor): remove alpha, or probe a Regressor.");
        }
        if (model instanceof Classifier && a.power() != 1) {
            // power was ignored on a classifier while alpha was refused (a new user's power = 3)
            throw new IllegalArgumentException("@ProbeRisky sets power = " + a.power() + ", but model '" + model.name()
                    + "' is a classifier: its risky inputs are those of maximal entropy, and power is the exponent of a "
                    + "decision function's |y − alpha| (a Regressor): remove power, or probe a Regressor.");
        }
        if (model instanceof Regressor && Double.isInfinite(a.alpha())) {
            // the core's "The cut-off α must be finite" named no annotation (a new user's alpha = Double.POSITIVE_INFINITY)
            throw new IllegalArgumentException("@ProbeRisky sets alpha = " + a.alpha() + ": alpha is the threshold of model '"
                    + model.name() + "' whose nearby inputs are risky, and must be finite: set the decision threshold, "
                    + "or omit alpha for 0.5.");
        }
        if (model instanceof Regressor && !(a.power() >= 1 && Double.isFinite(a.power()))) {
            throw new IllegalArgumentException("@ProbeRisky sets power = " + a.power() + ": power is the exponent r of "
                    + "|f − alpha|^r and must be a finite number of at least 1: omit it for 1.");
        }
        double alpha = Double.isNaN(a.alpha()) ? 0.5 : a.alpha();
        PredictionRisky query = model instanceof Classifier c ? PredictionRisky.entropy(c)
                : PredictionRisky.decision((Regressor) model, alpha, a.power());
        String name = model instanceof Classifier ? "prediction-risky: entropy of " + model.name()
                : "prediction-risky: " + model.name() + " near " + alpha;
        // a classifier's entropy is about every class: its captions show them, as @ProbeAmbiguous's do (a new user's
        // miss read "0:.50" while class 3, stuck at 0, caused it); the oracle still judges the top class
        int[] shown = model instanceof Classifier c ? AmbiguousFactory.everyClassOfAFew(c) : new int[0];
        return List.of(context.spec(name, "risky", context.space(a.generator()), query.temperature(s.tau()),
                model.name(), s, shown).withTargetLabels());
    }
}
