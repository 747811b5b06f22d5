package dev.probe.junit.annotations;

import dev.probe.core.model.Classifier;
import dev.probe.core.query.Ambivalent;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeFactory;
import dev.probe.junit.extension.ProbeConfiguration;
import dev.probe.junit.extension.ProbeSpec;
import java.util.ArrayList;
import java.util.List;

/** One ambivalence probe per pair of classes. */
final class AmbivalentFactory implements ProbeFactory<ProbeAmbivalent> {
    @Override
    public List<ProbeSpec> specs(ProbeAmbivalent a, ProbeContext context) {
        Classifier classifier = context.classifier(a.model());
        List<int[]> pairs = new ArrayList<>();
        if (a.pairs().length == 0) {
            for (int i = 0; i < classifier.classes(); i++) {
                for (int j = i + 1; j < classifier.classes(); j++) {
                    pairs.add(new int[] {i, j});
                }
            }
        }
        for (String text : a.pairs()) {
            int[] pair = parse(text, classifier);
            for (int[] earlier : pairs) {
                if (earlier[0] == pair[1] && earlier[1] == pair[0]) {
                    throw new IllegalArgumentException("@ProbeAmbivalent pairs \"" + earlier[0] + ":" + earlier[1] + "\" and \""
                            + text.trim() + "\" ask one question: ambivalence between two classes has no order. Remove one of them.");
                }
            }
            pairs.add(pair);
        }
        List<ProbeSpec> specs = new ArrayList<>();
        for (int[] p : pairs) {
            String key = p[0] + ":" + p[1];
            ProbeConfiguration s = context.configuration(key, a.tolerance());
            Tolerances.check("@ProbeAmbivalent", s, classifier.classes() > 2 ? 1 : 0.5,
                    "the ∞-norm from the class probabilities to (p_i, p_j) = (0.5, 0.5), others 0");
            specs.add(context.spec("ambivalent " + p[0] + " vs " + p[1], key, context.space(a.generator()),
                    Ambivalent.between(classifier, p[0], p[1]).withSigmas(s.sigma(), s.sigma()), classifier.name(), s, p[0], p[1]));
        }
        return specs;
    }

    private static int[] parse(String text, Classifier classifier) {
        String[] parts = text.split(":");
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].trim());
                int j = Integer.parseInt(parts[1].trim());
                if (i == j) {
                    throw new IllegalArgumentException("@ProbeAmbivalent pair \"" + text + "\" names class " + i
                            + " twice: ambivalence needs two different classes, e.g. \"1:7\".");
                }
                classifier.checkClass(i, "Ambivalent");
                classifier.checkClass(j, "Ambivalent");
                return new int[] {i, j};
            }
        } catch (NumberFormatException e) {
            // fall through to the format error
        }
        throw new IllegalArgumentException("@ProbeAmbivalent pair \"" + text + "\" is not of the form \"i:j\" (e.g. \"1:7\").");
    }
}
