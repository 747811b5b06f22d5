package dev.probe.junit.extension;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.diagnostics.InvalidProposals;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Provenance;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.extension.ProbeSource.Relaxation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Populations whose particles had not settled into the target (settling drift above 4, as on Neal's funnel) are
 * "not converged" with the number and the levers, and {@code isConverged} refuses them, though their R̂, ESS and
 * attainment are all fine.
 */
class SettlingVerdictTest {

    /** 400 draws of 4 populations that all attain the target, R̂ 1.0, ESS 1,000, with the given settling drift. */
    private static ProbeAnswer populations(double drift) {
        return populations(drift, 0);
    }

    /** The same with the given plateau (nats). */
    private static ProbeAnswer populations(double drift, double plateau) {
        int n = 400;
        return ProbeAnswer.of(populationResult(n, 1.0, new double[n], drift, plateau, null), 0.1);
    }

    /**
     * {@code n} draws of 4 populations on a circle, all of outputs (0.05, 0.95) and the given largest
     * R̂, target distances, settling drift, plateau and prior mass (or none), the question's largest distance 1.
     */
    private static ProbeResult populationResult(int n, double rhat, double[] distances, double drift, double plateau,
            dev.probe.core.result.PriorMass mass) {
        return populationResult(n, rhat, distances, drift, plateau, mass, 0.6);
    }

    /** The same with every population's mean acceptance {@code acceptance}. */
    private static ProbeResult populationResult(int n, double rhat, double[] distances, double drift, double plateau,
            dev.probe.core.result.PriorMass mass, double acceptance) {
        return populationResult(n, rhat, distances, drift, plateau, mass, acceptance, new double[n]);
    }

    /** The same with the given energies. */
    private static ProbeResult populationResult(int n, double rhat, double[] distances, double drift, double plateau,
            dev.probe.core.result.PriorMass mass, double acceptance, double[] energies) {
        double[][] x = new double[n][];
        Arrays.setAll(x, i -> new double[] {Math.sin(i), Math.cos(i)});
        double[][] outputs = new double[n][];
        Arrays.setAll(outputs, i -> new double[] {0.05, 0.95});
        SamplerConfig config = SamplerConfig.builder().chains(4).warmup(10).draws(n / 4).seed(3).build();
        Diagnostics d = new Diagnostics(new double[] {acceptance, acceptance, acceptance, acceptance}, new double[] {rhat, 1.0},
                new double[] {1000, 1000},
                1.0, 1000, 1, 1, InvalidProposals.NONE, InvalidProposals.NONE, 20, 0, 0.1, drift, plateau);
        return new ProbeResult(new Provenance("high confidence of 1", "box", "SMC(MALA, 4×" + n / 4 + " particles, α=0.50, "
                + "moves 2–10)", config, d), 4, x, x, List.of("m"), new double[][][] {outputs}, energies, distances, mass,
                1.0);
    }

    private static ProbeConfiguration settings() throws Exception {
        return SettingsChain.of(SettlingVerdictTest.class.getDeclaredMethod("settings"), SettlingVerdictTest.class,
                k -> Optional.empty()).resolve(Relaxation.SIGMA, "@ProbeHighConfidence", Optional.empty(), "settling");
    }

    /**
     * A question whose energy is +∞ at every draw gave every particle zero weight: a new user was told to give more
     * particles and populations, which cannot help, and read "not converged, attainment 0.21" from draws with no weight.
     */
    @Test
    void anEnergyInfiniteAtEverySampleIsNamedAndNoBudgetIsAdvised() throws Exception {
        int n = 400;
        double[] distances = new double[n];
        Arrays.setAll(distances, i -> i % 20 == 0 ? 0 : 1); // the prior's share happens to attain
        double[] energies = new double[n];
        Arrays.fill(energies, Double.NaN);
        energies[7] = Double.POSITIVE_INFINITY;
        Verdict v = Verdict.of(ProbeAnswer.of(populationResult(n, Double.NaN, distances, 0, 0, null, 0.6, energies), 0.1),
                settings());
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_SAMPLED);
        assertThat(v.reason()).contains("every one of its 400 samples has a non-finite energy", "no budget changes that",
                "none of them attains it", "check its energy (Query.energy)",
                // or finite only on a sliver rarer than the draws: more of them find it (a new user's, at 8,192 particles)
                "If it is finite only on a region rarer than these draws could find (about 1 in 400 of the prior), more "
                        + "starting draws find it").doesNotContain("budget:");
        // one finite energy at an attained draw: that draw attains, and the usual advice
        energies[0] = 2.5;
        assertThat(Verdict.of(ProbeAnswer.of(populationResult(n, Double.NaN, distances, 0, 0, null, 0.6, energies), 0.1),
                settings()).reason()).doesNotContain("non-finite energy").contains("more particles");
    }

    @Test
    void unsettledPopulationsAreNotConvergedWithTheDriftAndTheLevers() throws Exception {
        assertThat(Verdict.of(populations(3.9), settings()).isConclusive()).isTrue();
        Verdict v = Verdict.of(populations(6.5), settings());
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_CONVERGED);
        assertThat(v.reason()).contains("settling drift 6.50 (allowed 4)", "had not settled", "sampler = HMC")
                .doesNotContain("R-hat 1.000:");
    }

    /**
     * Populations whose moves never moved a particle (a procedural space with keep(0): acceptance 0.000, status
     * DEGENERATE) agreed and met the evidence on copies of resampled starting draws.
     */
    @Test
    void populationsThatNeverMovedAreNotConverged() throws Exception {
        int n = 400;
        ProbeAnswer still = ProbeAnswer.of(populationResult(n, 1.0, new double[n], 1.0, 0, null, 0.0), 0.1);
        assertThat(still.evidence().isMetBy(still.result())).isFalse();
        Verdict v = Verdict.of(still, settings());
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_CONVERGED);
        assertThat(v.reason()).contains("acceptance 0.000 (at least 0.01 needed): the populations' moves almost never "
                + "moved a particle");
        ProbeAnswer moving = ProbeAnswer.of(populationResult(n, 1.0, new double[n], 1.0, 0, null, 0.02), 0.1);
        assertThat(Verdict.of(moving, settings()).isConclusive()).isTrue();
    }

    @Test
    void theLeversNamedAreThoseTheProbeHas() throws Exception {
        // a black box moved by Metropolis-Hastings, from fresh prior draws: no HMC, no prior pool to enlarge
        Verdict v = Verdict.of(populations(6.5), settings(), new Verdict.Levers(false, false, () -> Double.NaN));
        assertThat(v.reason()).contains("settling drift 6.50", "long chains (sampler = MH)").doesNotContain("HMC");
        Verdict pooled = Verdict.of(populations(6.5), settings(), new Verdict.Levers(true, true, () -> Double.NaN));
        assertThat(pooled.reason()).contains("chains (sampler = HMC");
    }

    /**
     * Populations that disagree (R̂ 1.44) and hold too few effective attained samples: the budget line says R̂ blocks
     * first and more particles help, not only "maxPopulations = 32 would give 100" (a user followed that: 132 effective
     * attained samples, R̂ still 1.42; twice the particles and a larger pool converged).
     */
    @Test
    void disagreeingPopulationsShortOfAttainedSamplesAreToldToGrowParticlesFirst() throws Exception {
        int n = 400;
        double[] distances = new double[n];
        Arrays.setAll(distances, i -> i % 20 == 0 ? 0 : 1); // 20 of 400 attain
        ProbeResult r = populationResult(n, 1.44, distances, 1.0, 0, null);
        Verdict v = Verdict.of(ProbeAnswer.of(r, 0.1), settings());
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_CONVERGED);
        assertThat(v.reason()).contains("budget: R-hat fails first (below), and more populations of the same size do not "
                + "make populations agree: give each more particles first (particles = 200, and a larger prior pool)")
                .contains("R-hat 1.440: the populations disagree").contains("maxPopulations = ");
        // populations that agree keep the plain projection
        Verdict agreeing = Verdict.of(populations(1.0), settings());
        assertThat(agreeing.reason()).doesNotContain("R-hat fails first");
    }

    /**
     * Populations that agree but fall just short: the advised maxPopulations lets the run grow (by at least 2
     * populations: a new user's advised 5 after 4 made nothing, and the same advice came back).
     */
    @Test
    void theAdvisedMaxPopulationsAlwaysAllowsARoundToBeAdded() throws Exception {
        int n = 400;
        double[] distances = new double[n];
        Arrays.setAll(distances, i -> i % 5 == 0 ? 0 : 1); // 80 of 400 attain, alike in every population
        ProbeResult r = populationResult(n, 1.0, distances, 1.0, 0, null);
        Verdict v = Verdict.of(ProbeAnswer.of(r, 0.1), settings());
        // the populations advised, of the current size (maxPopulations counts the first round's, which may differ)
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("about (\\d+) populations of").matcher(v.reason());
        assertThat(m.find()).as(v.reason()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(4 + 2);
    }

    /**
     * No draw came any nearer the target than the question allows (a class the model gives probability 0 everywhere):
     * the near misses' log Z is then the question's floor, not a lower bound worth reading ("log Z ≥ about −200.000,
     * at least 1 in 7.2 × 10^86 … may be far larger" was −1/(2σ²) exactly, a new user's report).
     */
    @Test
    void aPriorMassAtTheQuestionsFloorIsCalledSoNotABound() {
        int n = 40;
        double[] atFloor = new double[n];
        Arrays.fill(atFloor, 1.0);
        ProbeResult floor = populationResult(n, 1.0, atFloor, 1.0, 0, new dev.probe.core.result.PriorMass(-200, 0, 4));
        assertThat(Verdict.priorMass(ProbeAnswer.of(floor, 0.1))).hasValueSatisfying(m -> assertThat(m)
                .contains("log Z -200.000 (4 populations) is the question's floor").contains("closest 1.000 of at most 1.000")
                .doesNotContain("≥ about"));
        double[] near = atFloor.clone();
        near[7] = 0.4;
        ProbeResult misses = populationResult(n, 1.0, near, 1.0, 0, new dev.probe.core.result.PriorMass(-12, 0.5, 4));
        assertThat(Verdict.priorMass(ProbeAnswer.of(misses, 0.1))).hasValueSatisfying(m -> assertThat(m)
                .contains("log Z ≥ about -13.591")
                .contains("the lower end of the 95% interval of the estimate -12.000 ± 0.500 over 4 populations")
                .contains("may be far smaller (none, where the model cannot meet the target) or far larger"));
    }

    /**
     * Populations whose R̂ is undefined (one stalled below β = 1) are told why, not only "max R-hat NaN", and not also
     * that they disagree.
     */
    @Test
    void populationsWithAnUndefinedRhatAreToldThatOneDidNotReachTheTarget() throws Exception {
        Verdict v = Verdict.of(ProbeAnswer.of(populationResult(400, Double.NaN, new double[400], 1.0, 0, null), 0.1),
                settings());
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_CONVERGED);
        assertThat(v.reason()).contains("R-hat undefined: a population did not reach the target (it stalled below β = 1")
                // one cause, not a second that contradicts it (a new user read both)
                .doesNotContain("the populations disagree");
        assertThat(Verdict.of(populations(1.0), settings()).reason()).doesNotContain("R-hat undefined");
    }

    @Test
    void isConvergedRefusesUnsettledPopulations() {
        assertThat(populations(3.9)).isConverged();
        assertThatThrownBy(() -> assertThat(populations(6.5)).isConverged()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("settling drift <= 4").hasMessageContaining("settling drift 6.50");
        assertThatThrownBy(() -> assertThat(populations(6.5)).hasTargetAttainmentAtLeast(0.5))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the settling drift 6.50");
    }

    /**
     * Populations that crossed a plateau of the question's energy blind (a new user's 1-in-4·10¹⁰ corner: log Z 100
     * nats low with R̂ 1.05) are not converged, with the nats and the levers, though R̂, ESS and drift are fine.
     */
    @Test
    void populationsThatCrossedAPlateauBlindAreNotConverged() throws Exception {
        assertThat(Verdict.of(populations(1.0, 0.9), settings()).isConclusive()).isTrue();
        Verdict v = Verdict.of(populations(1.0, 115), settings());
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_CONVERGED);
        // a question with a prior mass is told of it; one without (a Gibbs probe: a new user's contrast) of its draws only
        assertThat(v.reason()).contains("plateau 115.0 nats (allowed 1)", "the draws can be biased", "a larger sigma")
                .doesNotContain("settling drift", "prior mass can be", "Probe.levelSetMass");
        // with a prior mass, the pool that would let the populations start beside the set, not "more particles" (a new
        // user's 4×1024 particles stayed unsettled where a larger pool settled)
        assertThat(Verdict.of(ProbeAnswer.of(populationResult(400, 1.0, new double[400], 1.0, 6.5,
                new dev.probe.core.result.PriorMass(-9.7, 0.1, 4)), 0.1), settings()).reason())
                .contains("the prior mass can be that many nats low", "a larger prior pool, about 522,240 draws")
                .doesNotContain("or more particles");
        // a set whose pool at this mass is impractical: count it first, said once (a new user read it twice, beside
        // "about more than 10^18" draws computed from a log Z the plateau had made 45 nats low)
        // (with R-hat failing too: its line named the count again, and a larger pool beside "impractical")
        String rare = Verdict.of(ProbeAnswer.of(populationResult(400, 1.5, new double[400], 1.0, 60.6,
                new dev.probe.core.result.PriorMass(-62.7, 4.5, 4)), 0.1), settings()).reason();
        assertThat(rare).contains("first count the set's mass with independent draws (Probe.levelSetMass): at this run's "
                + "prior mass a pool would need more than 10^18 draws", "the plateau can make that mass many nats low")
                .contains("R-hat 1.500: the populations disagree").doesNotContain("about more than", "better starts");
        assertThat(rare.split("Probe\\.levelSetMass", -1)).hasSize(2);
        // a practical pool at the estimate whose upper figure is not: count first, once, and the R-hat line defers to
        // the plateau's levers (a new user's read "a larger prior pool" twice, and "more particles" after "more particles
        // add no starting draws")
        String wide = Verdict.of(ProbeAnswer.of(populationResult(400, 1.5, new double[400], 1.0, 55.5,
                new dev.probe.core.result.PriorMass(-8.10, 12.72, 4)), 0.1), settings()).reason();
        assertThat(wide).contains("a larger prior pool, about", "that upper figure is more than is practical: to know "
                + "which pool it needs, first count the set's mass with independent draws (Probe.levelSetMass)",
                "R-hat 1.500: the populations disagree, as populations that each found the set late")
                .doesNotContain("better starts", "less spread between them");
        assertThat(wide.split("Probe\\.levelSetMass", -1)).hasSize(2);
        assertThat(wide.split("a larger prior pool", -1)).hasSize(2);
        // too few attained samples too: no maxPopulations is advised, since growth stops on a plateau (a new user was
        // told "maxPopulations = 8" under 16 and 32 alike)
        double[] few = new double[400];
        Arrays.fill(few, 1.0);
        for (int i = 0; i < few.length; i += 40) {
            few[i] = 0; // 10 of 400 attained
        }
        assertThat(Verdict.of(ProbeAnswer.of(populationResult(400, 1.0, few, 0.05, 115, null), 0.1),
                settings()).reason()).contains("budget: the run did not grow past its 4 populations, because they crossed "
                + "a plateau").doesNotContain("maxPopulations =");
        // a counterfactual short of its target is told of lambda beside the budget (a user was told x131 the budget,
        // and a tenth of lambda passed at the default one)
        ProbeAnswer shortOfIt = ProbeAnswer.of(populationResult(400, 1.0, few, 0.05, 0, null), 0.1);
        assertThat(Verdict.of(shortOfIt, settings(), new Verdict.Levers(true, false, () -> Double.NaN, true, false))
                .reason()).contains("maxPopulations = ", "for a counterfactual, first a smaller lambda");
        assertThat(Verdict.of(shortOfIt, settings()).reason()).doesNotContain("smaller lambda");
        // and that a lowered tau can lose what reached the target (a user's tau 0.005 left no attained sample)
        assertThat(new Verdict.Levers(true, false, () -> Double.NaN, true, false).question(settings()))
                .contains("a lowered tau can lose the samples that reached it");
        ProbeAnswer withMass = ProbeAnswer.of(populationResult(400, 1.0, new double[400], 1.0, 115,
                new dev.probe.core.result.PriorMass(-12, 0.5, 4)), 0.1);
        assertThat(Verdict.of(withMass, settings()).reason()).contains("the prior mass can be that many nats low and the "
                + "draws biased", "Probe.levelSetMass");
        assertThatThrownBy(() -> assertThat(populations(1.0, 115)).isConverged()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("plateau <= 1 nat").hasMessageContaining("plateau 115.00 nats");
        // a Gibbs probe's plateau is 1/tau deep: "a smaller temperature" made a new user's 1.3 nats 4.6
        ProbeConfiguration gibbs = SettingsChain.of(SettlingVerdictTest.class.getDeclaredMethod("settings"),
                SettlingVerdictTest.class, k -> Optional.empty()).resolve(Relaxation.TAU, "@ProbeModelContrast",
                Optional.empty(), "settling");
        assertThat(Verdict.of(populations(1.0, 115), gibbs).reason()).contains("a larger tau (the plateau's energy "
                + "scales with 1/tau").doesNotContain("smaller temperature", "sigma");
    }
}
