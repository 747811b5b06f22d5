package dev.probe.junit.annotations;

import dev.probe.core.model.Classifier;
import dev.probe.core.query.HighConfidence;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeFactory;
import dev.probe.junit.extension.ProbeConfiguration;
import dev.probe.junit.extension.ProbeSpec;
import java.util.ArrayList;
import java.util.List;

/** High confidence in class c on the generator that cannot draw c, per excluded class. */
final class AdversarialFactory implements ProbeFactory<InDistributionAdversarial> {
    @Override
    public List<ProbeSpec> specs(InDistributionAdversarial a, ProbeContext context) {
        Classifier classifier = context.classifier(a.model());
        context.checkExcludedClasses(classifier);
        int[] classes = a.classes().length > 0 ? a.classes()
                : context.excludedClasses().stream().mapToInt(Integer::intValue).toArray();
        if (classes.length == 0) {
            throw new IllegalArgumentException("@InDistributionAdversarial in " + context.testClass().getSimpleName()
                    + " has no classes: declare generators with @Generator(excludes = c).");
        }
        List<ProbeSpec> specs = new ArrayList<>();
        for (int c : classes) {
            classifier.checkClass(c, "Adversarial");
            String key = Integer.toString(c);
            ProbeConfiguration s = context.configuration(key, a.tolerance());
            Tolerances.check("@InDistributionAdversarial", s, 1, "1 − p_c");
            specs.add(context.spec("adversarial: classified as " + c + ", generator without " + c, key,
                    context.spaceExcluding(c), HighConfidence.of(classifier, c).withSigma(s.sigma()), classifier.name(), s, c));
        }
        return specs;
    }
}
