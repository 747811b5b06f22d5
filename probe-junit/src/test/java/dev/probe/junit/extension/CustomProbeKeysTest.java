package dev.probe.junit.extension;

import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.probe.core.model.Classifier;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.SamplerKind;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A team's own probe type names its invocations by keys of its choosing: keys that probe.only cannot select (a comma),
 * that are blank, or that share a report folder ("low income", "low/income": one report was silently lost) are
 * refused when the template expands.
 */
class CustomProbeKeysTest {

    /** A custom probe: one high-confidence probe of class 0 per key. */
    @TestTemplate
    @ExtendWith(ProbeExtension.class)
    @ProbeSource(value = KeysFactory.class, relaxation = ProbeSource.Relaxation.SIGMA)
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface KeysProbe {
        String[] keys();
    }

    static final class KeysFactory implements ProbeFactory<KeysProbe> {
        @Override
        public List<ProbeSpec> specs(KeysProbe a, ProbeContext context) {
            Classifier classifier = context.classifier("");
            List<ProbeSpec> specs = new ArrayList<>();
            for (String key : a.keys()) {
                ProbeConfiguration s = context.configuration(key, 0.1);
                specs.add(context.spec("class 0 (" + key + ")", key, context.space(""), HighConfidence.of(classifier, 0)
                        .withSigma(s.sigma()), classifier.name(), s, 0));
            }
            return specs;
        }
    }

    /** A custom probe whose @ProbeSource names a factory made for another annotation. */
    @TestTemplate
    @ExtendWith(ProbeExtension.class)
    @ProbeSource(value = KeysFactory.class, relaxation = ProbeSource.Relaxation.SIGMA)
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface WrongFactory {}

    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 10, draws = 10, maxRhat = 100, minAttainedEss = 1)
    static class Keys {
        @WrongFactory
        void wrongFactory(ProbeAnswer answer) {}

        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @KeysProbe(keys = {"low income", "low/income"})
        void sharedFolder(ProbeAnswer answer) {}

        @KeysProbe(keys = {"low,income"})
        void comma(ProbeAnswer answer) {}

        @KeysProbe(keys = {""})
        void blank(ProbeAnswer answer) {}

        @KeysProbe(keys = {"low-income", "high_income"})
        void fine(ProbeAnswer answer) {}

        @KeysProbe(keys = {})
        void none(ProbeAnswer answer) {}
    }

    @Test
    void keysThatCannotNameTheirOwnInvocationAreRefused() {
        var events = Fixtures.run(Keys.class, Map.of("probe.reportDir", "target/probe-reports-custom-keys"));
        events.allEvents().assertThatEvents()
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("the keys 'low income' and "
                        + "'low/income', which share the report folder 'low_income'")))))
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("the key 'low,income'")
                        && m.contains("must be non-blank and hold no comma")))))
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("the key ''")
                        && m.contains("must be non-blank")))))
                // was: "$Proxy16 cannot be cast to KeysProbe", naming neither the annotation nor the factory
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("@WrongFactory names the factory")
                        && m.contains("makes the invocations of @KeysProbe")
                        && m.contains("ProbeFactory<WrongFactory>")))))
                // was: "Keys#none has no invocations.", naming neither the factory nor the annotation
                .haveExactly(1, event(finishedWithFailure(message(m -> m.startsWith("Keys#none has no invocations: "
                        + KeysFactory.class.getName() + ", the factory of @KeysProbe, returned no ProbeSpec for @")))));
        events.testEvents().assertStatistics(s -> s.succeeded(2));
    }
}
