package dev.probe.junit.annotations;

import ai.djl.nn.Block;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.WeightNoise;
import dev.probe.core.query.ParameterSensitive;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeFactory;
import dev.probe.junit.extension.ProbeConfiguration;
import dev.probe.junit.extension.ProbeSpec;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** The single parameter-sensitivity probe of a DJL classifier. */
final class ParameterSensitiveFactory implements ProbeFactory<ProbeParameterSensitive> {
    @Override
    public List<ProbeSpec> specs(ProbeParameterSensitive a, ProbeContext context) {
        Classifier classifier = context.classifier(a.model());
        Supplier<Block> architecture = () -> {
            Object block = context.member(a.architecture());
            if (!(block instanceof Block b)) {
                throw new IllegalArgumentException("@ProbeParameterSensitive architecture = \"" + a.architecture()
                        + "\" must name a static method of " + context.testClass().getSimpleName() + " returning a new ai.djl.nn.Block.");
            }
            return b;
        };
        WeightNoise noise = WeightNoise.gaussian(a.sd(), a.perturbations(), a.noiseSeed());
        ProbeConfiguration s = context.configuration("sensitive", a.tolerance());
        // a tolerance at which every sample attains passed at attainment 1.0 (a new user's tolerance = 5)
        Tolerances.check("@ProbeParameterSensitive", s, classifier.classes() == 2 ? 1 : 0.5, classifier.classes() == 2
                ? "the copies' root-mean-square gap to the flipped prediction" : "σ − the copies' mean distance, σ = 0.5");
        ParameterSensitive query = classifier.classes() == 2 ? ParameterSensitive.binary(classifier, architecture, noise)
                : ParameterSensitive.multiClass(classifier, architecture, noise);
        String name = String.format(Locale.ROOT, "parameter-sensitive: %s, sd %s, K %d", classifier.name(), a.sd(),
                a.perturbations());
        return List.of(context.spec(name, "sensitive", context.space(a.generator()), query.temperature(s.tau()),
                classifier.name(), s));
    }
}
