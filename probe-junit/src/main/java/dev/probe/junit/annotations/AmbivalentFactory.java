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
        int set = (a.pairs().length > 0 ? 1 : 0) + (a.classes().length > 0 ? 1 : 0) + (a.pairsFrom().isBlank() ? 0 : 1);
        if (set > 1) {
            throw new IllegalArgumentException("@ProbeAmbivalent sets more than one of pairs, classes and pairsFrom, which "
                    + "each choose the pairs: keep one.");
        }
        String[] texts = a.pairsFrom().isBlank() ? a.pairs() : pairsFrom(a.pairsFrom(), context);
        if (!a.pairsFrom().isBlank() && texts.length == 0) {
            throw new IllegalArgumentException("@ProbeAmbivalent pairsFrom = \"" + a.pairsFrom() + "\" gave no pairs: "
                    + "return at least one, or leave pairsFrom out for all pairs.");
        }
        if (texts.length == 0) {
            int[] among = a.classes().length == 0 ? java.util.stream.IntStream.range(0, classifier.classes()).toArray()
                    : a.classes().clone();
            for (int c : among) {
                classifier.checkClass(c, "Ambivalent");
            }
            if (java.util.Arrays.stream(among).distinct().count() < among.length || among.length < 2) {
                throw new IllegalArgumentException("@ProbeAmbivalent classes " + java.util.Arrays.toString(among) + " must "
                        + "name at least two different classes, each once.");
            }
            for (int i = 0; i < among.length; i++) {
                for (int j = i + 1; j < among.length; j++) {
                    pairs.add(new int[] {Math.min(among[i], among[j]), Math.max(among[i], among[j])});
                }
            }
        }
        for (String text : texts) {
            int[] pair = parse(text, classifier);
            for (int[] earlier : pairs) {
                if (earlier[0] == pair[0] && earlier[1] == pair[1]) {
                    throw new IllegalArgumentException("@ProbeAmbivalent pair \"" + text.trim() + "\" is listed twice: "
                            + "each pair is one invocation. Remove the repeat.");
                }
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

    /** The pairs of the member {@code name}, as text: {@code String[]} as is, {@code int[][]} rows as {@code "i:j"}. */
    private static String[] pairsFrom(String name, ProbeContext context) {
        Object value = context.member(name);
        if (value instanceof String[] texts) {
            return texts.clone();
        }
        if (value instanceof int[][] rows) {
            String[] out = new String[rows.length];
            for (int r = 0; r < rows.length; r++) {
                if (rows[r] == null || rows[r].length != 2) {
                    throw new IllegalArgumentException("@ProbeAmbivalent pairsFrom = \"" + name + "\": row " + r + " is "
                            + java.util.Arrays.toString(rows[r]) + ", not a pair {i, j} of class indices.");
                }
                out[r] = rows[r][0] + ":" + rows[r][1];
            }
            return out;
        }
        throw new IllegalArgumentException("@ProbeAmbivalent pairsFrom = \"" + name + "\" is a "
                + (value == null ? "null" : value.getClass().getSimpleName()) + ": return a String[] of \"i:j\" or an "
                + "int[][] of {i, j} class indices.");
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
        throw new IllegalArgumentException("@ProbeAmbivalent pair \"" + text + "\" is not of the form \"i:j\" of two "
                + "class indices (e.g. \"1:7\"): classes are named by their index in the classifier's output.");
    }
}
