package dev.probe.junit.annotations;

import dev.probe.core.model.Classifier;
import dev.probe.core.query.FullyAmbiguous;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeFactory;
import dev.probe.junit.extension.ProbeConfiguration;
import dev.probe.junit.extension.ProbeSpec;
import java.util.List;

/** The single fully-ambiguous probe. */
final class AmbiguousFactory implements ProbeFactory<ProbeAmbiguous> {
    @Override
    public List<ProbeSpec> specs(ProbeAmbiguous a, ProbeContext context) {
        Classifier classifier = context.classifier(a.model());
        ProbeConfiguration s = context.configuration("ambiguous", a.tolerance());
        Tolerances.check("@ProbeAmbiguous", s, 1 - 1.0 / classifier.classes(),
                "the ∞-norm from the class probabilities to the uniform vector 1/L");
        int[] shown = everyClassOfAFew(classifier);
        return List.of(context.spec("fully ambiguous", "ambiguous", context.space(a.generator()),
                FullyAmbiguous.of(classifier).withSigma(s.sigma()), classifier.name(), s, shown)
                // every class is the question's: no oracle label is outside it, so no misclassification is defined
                .withTargetLabels(java.util.stream.IntStream.range(0, classifier.classes()).toArray()));
    }

    /**
     * The classes a question about every class's probability captions: with a few classes (at most 5) every
     * probability (the top one alone let a miss through p1 = 0.15 read like a hit); with many, none (the top class).
     */
    static int[] everyClassOfAFew(Classifier classifier) {
        return classifier.classes() <= 5 ? java.util.stream.IntStream.range(0, classifier.classes()).toArray() : new int[0];
    }
}
