package dev.probe.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.diagnostics.InvalidProposals;
import dev.probe.core.sampler.Hmc;
import dev.probe.core.sampler.Sampler;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.sampler.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Converged evidence: R̂, effective attained samples and, for chains, divergences after warm-up; real
 * divergence counts come from HMC on Neal's funnel, where R̂ and ESS alone would pass.
 */
class EvidenceTest {

    @Test
    void chainsWithDivergencesAfterWarmupAreNotConvergedEvidenceButPopulationsAreNotJudgedByThem() {
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(500).draws(1000).seed(2026).build();
        Trace trace = new Sampler(config).run(Hmc.of(0.1, 8), dev.probe.core.sampler.Targets.funnel());
        Diagnostics funnel = trace.diagnostics();
        assertThat(funnel.divergences()).as("divergences after warm-up on the funnel").isPositive();
        assertThat(funnel.sampling()).isNotEqualTo(InvalidProposals.NONE);

        ProbeResult chains = attainedEverywhere("HMC(eps=0.1, L=8)", funnel, config);
        Evidence lenientOnMixing = new Evidence(10, 1, 0.1);
        assertThat(lenientOnMixing.maxDivergences()).isZero();
        assertThat(lenientOnMixing.hasTooManyDivergences(chains)).isTrue();
        assertThat(lenientOnMixing.isMetBy(chains)).as("R̂ and ESS met, divergences not").isFalse();
        Evidence allowing = new Evidence(10, 1, 0.1, funnel.divergences());
        assertThat(allowing.isMetBy(chains)).isTrue();
        assertThat(new Evidence(10, 1, 0.1, funnel.divergences() - 1).isMetBy(chains)).isFalse();

        ProbeResult populations = attainedEverywhere("SMC(HMC, 4×64 particles, α=0.50, moves 2–10)", funnel, config);
        assertThat(populations.isPopulationResult()).isTrue();
        assertThat(chains.isPopulationResult()).isFalse();
        assertThat(lenientOnMixing.isMetBy(populations)).isTrue();
        assertThat(Evidence.DEFAULT.maxDivergences()).isZero();

        // the bare trace is judged by the same rule
        assertThat(lenientOnMixing.isMetBy(trace)).as("bare trace: divergences").isFalse();
        assertThat(allowing.isMetBy(trace)).isTrue();
    }

    @Test
    void bareRunsAreJudgedByTheSameRuleWithEveryDrawCountedAsAttained() {
        int d = 2;
        dev.probe.core.sampler.Energy prior = dev.probe.core.sampler.Energies.differentiable(d,
                x -> x.square().sum(new int[] {1}).div(2));
        Trace gaussian = new Sampler(SamplerConfig.builder().chains(4).warmup(300).draws(500).seed(3).build())
                .run(dev.probe.core.sampler.Mala.of(0.1), prior);
        Diagnostics g = gaussian.diagnostics();
        assertThat(Evidence.DEFAULT.isMetBy(gaussian)).as("%s", g.table()).isTrue();
        assertThat(new Evidence(1.05, g.minEss() + 1, 0.1).isMetBy(gaussian)).as("ESS short by one").isFalse();

        dev.probe.core.sampler.Energy question = dev.probe.core.sampler.Energies.differentiable(d,
                x -> x.sub(1).square().sum(new int[] {1}).div(0.5));
        dev.probe.core.population.TemperedTarget target = dev.probe.core.population.TemperedTarget.of(prior, question,
                dev.probe.core.sampler.Box.unbounded(d));
        dev.probe.core.population.SmcConfig config = dev.probe.core.population.SmcConfig.builder().particles(256)
                .populations(4).seed(7).build();
        dev.probe.core.sampler.ChainRandom random = new dev.probe.core.sampler.ChainRandom(11);
        List<dev.probe.core.population.StartingDraws> starts = new java.util.ArrayList<>();
        for (int r = 0; r < config.populations(); r++) {
            double[][] z = new double[1024][d];
            for (double[] row : z) {
                for (int k = 0; k < d; k++) {
                    row[k] = random.nextGaussian();
                }
            }
            starts.add(dev.probe.core.population.StartingDraws.of(z));
        }
        dev.probe.core.population.PopulationRun run = new dev.probe.core.population.Smc(config).run(target,
                dev.probe.core.sampler.Mala.of(0.1), starts);
        Diagnostics p = run.diagnostics();
        assertThat(Evidence.DEFAULT.isMetBy(run)).as("%s", p.table()).isTrue();
        assertThat(new Evidence(1.05, p.minEss() + 1, 0.1).isMetBy(run)).as("ESS short by one").isFalse();
        assertThat(p.settlingDrift()).isLessThanOrEqualTo(dev.probe.core.population.PopulationRun.MAX_SETTLING_DRIFT);
    }

