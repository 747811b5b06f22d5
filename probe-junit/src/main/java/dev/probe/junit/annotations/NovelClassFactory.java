package dev.probe.junit.annotations;

import dev.probe.core.model.Classifier;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeFactory;
import dev.probe.junit.extension.ProbeConfiguration;
import dev.probe.junit.extension.ProbeSpec;
import java.util.ArrayList;
import java.util.List;

/** High confidence in each of the classifier's classes on a generator of novel classes. */
final class NovelClassFactory implements ProbeFactory<NovelClassExtrapolation> {
    @Override
    public List<ProbeSpec> specs(NovelClassExtrapolation a, ProbeContext context) {
        Classifier classifier = context.classifier(a.model());
        if (a.generator().isBlank()) {
            // "" is the default space elsewhere: here it asked the in-distribution generator, under a novel-class title
            throw new IllegalArgumentException("@NovelClassExtrapolation needs generator = \"<name>\": the @Generator "
                    + "of the novel classes (a blank name would probe the ordinary generator under a novel-class title).");
        }
        SampleSpace novel = context.space(a.generator());
        List<ProbeSpec> specs = new ArrayList<>();
        for (int c : context.classesOrAll(a.classes(), classifier, "Novel-class")) {
            String key = Integer.toString(c);
            ProbeConfiguration s = context.configuration(key, a.tolerance());
            Tolerances.check("@NovelClassExtrapolation", s, 1, "1 − p_c");
            specs.add(context.spec("novel class: generator " + a.generator() + " classified as " + c, key, novel,
                    HighConfidence.of(classifier, c).withSigma(s.sigma()), classifier.name(), s, c).withUnreachableIsRobust());
        }
        return specs;
    }
}
