package dev.probe.junit.annotations;

import dev.probe.core.model.Classifier;
import dev.probe.core.probe.Probe;
import dev.probe.core.query.Query;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeSettings;
import dev.probe.junit.extension.ProbeSpec;
import java.lang.annotation.Annotation;
import java.util.stream.IntStream;

/** Shared steps of the probe factories (package-private plumbing). */
final class Specs {
    private Specs() {}

    /** The requested classes (validated), or every class of the classifier. */
    static int[] classesOrAll(int[] requested, Classifier classifier, String role) {
        if (requested.length == 0) {
            return IntStream.range(0, classifier.classes()).toArray();
        }
        for (int c : requested) {
            classifier.checkClass(c, role);
        }
        return requested.clone();
    }

    /** A spec with the annotation's tolerance and the class's oracle (if any). */
    static ProbeSpec spec(ProbeContext context, Annotation annotation, String displayName, String key, SampleSpace space,
            Query query, ProbeSettings settings, double tolerance, String model) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be positive, got " + tolerance + " on @"
                    + annotation.annotationType().getSimpleName());
        }
        return new ProbeSpec(displayName, key, Probe.of(space, query), settings, tolerance,
                context.oracle().orElse(null), model);
    }
}
