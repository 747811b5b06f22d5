package dev.probe.junit.extension;

import static dev.probe.junit.extension.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.probe.core.model.Classifier;
import dev.probe.core.population.SmcConfig;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** sampler = SMC: populations of particles, their settings, and the prior mass in the summary. */
class PopulationSamplingTest {

    @ProbeSettings(sampler = SamplerKind.SMC, populations = 2, particles = 64, seed = "13", maxRhat = 10,
            minAttainedEss = 1)
    static class Populations {
        static final Map<String, ProbeResult> RESULTS = new ConcurrentHashMap<>();

        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {
            RESULTS.put(answer.key(), answer.result());
        }
    }

    static class PopulationsWithoutSmc {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        @ProbeSettings(sampler = SamplerKind.MALA, populations = 4)
        void confident(ProbeAnswer answer) {}
    }

    /** No seed of its own: swept with probe.seed. */
    @ProbeSettings(sampler = SamplerKind.SMC, populations = 2, particles = 64, maxRhat = 10, minAttainedEss = 1)
    static class SeedSwept {
        static final Map<Long, ProbeResult> RESULTS = new ConcurrentHashMap<>();

        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {
            RESULTS.merge(answer.result().seed(), answer.result(), (a, b) -> {
                assertThat(b.priorMass()).as("the same seed replays").isEqualTo(a.priorMass());
                return a;
            });
        }
    }

    /** maxDivergences judges HMC chains; populations are judged by their settling drift. */
    static class DivergencesOnPopulations {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        @ProbeSettings(sampler = SamplerKind.SMC, maxDivergences = 5)
        void confident(ProbeAnswer answer) {}
    }

    /** maxDivergences judges HMC chains only: MH chains never diverge. */
    static class DivergencesOnMhChains {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        @ProbeSettings(sampler = SamplerKind.MH, maxDivergences = 2)
        void confident(ProbeAnswer answer) {}
    }

