package dev.probe.junit.annotations;

import dev.probe.core.model.Classifier;
import dev.probe.core.query.FullyAmbiguous;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeFactory;
import dev.probe.junit.extension.ProbeSettings;
import dev.probe.junit.extension.ProbeSpec;
import java.util.List;

/** The single fully-ambiguous probe. */
final class AmbiguousFactory implements ProbeFactory<ProbeAmbiguous> {
    @Override
    public List<ProbeSpec> specs(ProbeAmbiguous a, ProbeContext context) {
        Classifier classifier = context.classifier(a.model());
        ProbeSettings s = context.settings(a, "ambiguous");
        return List.of(Specs.spec(context, a, "fully ambiguous", "ambiguous", context.space(a.generator()),
                FullyAmbiguous.of(classifier).withSigma(s.sigma()), s, a.tolerance(), classifier.name()));
    }
}