    /**
     * HMC chains on a 0.8/0.2 mixture of unit Gaussians at x0 = ±4 (a new user's target): chains that visit the minor
     * mode in rare excursions have a bulk ESS in the hundreds and R̂ under 1.05, while the ESS of the 5% quantile's
     * indicator, which sits in that mode, is a few dozen. The bulk rule alone accepted this seed with the minor mode's
     * share at 0.046 (truth 0.2); the tail ESS refuses it, as Stan's second check would.
     */
    @Test
    void chainsThatVisitAMinorModeInRareExcursionsAreRefusedByTheirTailEss() {
        double la = Math.log(0.8);
        double lb = Math.log(0.2);
        dev.probe.core.sampler.Energy mixture = dev.probe.core.sampler.Energies.differentiable(2, x -> {
            ai.djl.ndarray.NDArray x0 = x.get(":, 0");
            ai.djl.ndarray.NDArray a = x0.sub(4).square().div(-2).add(la);
            ai.djl.ndarray.NDArray b = x0.add(4).square().div(-2).add(lb);
            ai.djl.ndarray.NDArray logSum = a.maximum(b).add(a.sub(b).abs().neg().exp().add(1).log());
            return x.get(":, 1").square().div(2).sub(logSum);
        });
        Trace trace = new Sampler(SamplerConfig.builder().chains(8).warmup(500).draws(500).seed(32).build())
                .run(Hmc.of(0.1, 10), mixture);
        Diagnostics d = trace.diagnostics();
        double share = java.util.Arrays.stream(trace.pooledSamples()).filter(x -> x[0] < 0).count()
                / (double) trace.pooledSamples().length;
        assertThat(share).as("the minor mode's share, truth 0.2").isBetween(0.0, 0.1);
        assertThat(d.maxRhat()).isLessThanOrEqualTo(Evidence.DEFAULT.maxRhat());
        assertThat(d.minEss()).isGreaterThanOrEqualTo(Evidence.DEFAULT.minAttainedEss());
        assertThat(d.divergences()).isZero();
        assertThat(Evidence.minTailEss(trace)).as("%s", d.table()).isLessThan(Evidence.DEFAULT.minAttainedEss());
        assertThat(Evidence.DEFAULT.isMetBy(trace)).isFalse();
    }