    /** AUTO samples a level-set probe over a proper prior by populations, and takes their settings. */
    @ProbeSettings(populations = 3, particles = 32, seed = "17", maxRhat = 10, minAttainedEss = 1)
    static class AutoPopulations {
        static final Map<String, ProbeResult> RESULTS = new ConcurrentHashMap<>();

        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 1)
        void confident(ProbeAnswer answer) {
            RESULTS.put(answer.key(), answer.result());
        }
    }

    /** Populations under a derived seed: they start from the pool's fixed stream, which every derived seed shares. */
    @ProbeSettings(populations = 2, particles = 32, maxRhat = 10, minAttainedEss = 1)
    static class DerivedSeed {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 2)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void theReportOfPopulationsFromTheFixedPoolSaysItsLogZRepeatsUnderEveryDerivedSeed() {
        // a reviewer took the same log Z under two derived seeds for independent confirmation
        run(DerivedSeed.class, Map.of("probe.reportDir", "target/probe-reports-pool-derived")).testEvents()
                .assertStatistics(s -> s.finished(1));
        assertThat(Path.of("target/probe-reports-pool-derived/PopulationSamplingTest$DerivedSeed/confident/2/"
                + "diagnostics.txt")).content().contains("drawn from the pool's fixed stream whatever the sampler's seed, "
                        + "so a log Z settled in the first stages repeats under every derived seed, and probes on this pool "
                        + "share its error (not independent confirmation)");
    }

    /** Chains, warmup and draws far below the populations' floor: they change nothing, and the console says so. */
    @ProbeSettings(chains = 1, warmup = 1, draws = 1, seed = "5", maxRhat = 10, minAttainedEss = 1)
    static class BelowTheFloor {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = {0, 1})
        void confident(ProbeAnswer answer) {}
    }

    /** Chains, warmup and draws beside set particles: the particles size the populations. */
    @ProbeSettings(chains = 8, warmup = 200, draws = 100, particles = 16, seed = "5", maxRhat = 10, minAttainedEss = 1)
    static class ParticlesSet {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    /** What running {@code fixture} ({@code invocations} of them finished) prints on standard output. */
    private static String printedRunning(Class<?> fixture, int invocations) {
        java.io.PrintStream console = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            run(fixture, Map.of("probe.reportDir", "target/probe-reports-floor")).testEvents()
                    .assertStatistics(s -> s.finished(invocations));
        } finally {
            System.setOut(console);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void chainsWarmupAndDrawsBesideSetParticlesAreSaidToChangeNothing() {
        // a new user's particles = 64 beside chains = 1, warmup = 1, draws = 1 got no word
        assertThat(printedRunning(ParticlesSet.class, 1)).contains("note: chains = 8, warmup = 200, "
                + "draws = 100 (@ProbeSettings on ParticlesSet) change nothing here: this probe is sampled by populations "
                + "(sampler = AUTO picks them for probes over a proper prior), whose particles (16 per population, "
                + "@ProbeSettings on ParticlesSet) are set");
    }

    @Test
    void chainsWarmupAndDrawsBelowThePopulationsFloorAreSaidToChangeNothingOnce() {
        // a newcomer's chains = 1, warmup = 1, draws = 1 passed with the evidence of 8, 120, 30, and nothing said so
        String printed = printedRunning(BelowTheFloor.class, 2);
        assertThat(printed).contains("note: chains = 1, warmup = 1, draws = 1 (@ProbeSettings on BelowTheFloor) change "
                + "nothing here: this probe is sampled by populations").contains("set particles or populations");
        assertThat(printed.split("change nothing here", -1)).as("once per source").hasSize(2);
    }

    /** Particles set over a space without a proper prior (an infinite bound): AUTO samples it by chains. */
    @ProbeSettings(particles = 16, seed = "5")
    static class ParticlesOverAnImproperSpace {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace HALF_OPEN = dev.probe.core.space.InputSpace.box(new double[] {0, 0},
                new double[] {Double.POSITIVE_INFINITY, 1});

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    @Test
    void particlesOverASpaceWithoutAProperPriorNameThatOneCause() {
        // a new user's infinite bound was told three possible causes, and to force SMC, which refuses such a space
        run(ParticlesOverAnImproperSpace.class, Map.of("probe.reportDir", "target/probe-reports-improper")).testEvents()
                .assertThatEvents().haveExactly(1, org.junit.platform.testkit.engine.EventConditions.event(
                        org.junit.platform.testkit.engine.EventConditions.finishedWithFailure(
                                org.junit.platform.testkit.engine.TestExecutionResultConditions.message(m -> m.contains(
                                        "has no proper prior (a coordinate unbounded under a flat prior")
                                        && m.contains("Bound every coordinate") && !m.contains("Set sampler = SMC")))));
    }

    /** A larger prior pool, set like any other setting. */
    @ProbeSettings(pool = 65_536, populations = 2, particles = 32, seed = "19", maxRhat = 10, minAttainedEss = 1)
    static class LargerPool {
        static final Map<String, dev.probe.junit.ProbeAnswer> ANSWERS = new ConcurrentHashMap<>();

        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 2)
        void confident(ProbeAnswer answer) {
            ANSWERS.put(answer.key(), answer);
        }
    }

    /** Populations too small for the default evidence (R̂ ≤ 1.05, 100 effective attained samples): they grow. */
    @ProbeSettings(sampler = SamplerKind.SMC, populations = 4, particles = 24, seed = "23")
    static class Growing {
        static final Map<String, ProbeAnswer> ANSWERS = new ConcurrentHashMap<>();

        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void grown(ProbeAnswer answer) {
            ANSWERS.put("grown", answer);
        }

        @ProbeHighConfidence(classes = 0)
        @ProbeSettings(particles = 8)
        void small(ProbeAnswer answer) {
            ANSWERS.put("small", answer);
        }

        @ProbeHighConfidence(classes = 0)
        @ProbeSettings(maxPopulations = 4)
        void fixed(ProbeAnswer answer) {
            ANSWERS.put("fixed", answer);
        }
    }

    @Test
    void populationsGrowTowardTheEvidenceUpToMaxPopulations() throws Exception {
        run(Growing.class, Map.of("probe.reportDir", "target/probe-reports-growing", "probe.notConverged", "abort"))
                .testEvents().assertStatistics(s -> s.finished(3));
        ProbeAnswer grown = Growing.ANSWERS.get("grown");
        assertThat(grown).as("the grown invocation converged and its body ran").isNotNull();
        // the first round of 4 × 24 fell short: its particles made more draws (SmcConfig.draws()), then it grew if needed
        assertThat(grown.result().chains()).isBetween(4, 16);
        assertThat(grown.result().size()).isEqualTo(grown.result().chains() * 24 * SmcConfig.DEFAULT_DRAWS);
        assertThat(grown.result().provenance().kernel()).contains(SmcConfig.DEFAULT_DRAWS + " draws each");
        assertThat(grown.attainedEss()).isGreaterThanOrEqualTo(100);
        assertThat(grown.settings()).hasValueSatisfying(v -> assertThat(v).containsPattern("maxPopulations +16 \\(4 × populations\\) +built-in"));
        // the report's settings line says what ran beside the first round's listing (a reader saw 4 × 32 beside 8 × 64);
        // one that did not grow says nothing more
        assertThat(Path.of("target/probe-reports-growing/PopulationSamplingTest$Growing/grown/0/diagnostics.txt")).content()
                .containsPattern("settings +.*populations=4 .*particles=24").doesNotContain("(ran ");
        // 8 particles fall short: the first round was set aside, and the run grew (it need not converge: no body ran)
        String small = Files.readString(Path.of("target/probe-reports-growing/PopulationSamplingTest$Growing/small/0/diagnostics.txt"));
        java.util.regex.Matcher ran = java.util.regex.Pattern.compile("kernel +SMC\\(MALA, (\\d+×\\d+) particles.*; rounds ")
                .matcher(small);
        assertThat(ran.find()).as(small).isTrue();
        assertThat(small).containsPattern("settings +.*populations=4 .*particles=8 .*\\(ran " + ran.group(1)
                        + ": grown past the first round, see the kernel line\\)");
        // maxPopulations = populations: no more populations than the first round's 4; its draws alone met the evidence
        ProbeAnswer fixed = Growing.ANSWERS.get("fixed");
        assertThat(fixed).as("converged by draws, no growth").isNotNull();
        assertThat(fixed.result().chains()).isEqualTo(4);
        assertThat(fixed.attainedEss()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void thePoolSettingSizesTheSharedPriorPool() {
        run(LargerPool.class, Map.of("probe.reportDir", "target/probe-reports-pool")).testEvents()
                .assertStatistics(s -> s.finished(1));
        ProbeAnswer answer = LargerPool.ANSWERS.get("2");
        assertThat(answer).as("the body ran").isNotNull();
        assertThat(answer.settings()).hasValueSatisfying(v -> assertThat(v).containsPattern("pool +65536 +@ProbeSettings on LargerPool"));
        assertThat(answer.result().priorMass()).isPresent();
        assertThat(Path.of("target/probe-reports-pool/PopulationSamplingTest$LargerPool/confident/2/diagnostics.txt")).content()
                .containsPattern("prior pool +65,536 draws, built once in ([0-9]+ ms|[0-9]+\\.[0-9] s), shared by the "
                        + "level-set probes of this generator and models; drawn from pool seed -?[0-9]+")
                // a seed set on purpose seeds the pool: not the fixed stream every derived seed shares
                .doesNotContain("not independent confirmation");
    }

    @Test
    void autoSamplesLevelSetsOverAProperPriorByPopulationsWithTheirSettings() {
        run(AutoPopulations.class, Map.of("probe.reportDir", "target/probe-reports-smc-auto")).testEvents()
                .assertStatistics(s -> s.finished(1));
        ProbeResult r = AutoPopulations.RESULTS.get("1");
        assertThat(r).as("the body ran: the invocation was judged").isNotNull();
        assertThat(r.provenance().kernel()).startsWith("SMC(").contains("3×32 particles");
        assertThat(r.size()).as("one draw per particle: the first round met the evidence").isEqualTo(3 * 32);
    }

    @Test
    void smcSamplesPopulationsAndTheSummaryHasThePriorMass() throws Exception {
        Path dir = Path.of("target/probe-reports-smc");
        Files.deleteIfExists(dir.resolve("summary.csv"));
        run(Populations.class, Map.of("probe.reportDir", dir.toString())).testEvents()
                .assertStatistics(s -> s.succeeded(1));
        ProbeResult r = Populations.RESULTS.get("0");
        assertThat(r.provenance().kernel()).startsWith("SMC(").contains("2×64 particles");
        assertThat(r.chains()).isEqualTo(2);
        assertThat(r.size()).as("one draw per particle: the first round met the evidence").isEqualTo(2 * 64);
        String[] row = Files.readAllLines(dir.resolve("summary.csv")).get(1).split(",", -1);
        assertThat(row[3]).isEqualTo("passed");
        // the prior mass columns are filled when the engine puts the estimate on the result
        assertThat(row[8].isEmpty()).isEqualTo(r.priorMass().isEmpty());
    }

    @Test
    void populationSettingsOnAMethodThatDoesNotUseSmcAreAnError() {
        run(PopulationsWithoutSmc.class, Map.of()).allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message("@ProbeSettings on PopulationsWithoutSmc#confident sets populations = 4, which applies only with "
                        + "sampler = SMC (or AUTO on a probe sampled by populations): set the sampler too, or leave populations out."))));
    }

    @Test
    void maxDivergencesOnAMethodSampledByPopulationsIsAnError() {
        run(DivergencesOnPopulations.class, Map.of()).allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message(m -> m.startsWith("@ProbeSettings on DivergencesOnPopulations#confident sets maxDivergences = 5, but this "
                        + "probe is sampled by populations") && m.endsWith("set a chain sampler (sampler = HMC).")))));
    }

    @Test
    void maxDivergencesOnAMethodSampledByChainsThatCannotDivergeIsAnError() {
        // a new user's MH chains ran with maxDivergences = 2 listed as in force
        run(DivergencesOnMhChains.class, Map.of()).allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message("@ProbeSettings on DivergencesOnMhChains#confident sets maxDivergences = 2, but this probe's chains "
                        + "move by MH, which has no trajectories to diverge (divergences are HMC's energy errors): leave "
                        + "maxDivergences out, or set sampler = HMC."))));
    }

    @Test
    void aSeedSetOnPurposeDrawsItsOwnPriorPoolSoSeedSweepsAreIndependentRepetitions() {
        for (String seed : new String[] {"1", "2", "1"}) {
            run(SeedSwept.class, Map.of("probe.seed", seed, "probe.reportDir", "target/probe-reports-seed-sweep")).testEvents()
                    .assertStatistics(s -> s.succeeded(1));
        }
        // with one shared pool the starting draws, and so log Z, had been the same for every seed
        assertThat(SeedSwept.RESULTS.get(1L).priorMass().orElseThrow().logMass())
                .isNotEqualTo(SeedSwept.RESULTS.get(2L).priorMass().orElseThrow().logMass());
    }
}
