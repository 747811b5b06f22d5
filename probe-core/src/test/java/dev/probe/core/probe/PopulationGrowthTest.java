package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.model.Classifier;
import dev.probe.core.population.SmcConfig;
import dev.probe.core.result.Evidence;
import dev.probe.core.sampler.SamplerConfig;
import org.junit.jupiter.api.Test;

/**
 * Population runs that grow toward converged evidence ({@link Sampling.Populations#until}): they add populations
 * while a larger run is projected to meet the evidence, stop after one round when the first already does or when
 * nothing attains the target, and replay for a seed. The level set is the linear-softmax high-confidence set of
 * {@link LinearSoftmaxPriorMass} (log Z known in closed form).
 */
class PopulationGrowthTest {
    private static final SamplerConfig BUDGET = budget(11);
    private static final Classifier CLASSIFIER = LinearSoftmaxPriorMass.classifier(0);
    /** Particles per population: too few for {@link #ENOUGH} effective attained samples in 4 populations. */
    private static final int PARTICLES = 24;
    /** The effective attained samples the growth tests ask for. */
    private static final int ENOUGH = 150;

    /** One draw per particle: the growth is what these tests are about ({@link #drawsPerParticleNeedFewerPopulations}). */
    private static SamplerConfig budget(long seed) {
        return SamplerConfig.builder().chains(8).draws(100).seed(seed).build();
    }

    private static PopulationResult run(int particles, Evidence evidence, int maxPopulations) {
        return run(particles, 1, evidence, maxPopulations);
    }

    private static PopulationResult run(int particles, int draws, Evidence evidence, int maxPopulations) {
        Probe probe = Probe.of(LinearSoftmaxPriorMass.space(), LinearSoftmaxPriorMass.query(CLASSIFIER, 0.05));
        return probe.samplePopulations(budget(5), Sampling.populations(
                SmcConfig.builder().particles(particles).draws(draws).build()).until(evidence, maxPopulations));
    }

