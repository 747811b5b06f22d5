package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.junit.ProbeSettings;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.extension.ProbeSource.Relaxation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One typed chain: method, composed annotation, class, enclosing class, configuration, built-in. */
class SettingsChainTest {

    @Retention(RetentionPolicy.RUNTIME)
    @ProbeSettings(chains = 64, warmup = 1000, draws = 500, sampler = SamplerKind.HMC)
    @interface NightlyProbe {}

    /** A team annotation that carries another: its values are {@code @NightlyProbe}'s. */
    @Retention(RetentionPolicy.RUNTIME)
    @NightlyProbe
    @interface ConfidentNightly {}

    static class Nested {
        @ConfidentNightly
        void confident() {}
    }

    @ProbeSettings(chains = 8, warmup = 50, sigma = 0.1, seed = "42")
    static class Outer {
        @ProbeSettings(chains = 4)
        static class Inner {
            @ProbeSettings(draws = 7)
            void annotated() {}

            @NightlyProbe
            @ProbeSettings(draws = 9)
            void nightly() {}

            void bare() {}
        }
    }

    static class Plain {
        void bare() {}
    }

    @ProbeSettings(chains = 8, warmup = 300, sampler = SamplerKind.SMC)
    static class Base {}

    @NightlyProbe
    static class Middle extends Base {}

    @ProbeSettings(seed = "5")
    static class Sub extends Middle {
        @ProbeSettings(draws = 7)
        void annotated() {}
    }

    @ProbeSettings(sampler = SamplerKind.MH)
    static class ByMh {
        @ProbeSettings(sampler = SamplerKind.AUTO)
        void auto() {}

        void bare() {}
    }

