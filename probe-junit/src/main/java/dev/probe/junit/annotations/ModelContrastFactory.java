package dev.probe.junit.annotations;

import dev.probe.core.model.Classifier;
import dev.probe.core.query.ModelContrast;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeFactory;
import dev.probe.junit.extension.ProbeConfiguration;
import dev.probe.junit.extension.ProbeSpec;
import java.util.List;

/** The single contrast probe of two classifiers. */
final class ModelContrastFactory implements ProbeFactory<ProbeModelContrast> {
    @Override
    public List<ProbeSpec> specs(ProbeModelContrast a, ProbeContext context) {
        if (a.models().length != 2 || a.models()[0].equals(a.models()[1])) {
            throw new IllegalArgumentException("@ProbeModelContrast needs two different model names, got "
                    + java.util.Arrays.toString(a.models()) + ".");
        }
        Classifier first = context.classifier(a.models()[0]);
        Classifier second = context.classifier(a.models()[1]);
        ProbeConfiguration s = context.configuration("contrast", a.tolerance());
        Tolerances.check("@ProbeModelContrast", s, 1, "1 − the models' total-variation distance");
        // the title says what "attains" means: samples the models both call a 4 attain it when their probabilities
        // differ enough, and a reviewer read "contrast cnn vs mlp" as "the models disagree"
        // at least two decimals, and as many as the threshold has: tolerance 0.998 read "total variation ≥ 0.00"
        java.math.BigDecimal threshold = new java.math.BigDecimal(1 - s.tolerance()).round(new java.math.MathContext(6))
                .stripTrailingZeros();
        String name = String.format(java.util.Locale.ROOT, "contrast %s vs %s (total variation ≥ %s)", a.models()[0],
                a.models()[1], threshold.scale() < 2 ? threshold.setScale(2).toPlainString() : threshold.toPlainString());
        return List.of(context.spec(name, "contrast",
                context.space(a.generator()), ModelContrast.classifiers(first, second).temperature(s.tau()), first.name(), s));
    }
}
