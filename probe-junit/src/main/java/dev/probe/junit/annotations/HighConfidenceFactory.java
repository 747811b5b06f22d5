package dev.probe.junit.annotations;

import dev.probe.core.model.Classifier;
import dev.probe.core.query.HighConfidence;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeFactory;
import dev.probe.junit.extension.ProbeSettings;
import dev.probe.junit.extension.ProbeSpec;
import java.util.ArrayList;
import java.util.List;

/** One high-confidence probe per class. */
final class HighConfidenceFactory implements ProbeFactory<ProbeHighConfidence> {
    @Override
    public List<ProbeSpec> specs(ProbeHighConfidence a, ProbeContext context) {
        Classifier classifier = context.classifier(a.model());
        List<ProbeSpec> specs = new ArrayList<>();
        for (int c : Specs.classesOrAll(a.classes(), classifier, "High-confidence")) {
            String key = Integer.toString(c);
            ProbeSettings s = context.settings(a, key);
            specs.add(Specs.spec(context, a, "high confidence: class " + c, key, context.space(a.generator()),
                    HighConfidence.of(classifier, c).withSigma(s.sigma()), s, a.tolerance(), classifier.name()));
        }
        return specs;
    }
}