    @Test
    void aFlatEnergyOnWhichEveryDrawAttainsIsCountedByItsCoordinatesNotByItsChains() {
        // a piecewise-constant model (a tree): every draw attains and every energy is equal, so neither the
        // attainment indicator nor the energy has an ESS; the draws are as independent as their coordinates
        int chains = 2;
        int n = 800;
        double[][] x = new double[n][];
        java.util.Arrays.setAll(x, i -> new double[] {Math.sin(i), Math.cos(i)});
        SamplerConfig config = SamplerConfig.builder().chains(chains).warmup(10).draws(n / chains).seed(1).build();
        Diagnostics flat = new Diagnostics(new double[] {0.5, 0.5}, new double[] {1.01, 1.02}, new double[] {310, 250},
                Double.NaN, Double.NaN, 1, 1, 0, 0, 0, 0, 0.1);
        ProbeResult tree = new ProbeResult(new Provenance("q", "s", "SMC", config, flat), chains, x, x, List.of("m"),
                new double[][][] {x}, new double[n], new double[n]);
        assertThat(tree.attainedEss(0.1)).as("smallest coordinate ESS, not the %d chains", chains).isEqualTo(250.0);
        assertThat(Evidence.DEFAULT.isMetBy(tree)).isTrue();

        Diagnostics stuck = new Diagnostics(new double[] {0.5, 0.5}, new double[] {1.01, 1.02}, new double[] {310, 40},
                Double.NaN, Double.NaN, 1, 1, 0, 0, 0, 0, 0.1);
        ProbeResult stuckTree = new ProbeResult(new Provenance("q", "s", "SMC", config, stuck), chains, x, x, List.of("m"),
                new double[][][] {x}, new double[n], new double[n]);
        assertThat(stuckTree.attainedEss(0.1)).isEqualTo(40.0);
        assertThat(Evidence.DEFAULT.isMetBy(stuckTree)).isFalse();
    }

    /**
     * Stuck chains on a thin set (a new user's HMC in d = 128, R̂ 9.5): every draw attaining gave 17 effective attained
     * samples, the energy's ESS; one isolated miss among the 1,600 draws gave 1,599, the ESS of an indicator with one
     * event. A handful of misses now counts the attained draws, and the attainment's trials, as the energy does; many
     * misses keep the indicator's ESS.
     */
    @Test
    void aFewMissesDoNotTurnTheEnergysEssIntoEveryDraw() {
        int chains = 2;
        int n = 1600;
        double[][] x = new double[n][];
        java.util.Arrays.setAll(x, i -> new double[] {Math.sin(i)});
        SamplerConfig config = SamplerConfig.builder().chains(chains).warmup(10).draws(n / chains).seed(1).build();
        Diagnostics stuck = new Diagnostics(new double[] {0.9, 0.9}, new double[] {9.5}, new double[] {17}, 9.5, 17, 1, 1,
                InvalidProposals.NONE, InvalidProposals.NONE, 10, 0, 0.1);
        java.util.function.IntFunction<ProbeResult> withMisses = misses -> {
            double[] distances = new double[n];
            for (int k = 0; k < misses; k++) {
                distances[(37 + k * (n / Math.max(1, misses))) % n] = 1; // isolated, evenly spread misses
            }
            return new ProbeResult(new Provenance("q", "s", "HMC(eps=0.1, L=8)", config, stuck), chains, x, x,
                    List.of("m"), new double[][][] {x}, new double[n], distances);
        };
        assertThat(withMisses.apply(0).attainedEss(0.1)).as("every draw attains: the energy's ESS").isEqualTo(17.0);
        assertThat(withMisses.apply(1).attainedEss(0.1)).as("one miss").isLessThanOrEqualTo(17.0);
        assertThat(withMisses.apply(19).attainedEss(0.1)).as("19 misses").isLessThanOrEqualTo(17.0);
        // the attainment's own interval by the same rule: one miss among 240 draws of autocorrelated chains counted 240
        // independent draws, and 0 of 8 such intervals held a new user's truth
        assertThat(withMisses.apply(1).attainment(0.1).effectiveTrials()).as("the attainment's interval likewise")
                .isEqualTo(17.0);
        // 400 isolated misses: an indicator that varies, whose own ESS counts
        assertThat(withMisses.apply(400).attainedEss(0.1)).isGreaterThan(1000);
    }

