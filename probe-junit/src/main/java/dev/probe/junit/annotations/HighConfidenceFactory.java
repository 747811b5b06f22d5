package dev.probe.junit.annotations;

import dev.probe.core.model.Classifier;
import dev.probe.core.query.HighConfidence;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeFactory;
import dev.probe.junit.extension.ProbeConfiguration;
import dev.probe.junit.extension.ProbeSpec;
import java.util.ArrayList;
import java.util.List;

/** One high-confidence probe per class. */
final class HighConfidenceFactory implements ProbeFactory<ProbeHighConfidence> {
    @Override
    public List<ProbeSpec> specs(ProbeHighConfidence a, ProbeContext context) {
        Classifier classifier = context.classifier(a.model());
        List<ProbeSpec> specs = new ArrayList<>();
        for (int c : context.classesOrAll(a.classes(), classifier, "High-confidence")) {
            String key = Integer.toString(c);
            ProbeConfiguration s = context.configuration(key, a.tolerance());
            Tolerances.check("@ProbeHighConfidence", s, 1, "1 − p_c");
            specs.add(context.spec("high confidence: class " + c, key, context.space(a.generator()),
                    HighConfidence.of(classifier, c).withSigma(s.sigma()), classifier.name(), s, c));
        }
        return specs;
    }
}
