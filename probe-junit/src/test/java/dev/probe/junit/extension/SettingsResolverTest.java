package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.junit.annotations.ProbeDefaults;
import dev.probe.junit.annotations.SamplerKind;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsResolverTest {

    /** A probe annotation with the shared attributes, as every probe annotation declares them. */
    @Retention(RetentionPolicy.RUNTIME)
    @interface SomeProbe {
        int draws() default -1;

        int chains() default -1;

        int warmup() default -1;

        double sigma() default Double.NaN;

        SamplerKind sampler() default SamplerKind.AUTO;

        String seed() default "";
    }

    @ProbeDefaults(chains = 8, warmup = 50, sigma = 0.1)
    static class WithDefaults {
        @SomeProbe(draws = 7, chains = 3)
        void annotated() {}

        @SomeProbe
        void bare() {}

        @SomeProbe(seed = "12", sampler = SamplerKind.HMC)
        void seeded() {}

        @SomeProbe(chains = 0)
        void bad() {}
    }

    static class WithoutDefaults {
        @SomeProbe
        void bare() {}
    }

    private static SomeProbe probe(Class<?> type, String method) throws Exception {
        return type.getDeclaredMethod(method).getAnnotation(SomeProbe.class);
    }

    private static SettingsResolver resolver(Map<String, String> config) {
        return new SettingsResolver(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void annotationThenClassDefaultsThenConfigurationThenBuiltIn() throws Exception {
        SettingsResolver r = resolver(Map.of("probe.draws", "11", "probe.warmup", "99", "probe.tau", "0.5"));
        ProbeSettings s = r.resolve(probe(WithDefaults.class, "annotated"), WithDefaults.class, "id");
        assertThat(s.draws()).isEqualTo(7);
        assertThat(s.chains()).isEqualTo(3);
        assertThat(s.warmup()).isEqualTo(50); // class defaults beat configuration
        assertThat(s.sigma()).isEqualTo(0.1);
        assertThat(s.tau()).isEqualTo(0.5); // configuration
        assertThat(s.thin()).isEqualTo(ProbeSettings.THIN); // built-in
        assertThat(s.sources()).containsEntry("draws", "@SomeProbe").containsEntry("warmup", "@ProbeDefaults")
                .containsEntry("tau", "configuration probe.tau").containsEntry("thin", "built-in");

        ProbeSettings bare = r.resolve(probe(WithDefaults.class, "bare"), WithDefaults.class, "id");
        assertThat(bare.draws()).isEqualTo(11);
        assertThat(bare.chains()).isEqualTo(8);

        ProbeSettings none = resolver(Map.of()).resolve(probe(WithoutDefaults.class, "bare"), WithoutDefaults.class, "id");
        assertThat(none.draws()).isEqualTo(ProbeSettings.DRAWS);
        assertThat(none.chains()).isEqualTo(ProbeSettings.CHAINS);
        assertThat(none.sigma()).isEqualTo(0.05);
        assertThat(none.sampler()).isEqualTo(SamplerKind.AUTO);
        assertThat(none.notSampled()).isEqualTo(NotSampledPolicy.FAIL);
    }

    @Test
    void seedsAreExplicitOrStablyDerivedFromTheInvocation() throws Exception {
        SettingsResolver r = resolver(Map.of());
        assertThat(r.resolve(probe(WithDefaults.class, "seeded"), WithDefaults.class, "x").seed()).isEqualTo(12);
        assertThat(r.resolve(probe(WithDefaults.class, "seeded"), WithDefaults.class, "x").sampler()).isEqualTo(SamplerKind.HMC);
        long a = r.resolve(probe(WithDefaults.class, "bare"), WithDefaults.class, "A#m[1]").seed();
        long b = r.resolve(probe(WithDefaults.class, "bare"), WithDefaults.class, "A#m[1]").seed();
        long c = r.resolve(probe(WithDefaults.class, "bare"), WithDefaults.class, "A#m[2]").seed();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(resolver(Map.of("probe.seed", "5")).resolve(probe(WithDefaults.class, "bare"), WithDefaults.class, "A").seed())
                .isEqualTo(5);
    }

    @Test
    void budgetScalesWarmupAndDraws() throws Exception {
        ProbeSettings s = resolver(Map.of("probe.budget", "0.5", "probe.notSampled", "abort"))
                .resolve(probe(WithDefaults.class, "annotated"), WithDefaults.class, "id");
        assertThat(s.samplerConfig().warmup()).isEqualTo(25);
        assertThat(s.samplerConfig().draws()).isEqualTo(4); // never below 4 (R-hat needs them)
        assertThat(s.notSampled()).isEqualTo(NotSampledPolicy.ABORT);
    }

    @Test
    void invalidValuesNameTheSettingTheirSourceAndWhatIsExpected() throws Exception {
        assertThatThrownBy(() -> resolver(Map.of()).resolve(probe(WithDefaults.class, "bad"), WithDefaults.class, "id"))
                .hasMessageContaining("'chains' = 0").hasMessageContaining("@SomeProbe").hasMessageContaining("positive integer");
        assertThatThrownBy(() -> resolver(Map.of("probe.sigma", "-1")).resolve(probe(WithoutDefaults.class, "bare"), WithoutDefaults.class, "id"))
                .hasMessageContaining("'sigma'").hasMessageContaining("configuration probe.sigma");
        assertThatThrownBy(() -> resolver(Map.of("probe.sampler", "nuts")).resolve(probe(WithoutDefaults.class, "bare"), WithoutDefaults.class, "id"))
                .hasMessageContaining("AUTO, MALA, HMC, MH, SMOOTHED_MALA");
        assertThatThrownBy(() -> resolver(Map.of("probe.notSampled", "ignore")).resolve(probe(WithoutDefaults.class, "bare"), WithoutDefaults.class, "id"))
                .hasMessageContaining("fail or abort");
    }
}