    @Test
    void anExplicitAutoOnAMethodOverridesItsClassesSampler() throws Exception {
        // AUTO was the attribute's default, so it could not be told from "not set": the class's MH won
        ProbeConfiguration auto = resolve(ByMh.class, "auto", Map.of(), Relaxation.SIGMA, Optional.empty());
        assertThat(auto.sampler()).isEqualTo(SamplerKind.AUTO);
        assertThat(auto.source("sampler")).isEqualTo("@ProbeSettings on ByMh#auto");
        assertThat(resolve(ByMh.class, "bare", Map.of(), Relaxation.SIGMA, Optional.empty()).sampler())
                .isEqualTo(SamplerKind.MH);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolve(Plain.class, "bare", Map.of("probe.sampler",
                "inherit"), Relaxation.SIGMA, Optional.empty())).hasMessageContaining("expected one of [AUTO, MALA");
    }

    /**
     * A configured value is checked where the probe does not use it too: a new user's {@code -Dprobe.sigma=abc} failed
     * the σ probes and let the τ probes beside them pass without a word. A valid unused one is still ignored.
     */
    @Test
    void aConfiguredValueIsCheckedWhereTheProbeDoesNotUseIt() throws Exception {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolve(Plain.class, "bare", Map.of("probe.sigma", "abc"),
                Relaxation.TAU, Optional.empty())).hasMessageContaining("Probe setting 'sigma' = \"abc\"")
                .hasMessageContaining("is invalid: expected a positive number");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolve(Plain.class, "bare", Map.of("probe.tau", "-1"),
                Relaxation.SIGMA, Optional.empty())).hasMessageContaining("Probe setting 'tau'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolve(Plain.class, "bare", Map.of("probe.sampler", "MALA",
                "probe.particles", "many"), Relaxation.SIGMA, Optional.empty())).hasMessageContaining("'particles'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolve(Plain.class, "bare", Map.of("probe.smoothing", "x"),
                Relaxation.SIGMA, Optional.empty())).hasMessageContaining("'smoothing'");
        assertThat(resolve(Plain.class, "bare", Map.of("probe.sigma", "0.2"), Relaxation.TAU, Optional.empty()).tau())
                .isEqualTo(resolve(Plain.class, "bare", Map.of(), Relaxation.TAU, Optional.empty()).tau());
    }

    private static ProbeConfiguration resolve(Class<?> type, String method, Map<String, String> config, Relaxation r,
            Optional<Double> tolerance) throws Exception {
        return SettingsChain.of(type.getDeclaredMethod(method), type, k -> Optional.ofNullable(config.get(k)))
                .resolve(r, "@SomeProbe", tolerance, type.getName() + "#" + method + "[k]");
    }

    @Test
    void eachSettingComesFromTheFirstLinkThatSetsIt() throws Exception {
        ProbeConfiguration c = resolve(Outer.Inner.class, "annotated", Map.of("probe.draws", "11", "probe.warmup", "99",
                "probe.tau", "0.5", "probe.thin", "2"), Relaxation.SIGMA, Optional.empty());
        assertThat(c.draws()).isEqualTo(7);
        assertThat(c.chains()).isEqualTo(4);
        assertThat(c.warmup()).isEqualTo(50);
        assertThat(c.sigma()).isEqualTo(0.1);
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.thin()).isEqualTo(2);
        assertThat(c.tolerance()).isEqualTo(0.1);
        assertThat(c.maxRhat()).isEqualTo(1.05);
        assertThat(c.minAttainedEss()).isEqualTo(100);
        assertThat(c.source("draws")).isEqualTo("@ProbeSettings on Inner#annotated");
        assertThat(c.source("chains")).isEqualTo("@ProbeSettings on Inner");
        assertThat(c.source("warmup")).isEqualTo("@ProbeSettings on Outer");
        assertThat(c.source("thin")).isEqualTo("launcher parameter probe.thin");
        assertThat(c.source("tolerance")).isEqualTo("built-in");
        assertThat(c.source("tau")).isEqualTo("not applicable");
        assertThat(c.summary()).doesNotContain("tau=");
        // diagnostics.txt read populations=0 particles=0 where the run used 4 × 32: the values used, and none for chains
        assertThat(c.summary(true)).doesNotContain("populations=0", "particles=0", "maxPopulations=0")
                .containsPattern("populations=[1-9]").containsPattern("particles=[1-9]");
        assertThat(c.summary(false)).doesNotContain("populations=", "particles=");
    }

    @Test
    void aTeamsComposedAnnotationCarriesSettingsAndTheDirectOneStillWins() throws Exception {
        ProbeConfiguration c = resolve(Outer.Inner.class, "nightly", Map.of(), Relaxation.TAU, Optional.of(0.3));
        assertThat(c.draws()).isEqualTo(9);
        assertThat(c.chains()).isEqualTo(64);
        assertThat(c.warmup()).isEqualTo(1000);
        assertThat(c.sampler()).isEqualTo(SamplerKind.HMC);
        assertThat(c.tau()).isEqualTo(1.0);
        assertThat(c.tolerance()).isEqualTo(0.3);
        assertThat(c.source("chains")).isEqualTo("@NightlyProbe on Inner#nightly");
        assertThat(c.source("tolerance")).isEqualTo("@SomeProbe");
    }

    @Test
    void aTeamAnnotationCarriedByAnotherIsNamedWhereItsValuesAreWritten() throws Exception {
        // a new user's table read "@ConfidentOnBothClasses on ...", where the values were written on @FraudCi
        ProbeConfiguration c = resolve(Nested.class, "confident", Map.of(), Relaxation.SIGMA, Optional.empty());
        assertThat(c.chains()).isEqualTo(64);
        assertThat(c.source("chains")).isEqualTo("@NightlyProbe via @ConfidentNightly on Nested#confident");
    }

    @Test
    void aSubclassesSettingsAddToItsSuperclassesAttributeByAttribute() throws Exception {
        ProbeConfiguration c = resolve(Sub.class, "annotated", Map.of("probe.chains", "2"), Relaxation.SIGMA, Optional.empty());
        assertThat(c.seed()).isEqualTo(5);
        assertThat(c.draws()).isEqualTo(7);
        assertThat(c.chains()).isEqualTo(64);
        assertThat(c.warmup()).isEqualTo(1000);
        assertThat(c.sampler()).isEqualTo(SamplerKind.HMC);
        assertThat(c.source("seed")).isEqualTo("@ProbeSettings on Sub");
        assertThat(c.source("chains")).isEqualTo("@NightlyProbe on Middle");
        ProbeConfiguration base = resolve(Sub.class, "annotated", Map.of(), Relaxation.SIGMA, Optional.empty());
        assertThat(base.thin()).isEqualTo(1);
        assertThat(base.source("thin")).isEqualTo("built-in");
    }

    /** Only the bottom class sets seed; chains, warmup and sampler come from the superclass, not the built-ins. */
    @Test
    void aSubclassSettingOnlyTheSeedKeepsTheSuperclassesBudget() throws Exception {
        ProbeConfiguration c = SettingsChain.of(Plain.class.getDeclaredMethod("bare"), SeedOnly.class, k -> Optional.empty())
                .resolve(Relaxation.SIGMA, "@SomeProbe", Optional.empty(), "x");
        assertThat(c.seed()).isEqualTo(5);
        assertThat(c.chains()).isEqualTo(8);
        assertThat(c.warmup()).isEqualTo(300);
        assertThat(c.sampler()).isEqualTo(SamplerKind.SMC);
        assertThat(c.source("chains")).isEqualTo("@ProbeSettings on Base");
    }

    @ProbeSettings(seed = "5")
    static class SeedOnly extends Base {}

    @Test
    void seedsAreSetOrStablyDerivedFromTheInvocation() throws Exception {
        ProbeConfiguration a = resolve(Plain.class, "bare", Map.of(), Relaxation.SIGMA, Optional.empty());
        ProbeConfiguration b = resolve(Plain.class, "bare", Map.of(), Relaxation.SIGMA, Optional.empty());
        assertThat(a.seed()).isEqualTo(b.seed()).isEqualTo(SettingsChain.stableHash(Plain.class.getName() + "#bare[k]"));
        assertThat(a.source("seed")).isEqualTo("derived from " + Plain.class.getName() + "#bare[k]");
        assertThat(resolve(Plain.class, "bare", Map.of("probe.seed", "5"), Relaxation.SIGMA, Optional.empty()).seed())
                .isEqualTo(5);
        assertThat(a.chains()).isEqualTo(32);
        assertThat(a.draws()).isEqualTo(100);
        assertThat(a.warmup()).isEqualTo(200);
        assertThat(a.sampler()).isEqualTo(SamplerKind.AUTO);
        assertThat(a.notSampled()).isEqualTo(Inconclusive.FAIL);
    }

    @Test
    void theBudgetScalesWarmupAndDrawsButNeverBelowFour() throws Exception {
        ProbeConfiguration c = resolve(Outer.Inner.class, "annotated", Map.of("probe.budget", "0.5",
                "probe.notConverged", "abort"), Relaxation.SIGMA, Optional.empty());
        assertThat(c.samplerConfig().warmup()).isEqualTo(25);
        assertThat(c.samplerConfig().draws()).isEqualTo(4);
        assertThat(c.notConverged()).isEqualTo(Inconclusive.ABORT);
        // the listing shows what ran beside what was set
        assertThat(c.describe()).containsPattern("warmup +50 \\(25 at budget 0\\.5\\) ")
                .containsPattern("draws +[0-9]+ \\(4 at budget 0\\.5\\) ");
        // at budget 1 too: draws = 3 ran as 4, and the listing said 3 (a new user's tiny chains)
        ProbeConfiguration three = resolve(Plain.class, "bare", Map.of("probe.draws", "3"), Relaxation.SIGMA,
                Optional.empty());
        assertThat(three.samplerConfig().draws()).isEqualTo(4);
        assertThat(three.describe()).containsPattern("draws +3 \\(4 ran: the fewest Probe runs\\) +launcher parameter probe.draws")
                .containsPattern("warmup +200 +built-in");
    }

    /**
     * Particles from the budget scale with it also where the 128-particle floor set them: a user's nightly profile at
     * budget 2 (chains 8, warm-up 100, draws 30) ran the quick profile's 4 × 32 while the listing said budget 2.0.
     */
    @Test
    void theBudgetScalesParticlesAlsoWhereTheFloorSetThem() throws Exception {
        Map<String, String> small = Map.of("probe.chains", "8", "probe.warmup", "100", "probe.draws", "30");
        ProbeConfiguration quick = resolve(Plain.class, "bare", small, Relaxation.SIGMA, Optional.empty());
        assertThat(quick.smcConfig()).isNull(); // budget 1: the engine's own SmcConfig.fromBudget, 4 × 32
        assertThat(quick.budgetPopulations().particles()).isEqualTo(32);
        // at the floor the listing says so: a new user's chains 4, warmup 10, draws 5 ran as 8, 100, 30 do
        assertThat(quick.describe(true)).contains("particles       32 (from the budget: its floor, 128 in all; chains x "
                + "(warmup + draws x thin) / 20 is 52, so chains, warmup and draws below it change nothing)");
        java.util.Map<String, String> nightly = new java.util.HashMap<>(small);
        nightly.put("probe.budget", "2");
        ProbeConfiguration twice = resolve(Plain.class, "bare", nightly, Relaxation.SIGMA, Optional.empty());
        assertThat(twice.smcConfig().particles()).isEqualTo(64);
        assertThat(twice.smcConfig().populations()).isEqualTo(4);
        assertThat(twice.describe(true)).containsPattern("particles +64 \\(from the budget\\)");
        // chains, warmup and draws size the particles here (listed as they are); with particles set they size nothing
        assertThat(quick.describe(true)).containsPattern("chains +8 +launcher").doesNotContain("unused");
        ProbeConfiguration set = resolve(Plain.class, "bare", Map.of("probe.chains", "8", "probe.particles", "64"),
                Relaxation.SIGMA, Optional.empty());
        assertThat(set.describe(true)).containsPattern("chains +8 \\(unused: particles set\\) +launcher")
                .containsPattern("warmup +200 \\(unused: particles set\\) +built-in");
        assertThat(set.describe(false)).doesNotContain("unused"); // chains run them
        // the report's one-line listing leaves them out (a new user's diagnostics.txt listed them as run)
        assertThat(set.summary(true)).doesNotContain("chains=", "warmup=", "draws=", "thin=").contains("particles=64");
        assertThat(set.summary(false)).contains("chains=8", "warmup=200");
        assertThat(quick.summary(true)).contains("chains=8", "warmup=100");
        nightly.put("probe.budget", "0.5"); // below 1 the floor holds
        assertThat(resolve(Plain.class, "bare", nightly, Relaxation.SIGMA, Optional.empty()).smcConfig().particles())
                .isEqualTo(32);
    }

    @Test
    void invalidConfigurationNamesTheSettingItsSourceAndWhatIsExpected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolve(Plain.class, "bare", Map.of("probe.sampler", "nuts"),
                Relaxation.SIGMA, Optional.empty())).hasMessage("Probe setting 'sampler' = \"nuts\" (from launcher "
                        + "parameter probe.sampler) is invalid: expected one of [AUTO, MALA, HMC, MH, SMOOTHED_MALA, SMC].");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolve(Plain.class, "bare", Map.of("probe.notConverged",
                "ignore"), Relaxation.SIGMA, Optional.empty())).hasMessage("Probe setting 'notConverged' = \"ignore\" (from "
                        + "launcher parameter probe.notConverged) is invalid: expected fail or abort.");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolve(Plain.class, "bare", Map.of("probe.maxRhat", "0.9"),
                Relaxation.SIGMA, Optional.empty())).hasMessage("Probe setting 'maxRhat' = 0.9 (from launcher "
                        + "parameter probe.maxRhat) is invalid: expected a number of at least 1.");
    }

    @Test
    void aConfigurationValueSaysWhichOfJUnitsThreeSourcesGaveIt() {
        java.util.Properties file = new java.util.Properties();
        file.setProperty("probe.draws", "40");
        // a CI engineer's three sources all read "configuration probe.x"
        assertThat(ConfigurationSource.of("probe.draws", "40", "40", file)).isEqualTo("system property");
        assertThat(ConfigurationSource.of("probe.draws", "2", "3", file)).as("beat the -D").isEqualTo("launcher parameter");
        assertThat(ConfigurationSource.of("probe.draws", "40", null, file)).isEqualTo("junit-platform.properties");
        assertThat(ConfigurationSource.of("probe.draws", "2", null, file)).isEqualTo("launcher parameter");
        assertThat(ConfigurationSource.of("probe.thin", "2", null, file)).isEqualTo("launcher parameter");
    }

    /**
     * A -D that a launcher parameter hides is noted: a new user's -Dprobe.budget=2 lost to a literal 0.5 in Surefire's
     * configurationParameters, and only a failing probe's settings listing showed it.
     */
    @Test
    void aSystemPropertyHiddenByALauncherParameterIsNoted() {
        assertThat(ConfigurationSource.hiddenProperty("probe.budget", "0.5", "2")).hasValueSatisfying(note -> assertThat(note)
                .startsWith("note: -Dprobe.budget=2 is hidden by the launcher parameter probe.budget = 0.5")
                .contains("so the probes run with 0.5", "(probe.budget = ${probe.budget})"));
        assertThat(ConfigurationSource.hiddenProperty("probe.budget", "2", " 2")).isEmpty(); // the -D itself, or interpolated
        assertThat(ConfigurationSource.hiddenProperty("probe.budget", "0.5", null)).isEmpty(); // no -D
        assertThat(ConfigurationSource.hiddenProperty("probe.budget", null, "2")).isEmpty();
    }

    /** A configured value that is not valid fails the probe even where an annotation sets that setting. */
    @Test
    void anInvalidConfiguredValueFailsEvenWhereAnAnnotationSetsTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SettingsChain.of(Plain.class.getDeclaredMethod("bare"),
                SeedOnly.class, k -> k.equals("probe.chains") ? Optional.of("abc") : Optional.empty())
                .resolve(Relaxation.SIGMA, "@SomeProbe", Optional.empty(), "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Probe setting 'chains' = \"abc\"");
    }

    /** A pool size set for a question that uses no pool is listed as set and unused, not as "none" from the annotation. */
    @Test
    void aPoolSizeAQuestionDoesNotUseIsListedAsUnused() throws Exception {
        ProbeConfiguration c = resolve(Plain.class, "bare", Map.of("probe.pool", "4096"), Relaxation.TAU, Optional.empty());
        dev.probe.core.probe.Probe contrast = dev.probe.core.probe.Probe.of(Fixtures.box(), dev.probe.core.query.ModelContrast
                .classifiers(Fixtures.threeClasses(), Fixtures.unreachableClassTwo()));
        assertThat(contrast.usesPool()).isFalse();
        assertThat(c.forProbe(contrast).describe()).contains("4096 (unused: this question uses no prior pool)")
                .doesNotContain("none (");
        ProbeConfiguration unset = resolve(Plain.class, "bare", Map.of(), Relaxation.TAU, Optional.empty());
        assertThat(unset.forProbe(contrast).describe()).contains("none (this question uses no prior pool)");
    }

    /**
     * A -D that an annotation hides is noted: a new user edited the seed of a printed re-run command of a class with
     * {@code @ProbeSettings(seed = "12345")} and got the same samples without a word.
     */
    @Test
    void aSystemPropertyHiddenByAnAnnotationIsNoted() throws Exception {
        ProbeConfiguration seeded = SettingsChain.of(Plain.class.getDeclaredMethod("bare"), SeedOnly.class,
                k -> Optional.empty()).resolve(Relaxation.SIGMA, "@SomeProbe", Optional.empty(), "x");
        assertThat(ConfigurationSource.hiddenByAnnotation(Setting.SEED, "777", seeded, "SeedOnly#bare")).hasValue("note: "
                + "-Dprobe.seed=777 does not apply to the probes of SeedOnly#bare where @ProbeSettings on SeedOnly sets seed "
                + "= 5: annotations come before configuration parameters (README, \"Settings: one place\"). To run them "
                + "with another value, change or remove the annotation's. Said once per setting and test method.");
        assertThat(ConfigurationSource.hiddenByAnnotation(Setting.SEED, " 5", seeded, "SeedOnly")).isEmpty(); // the same
        assertThat(ConfigurationSource.hiddenByAnnotation(Setting.SEED, null, seeded, "SeedOnly")).isEmpty(); // no -D
        ProbeConfiguration plain = resolve(Plain.class, "bare", Map.of("probe.seed", "777"), Relaxation.SIGMA,
                Optional.empty());
        assertThat(ConfigurationSource.hiddenByAnnotation(Setting.SEED, "777", plain, "Plain")).isEmpty(); // it applies
        assertThat(ConfigurationSource.hiddenByAnnotation(Setting.CHAINS, "16", seeded, "SeedOnly"))
                .hasValueSatisfying(n -> assertThat(n).contains("@ProbeSettings on Base sets chains = 8"));
    }
}