    /**
     * A rate over populations is a mean of an indicator: populations that disagree bound its effective trials, as they
     * bound {@link ProbeResult#estimate}'s ESS (a new user's 4%-lobe share was off by up to 5 standard errors of the
     * within-population ESS). Chains keep the indicator's own ESS.
     */
    @Test
    void populationsThatDisagreeOnARateBoundItsEffectiveTrialsAndItsAttainedEss() {
        int populations = 4;
        int particles = 200;
        int n = populations * particles;
        double[][] x = new double[n][];
        double[] distances = new double[n];
        double[][] indicator = new double[populations][particles];
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int r = 0; r < populations; r++) {
            double share = 0.05 + 0.1 * r; // 0.05, 0.15, 0.25, 0.35: far apart for 200 particles each
            for (int i = 0; i < particles; i++) {
                boolean hit = random.nextDouble() < share;
                indicator[r][i] = hit ? 1 : 0;
                distances[r * particles + i] = hit ? 0 : 1;
                x[r * particles + i] = new double[] {random.nextGaussian()};
            }
        }
        SamplerConfig config = SamplerConfig.builder().chains(populations).warmup(10).draws(particles).seed(1).build();
        Diagnostics mixing = withDrift(0);
        ProbeResult pops = new ProbeResult(new Provenance("q", "s", "SMC(MALA, 4×200 particles, α=0.50, moves 2–10)",
                config, mixing), populations, x, x, List.of("m"), new double[][][] {x}, new double[n], distances);
        ProbeResult chains = new ProbeResult(new Provenance("q", "s", "MALA(h=0.1)", config, mixing), populations, x, x,
                List.of("m"), new double[][][] {x}, new double[n], distances);

