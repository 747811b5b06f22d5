package dev.probe.junit.annotations;

import dev.probe.core.model.Classifier;
import dev.probe.core.query.TargetConfidence;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeFactory;
import dev.probe.junit.extension.ProbeConfiguration;
import dev.probe.junit.extension.ProbeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One graded-confidence probe per target vector (a given one, or each interpolation step). */
final class ConfidenceFactory implements ProbeFactory<ProbeConfidence> {
    /** {@link ProbeConfidence#steps()}'s default. */
    private static final int DEFAULT_STEPS = 11;

    @Override
    public List<ProbeSpec> specs(ProbeConfidence a, ProbeContext context) {
        Classifier classifier = context.classifier(a.model());
        boolean interpolate = a.from() >= 0 || a.to() >= 0;
        if (interpolate == (a.target().length > 0)) {
            throw new IllegalArgumentException("@ProbeConfidence needs either target = {...} or from/to (+ steps), "
                    + (interpolate ? "not both" : "got neither") + ".");
        }
        if (!interpolate && a.steps() != DEFAULT_STEPS) {
            // steps beside a target ran the one target vector without a word (a new user's steps = 5)
            throw new IllegalArgumentException("@ProbeConfidence sets steps = " + a.steps() + " with target = {...}: steps "
                    + "divides an interpolation from/to, and a target is one vector. Remove steps, or give from/to.");
        }
        List<ProbeSpec> specs = new ArrayList<>();
        if (!interpolate) {
            try { // the core's message alone did not name the annotation (a new user's target summing to 1.2)
                TargetConfidence.of(classifier, a.target());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("@ProbeConfidence target = {" + java.util.Arrays.stream(a.target())
                        .mapToObj(v -> Double.toString(v)).collect(java.util.stream.Collectors.joining(", ")) + "}: "
                        + e.getMessage(), e);
            }
            ProbeConfiguration s = context.configuration("target", a.tolerance());
            Tolerances.check("@ProbeConfidence", s, Tolerances.largestFrom(a.target()),
                    "the ∞-norm from the class probabilities to the target vector");
            specs.add(context.spec("confidence " + describe(a.target()), "target", context.space(a.generator()),
                    TargetConfidence.of(classifier, a.target()).withSigma(s.sigma()), classifier.name(), s,
                    java.util.stream.IntStream.range(0, a.target().length).filter(k -> a.target()[k] > 0).toArray())
                    .withTargetLabels(targetClasses(a.target())));
            return specs;
        }
        if (a.from() < 0 || a.to() < 0 || a.from() == a.to() || a.steps() < 2) {
            throw new IllegalArgumentException("@ProbeConfidence interpolation needs two different classes from/to and "
                    + "steps >= 2; got from=" + a.from() + " to=" + a.to() + " steps=" + a.steps() + ".");
        }
        classifier.checkClass(a.from(), "Interpolation start");
        classifier.checkClass(a.to(), "Interpolation end");
        List<double[]> targets = TargetConfidence.interpolation(classifier.classes(), a.from(), a.to(), a.steps());
        for (int k = 0; k < targets.size(); k++) {
            double[] t = targets.get(k);
            String key = a.from() + ">" + a.to() + "#" + k;
            ProbeConfiguration s = context.configuration(key, a.tolerance());
            Tolerances.check("@ProbeConfidence", s, Tolerances.largestFrom(t),
                    "the ∞-norm from the class probabilities to the step's target vector");
            String name = String.format(Locale.ROOT, "confidence %d→%d step %d/%d: p%d=%.2f p%d=%.2f", a.from(), a.to(), k,
                    targets.size() - 1, a.from(), t[a.from()], a.to(), t[a.to()]);
            specs.add(context.spec(name, key, context.space(a.generator()),
                    TargetConfidence.of(classifier, t).withSigma(s.sigma()), classifier.name(), s, a.from(), a.to())
                    .withTargetLabels(targetClasses(t)));
        }
        return specs;
    }

    /**
     * The classes a target vector gives probability to: an attained sample's true label should be one of them. At a
     * 0.75/0.25 step a calibrated model's draws are class `to` a quarter of the time; counted against the top class alone
     * they read as 25% misclassified (a reviewer's 63 "labelled otherwise" draws, all of the step's second class).
     */
    static int[] targetClasses(double[] target) {
        return java.util.stream.IntStream.range(0, target.length).filter(k -> target[k] > 0).toArray();
    }

    private static String describe(double[] p) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < p.length; k++) {
            if (p[k] > 0) {
                b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "p%d=%.2f", k, p[k]));
            }
        }
        return b.toString();
    }
}
