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

    /** A team's regressor contrast (the core API's ModelContrast.regressors as a probe type). */
    @TestTemplate
    @ExtendWith(ProbeExtension.class)
    @ProbeSource(value = ContrastFactory.class, relaxation = ProbeSource.Relaxation.TAU)
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface RegressorContrast {
        double sigma();
    }

    static final class ContrastFactory implements ProbeFactory<RegressorContrast> {
        @Override
        public List<ProbeSpec> specs(RegressorContrast a, ProbeContext context) {
            ProbeConfiguration s = context.configuration("contrast", 0.1);
            return List.of(context.spec("priceA vs priceB", "contrast", context.space(""), dev.probe.core.query.ModelContrast
                    .regressors(context.regressor("PRICE_A"), context.regressor("PRICE_B"), a.sigma()).temperature(s.tau()),
                    "priceA", s));
        }
    }

    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 40, draws = 10, seed = "5")
    static class Prices {
        /** y = x0 + x1 and y + 0.5·x0 over [-3, 3]²: they differ by at most 1.5. */
        @ProbedModel static final dev.probe.core.model.Regressor PRICE_A = dev.probe.core.model.Regressor.of(
                dev.probe.core.model.BlackBoxFunction.of("priceA", 2, 1, rows -> java.util.Arrays.stream(rows)
                        .map(r -> new double[] {r[0] + r[1]}).toArray(double[][]::new)));
        @ProbedModel static final dev.probe.core.model.Regressor PRICE_B = dev.probe.core.model.Regressor.of(
                dev.probe.core.model.BlackBoxFunction.of("priceB", 2, 1, rows -> java.util.Arrays.stream(rows)
                        .map(r -> new double[] {r[0] + r[1] + 0.5 * r[0]}).toArray(double[][]::new)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @RegressorContrast(sigma = 5)
        void unreachable(ProbeAnswer answer) {}
    }

    /**
     * A regressor contrast that cannot differ by σ − tolerance says by how much the models' outputs differ and what
     * attains, in the outputs' units (a new user's read "'priceA' output 0.15 to 1.97: a threshold (alpha) and the
     * tolerance are in these units", about one model's output, and a contrast has no alpha).
     */
    @Test
    void anUnreachableRegressorContrastSaysHowFarTheModelsDifferInTheirUnits() {
        var events = Fixtures.run(Prices.class, Map.of("probe.reportDir", "target/probe-reports-custom-keys",
                "probe.notSampled", "fail"));
        events.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.matches("(?s).*Over "
                + "the samples the two models' outputs differ by [0-9.e-]+ to 1\\.[0-9]+ \\(‖y_a − y_b‖, in the outputs' "
                + "units\\), and a sample attains where ‖y_a − y_b‖ of 'priceA' and 'priceB' ≥ 4\\.9 \\(σ 5 − tolerance "
                + "0\\.1\\), in the outputs' units\\..*")
                && m.contains("\nattained when: ‖y_a − y_b‖ of 'priceA' and 'priceB' ≥ 4.9 (σ 5 − tolerance 0.1)")
                && !m.contains("alpha")))));
    }
}