        double floor = dev.probe.core.diagnostics.Convergence.populationEss(indicator);
        double own = dev.probe.core.diagnostics.Convergence.bulkEss(indicator);
        assertThat(floor).as("the populations' disagreement").isLessThan(own / 1.5);
        assertThat(pops.attainment(0.5).effectiveTrials()).isCloseTo(floor, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(chains.attainment(0.5).effectiveTrials()).isCloseTo(Math.min(own, n),
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(pops.attainedEss(0.5)).isLessThan(chains.attainedEss(0.5) / 1.5);
        assertThat(pops.attainment(0.5).estimate()).isEqualTo(chains.attainment(0.5).estimate());
        // the estimate of the same share agrees with the rate's count
        assertThat(pops.estimate(s -> s.targetDistance() <= 0.5 ? 1 : 0).ess()).isCloseTo(floor,
                org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void populationsWhoseParticlesHadNotSettledAreNotConvergedEvidence() {
        // R̂ and ESS met; only the settling drift differs (Neal's funnel gave 5.7–16 with the default draws)
        SamplerConfig config = SamplerConfig.builder().chains(2).warmup(10).draws(4).seed(1).build();
        ProbeResult settled = attainedEverywhere("SMC(MALA, 4×64 particles, α=0.50, moves 2–10)", withDrift(3.9), config);
        ProbeResult unsettled = attainedEverywhere("SMC(MALA, 4×64 particles, α=0.50, moves 2–10)", withDrift(4.1), config);
        Evidence lenient = new Evidence(10, 1, 0.1);
        assertThat(lenient.isMetBy(settled)).isTrue();
        assertThat(Evidence.isUnsettled(unsettled)).isTrue();
        assertThat(lenient.isMetBy(unsettled)).as("R̂ and ESS met, settling not").isFalse();
        ProbeResult chains = attainedEverywhere("MALA(h=0.1)", withDrift(40), config);
        assertThat(Evidence.isUnsettled(chains)).as("chains are not judged by it").isFalse();
        assertThat(withDrift(4.1).table()).contains("settling drift |t|   4.10");
        assertThat(withDrift(Double.NaN).table()).doesNotContain("settling");
        // printed as a table, not as a record of array identities ([D@a4b2d8f), which a new user's log showed
        assertThat(withDrift(4.1).toString()).isEqualTo(withDrift(4.1).table()).doesNotContain("[D@");
    }

    private static Diagnostics withDrift(double drift) {
        return new Diagnostics(new double[] {0.5, 0.5}, new double[] {1.0}, new double[] {1000}, 1.0, 1000, 1, 1,
                InvalidProposals.NONE, InvalidProposals.NONE, 10, 0, 0.1, drift);
    }

    @Test
    void invalidThresholdsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new Evidence(1.05, 100, 0.1, -1)).hasMessageContaining("maxDivergences must be at least 0");
    }

    @Test
    void thePriorMassUpperBoundIsGivenOnlyWhereTheEvidenceMakesItABound() {
        SamplerConfig config = SamplerConfig.builder().chains(4).warmup(10).draws(2).seed(1).build();
        String kernel = "SMC(MALA, 4×2 particles, α=0.50, moves 2–10)";
        PriorMass mass = new PriorMass(-8, 0.2, 4);
        Evidence lenient = new Evidence(1.05, 1, 0.1);
        ProbeResult attaining = withPriorMass(kernel, 1.0, 0, mass, config);
        assertThat(lenient.isMetBy(attaining)).isTrue();
        assertThat(attaining.logPriorMassUpperBound(lenient, 0.95)).hasValue(mass.logUpperBound(0.95));

        // populations that never reached the set agree in reading low: their interval bounds nothing
        assertThat(new Evidence(1.05, 0, 0.1).isMetBy(withPriorMass(kernel, 1.0, 1, mass, config))).isTrue();
        assertThat(withPriorMass(kernel, 1.0, 1, mass, config).logPriorMassUpperBound(new Evidence(1.05, 0, 0.1), 0.95))
                .as("evidence met, no sample within the tolerance").isEmpty();
        assertThat(withPriorMass(kernel, 1.5, 0, mass, config).logPriorMassUpperBound(lenient, 0.95))
                .as("populations that disagree").isEmpty();
        assertThat(withPriorMass(kernel, 1.0, 0, new PriorMass(-8, Double.NaN, 1), config)
                .logPriorMassUpperBound(lenient, 0.95)).as("one population, no error bar").isEmpty();
        assertThat(withPriorMass("MALA(h=0.1)", 1.0, 0, null, config).logPriorMassUpperBound(lenient, 0.95))
                .as("chains estimate no prior mass").isEmpty();
        assertThatThrownBy(() -> attaining.logPriorMassUpperBound(null, 0.95)).hasMessageContaining("Evidence.DEFAULT");
    }

    /** A result of 8 draws all at target distance {@code distance}, R̂ {@code rhat}, with the given prior mass. */
    private static ProbeResult withPriorMass(String kernel, double rhat, double distance, PriorMass mass,
            SamplerConfig config) {
        int n = 8;
        double[][] x = new double[n][];
        java.util.Arrays.setAll(x, i -> new double[] {i});
        double[] distances = new double[n];
        java.util.Arrays.fill(distances, distance);
        Diagnostics d = new Diagnostics(new double[] {0.5, 0.5}, new double[] {rhat}, new double[] {1000}, rhat, 1000, 1,
                1, InvalidProposals.NONE, InvalidProposals.NONE, 10, 0, 0.1, 0);
        return new ProbeResult(new Provenance("q", "s", kernel, config, d), 4, x, x, List.of("m"), new double[][][] {x},
                new double[n], distances, mass);
    }

    /** A result of 8 draws that all attain their target, with the given kernel and diagnostics. */
    private static ProbeResult attainedEverywhere(String kernel, Diagnostics d, SamplerConfig config) {
        int n = 8;
        double[][] x = new double[n][] ;
        java.util.Arrays.setAll(x, i -> new double[] {i});
        double[][][] outputs = {x};
        Diagnostics mixing = new Diagnostics(d.acceptanceRate(), new double[] {1.0}, new double[] {1000}, 1.0, 1000,
                d.wallSeconds(), d.samplingSeconds(), d.warmup(), d.sampling(), d.gradientEvaluations(),
                d.energyEvaluations(), d.stepSize(), d.settlingDrift());
        return new ProbeResult(new Provenance("q", "s", kernel, config, mixing), 2, x, x, List.of("m"), outputs, new double[n],
                new double[n]);
    }
}