    @Test
    void populationsWhoseStartsOverflowAPoolAreRefusedBeforeAnyDraw() {
        // 200 million particles × 16 populations overflowed an int to a pool smaller than the starts needed
        assertThatThrownBy(() -> run(200_000_000, new Evidence(1.05, ENOUGH, 0.1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Up to 16 populations of 200000000 particles start from 3200000000 distinct prior draws, more "
                        + "than a prior pool can hold: give fewer particles, or a smaller maxPopulations.");
    }

    @Test
    void populationsWhoseStartsExceedTheHeapAreRefusedNamingTheParticles() {
        // a new user's particles = 20,000,000 were refused as "a prior pool of 80000000 draws … give a pool of at most"
        assertThatThrownBy(() -> run(50_000_000, new Evidence(1.05, ENOUGH, 0.1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Up to 16 populations of 50000000 particles, starting from 800000000 distinct prior "
                        + "draws, needs at least")
                .hasMessageContaining("leave room for the rest) (setting particles), or a smaller maxPopulations");
    }

    @Test
    void drawsPerParticleNeedFewerPopulations() {
        Evidence evidence = new Evidence(1.05, ENOUGH, 0.1);
        PopulationResult one = run(PARTICLES, 1, evidence, 16);
        PopulationResult four = run(PARTICLES, SmcConfig.DEFAULT_DRAWS, evidence, 16);
        System.out.printf("1 draw per particle: %d populations, %d particle-gradients; %d draws: %d populations, %d%n",
                one.run().populations(), one.run().particleGradients(), SmcConfig.DEFAULT_DRAWS, four.run().populations(),
                four.run().particleGradients());
        assertThat(evidence.isMetBy(four.result())).isTrue();
        assertThat(four.run().populations()).isLessThan(one.run().populations());
        // the first round fell short with one draw per particle, so it went on to 4 before growing
        assertThat(four.run().describe()).contains(SmcConfig.DEFAULT_DRAWS + " draws each");
        assertThat(four.result().size()).isEqualTo(four.run().populations() * PARTICLES * SmcConfig.DEFAULT_DRAWS);
        // a first round that meets the evidence makes one draw per particle
        PopulationResult easy = run(PARTICLES, SmcConfig.DEFAULT_DRAWS, new Evidence(1.05, 10, 0.1), 16);
        assertThat(easy.run().describe()).doesNotContain("draws");
        assertThat(easy.result().size()).isEqualTo(4 * PARTICLES);
    }

    @Test
    void smallPopulationsGrowUntilTheyHoldEnoughAttainedSamples() {
        Evidence evidence = new Evidence(1.05, ENOUGH, 0.1);
        PopulationResult r = run(PARTICLES, evidence, 16);
        System.out.println(r.run().table());
        int made = r.run().populations();
        double ess = r.result().attainedEss(0.1);
        System.out.printf("populations %d, effective attained samples %.1f, max R-hat %.4f%n", made, ess,
                r.result().diagnostics().maxRhat());
        assertThat(made).isGreaterThan(4).isLessThanOrEqualTo(16);
        // rounds after the first project again from more populations (growth reads the populations' floor on the
        // ESS optimistically, so a round may add too few): their sizes add up to the populations made
        java.util.regex.Matcher rounds = java.util.regex.Pattern.compile("; rounds 4×" + PARTICLES + "((?: \\+ \\d+×"
                + PARTICLES + ")+)\\)").matcher(r.run().describe());
        assertThat(rounds.find()).as(r.run().describe()).isTrue();
        int added = java.util.Arrays.stream(rounds.group(1).split(" \\+ ")).filter(t -> !t.isBlank())
                .mapToInt(t -> Integer.parseInt(t.substring(0, t.indexOf('×')))).sum();
        assertThat(4 + added).isEqualTo(made);
        assertThat(r.result().provenance().kernel()).isEqualTo(r.run().describe());
        assertThat(evidence.isMetBy(r.result())).isTrue();
        assertThat(r.result().size()).isEqualTo(made * PARTICLES);
        assertThat(r.result().chains()).isEqualTo(made);
        assertThat(r.result().priorMass()).hasValueSatisfying(m -> assertThat(m.populations()).isEqualTo(made));
        // log Z pools every population: still the closed form, within 4 of its own standard errors
        double truth = LinearSoftmaxPriorMass.logZ(0, 0.05);
        assertThat(Math.abs(r.run().logPriorMass() - truth)).isLessThan(4 * r.run().logPriorMassStandardError());
        // the first round alone fell short, or it would not have grown
        PopulationResult first = run(PARTICLES, evidence, 4);
        assertThat(first.run().populations()).isEqualTo(4);
        assertThat(evidence.isMetBy(first.result())).isFalse();
    }

    @Test
    void aGrowingRunReplaysForItsSeed() {
        Evidence evidence = new Evidence(1.05, 100, 0.1);
        PopulationResult a = run(PARTICLES, evidence, 16);
        PopulationResult b = run(PARTICLES, evidence, 16);
        assertThat(b.run().populations()).isEqualTo(a.run().populations());
        assertThat(b.run().pooledParticles()).isDeepEqualTo(a.run().pooledParticles());
        assertThat(b.run().logPriorMasses()).containsExactly(a.run().logPriorMasses());
    }

    @Test
    void populationsThatDisagreeAreReplacedByWiderOnes() {
        Evidence evidence = new Evidence(1.05, 100, 0.1);
        // four populations of 6 particles, no growth: they disagree (R̂ fails)
        PopulationResult small = run(6, evidence, 4);
        System.out.printf("4 x 6: max R-hat %.4f%n", small.result().diagnostics().maxRhat());
        assertThat(small.result().diagnostics().maxRhat()).isGreaterThan(1.05);
        PopulationResult grown = run(6, evidence, 16);
        System.out.println(grown.run().table());
        // replaced once by populations of 12, then grown in number if needed; the set-aside round's cost is kept
        assertThat(grown.run().particles()).isEqualTo(12);
        assertThat(grown.run().describe()).contains(grown.run().populations() + "×12 particles")
                .contains("rounds (4×6: set aside) 4×12");
        assertThat(grown.run().populations()).isBetween(4, 8);
        assertThat(grown.run().particleGradients()).isGreaterThan(small.run().particleGradients());
        assertThat(grown.result().size()).isEqualTo(grown.run().populations() * 12);
    }

    @Test
    void queriesWithoutAPoolGrowFromFreshPriorDrawsAndReplay() {
        // a Gibbs query (not a level set): every round starts from its own seed's prior draws
        Probe probe = Probe.of(LinearSoftmaxPriorMass.space(),
                dev.probe.core.query.ModelContrast.classifiers(CLASSIFIER, dev.probe.core.model.TestModels.logisticRegression(
                        "flipped", java.util.Arrays.stream(LinearSoftmaxPriorMass.W).map(w -> -w).toArray(), 0)));
        Sampling.Populations how = Sampling.populations(SmcConfig.builder().particles(PARTICLES).draws(1).build())
                .until(new Evidence(1.05, 100, 0.5), 16);
        PopulationResult a = probe.samplePopulations(budget(9), how);
        PopulationResult b = probe.samplePopulations(budget(9), how);
        System.out.printf("contrast: %s, effective attained samples %.1f%n", a.run().describe(), a.result().attainedEss(0.5));
        assertThat(a.pool()).isNull();
        assertThat(a.run().populations()).isGreaterThan(4);
        assertThat(b.run().pooledParticles()).isDeepEqualTo(a.run().pooledParticles());
    }

    @Test
    void aRunThatAlreadyMeetsTheEvidenceMakesOneRound() {
        PopulationResult r = run(128, Evidence.DEFAULT, 0);
        assertThat(Evidence.DEFAULT.isMetBy(r.result())).isTrue();
        assertThat(r.run().populations()).isEqualTo(4);
    }

    @Test
    void noGrowthWhenNothingAttainsOrTheProjectionExceedsTheLimit() {
        // a tolerance no sample meets: nothing attains, so more of the same sampler would not help
        PopulationResult none = run(PARTICLES, new Evidence(1.05, 100, 1e-12), 16);
        assertThat(none.result().attainedEss(1e-12)).isZero();
        assertThat(none.run().populations()).isEqualTo(4);
        // a million effective samples cannot come from 16 populations of 24
        PopulationResult far = run(PARTICLES, new Evidence(1.05, 1e6, 0.1), 16);
        assertThat(far.run().populations()).isEqualTo(4);
    }

    @Test
    void growthLimitsAreChecked() {
        Sampling.Populations p = Sampling.populations();
        assertThatThrownBy(() -> p.until(Evidence.DEFAULT, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPopulations must be 0");
        assertThatThrownBy(() -> run(PARTICLES, Evidence.DEFAULT, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPopulations = 3 is below the first round's 4 populations");
        assertThatThrownBy(() -> new Evidence(0.9, 100, 0.1)).hasMessageContaining("maxRhat must be a number of at least 1");
        assertThatThrownBy(() -> new Evidence(1.05, -1, 0.1)).hasMessageContaining("minAttainedEss");
        assertThatThrownBy(() -> new Evidence(1.05, 100, 0)).hasMessageContaining("tolerance must be positive");
    }
}
