package dev.probe.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.diagnostics.InvalidProposals;
import dev.probe.core.sampler.SamplerConfig;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A rate among a subset of the draws (the attained ones) counts at most the subset's effective members: a new user's
 * gate side had 457 attained draws worth 281 effective ones, and "0 of 457 misclassified" was judged on 457 (a 95%
 * upper end of 0.0080, under its margin of 0.01, where 281 give 0.0130), while its other side's was judged on its ESS.
 */
class RateAmongTest {

    @Test
    void aRateAmongTheAttainedCountsAtMostTheEffectiveAttainedSamples() {
        ProbeResult r = stickyAttainment();
        double attainedEss = r.attainedEss(0.1);
        long attained = r.attainment(0.1).successes();
        assertThat(attainedEss).as("sticky attainment: fewer effective than attained").isLessThan(attained / 2.0);

        // no draw satisfies the predicate: a constant indicator, which has no ESS of its own
        Rate none = r.rateAmong(s -> false, s -> s.targetDistance() <= 0.1);
        assertThat(none.trials()).isEqualTo(attained);
        assertThat(none.effectiveTrials()).isCloseTo(attainedEss, within(1e-9));
        assertThat(none.upper()).as("0 events on the effective count")
                .isCloseTo(1 - Math.pow(0.025, 1 / attainedEss), within(1e-3 * none.upper()));

        // an indicator that flips every draw has an ESS above the draws': still at most the effective members
        Rate alternating = r.rateAmong(s -> s.index() % 2 == 0, s -> s.targetDistance() <= 0.1);
        assertThat(alternating.effectiveTrials()).isLessThanOrEqualTo(attainedEss + 1e-9);

        // over all draws nothing changes: the rate's own ESS
        assertThat(r.rate(s -> false).effectiveTrials()).isEqualTo(r.size());
    }

    @Test
    void aRateWithAHandfulOfEventsCountsAtMostTheEnergysEffectiveDraws() {
        // one miss among 240 draws of chains whose energy's ESS was 30 read as 240 independent draws (a new user's
        // 0 of 8 such intervals held the truth, where the same chains' other indicators had 17-40)
        int chains = 4;
        int draws = 60;
        int n = chains * draws;
        double[][] x = new double[n][];
        double[] distances = new double[n];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextGaussian()};
        }
        distances[77] = 0.5;
        Diagnostics d = new Diagnostics(new double[] {0.5, 0.5, 0.5, 0.5}, new double[] {1.0}, new double[] {n}, 1.0, 30,
                1, 1, InvalidProposals.NONE, InvalidProposals.NONE, 0, 0, 0.1);
        ProbeResult r = new ProbeResult(new Provenance("q", "s", "MALA(h=0.1)", SamplerConfig.builder().chains(chains)
                .warmup(0).draws(draws).build(), d), chains, x, x, List.of("m"), new double[][][] {x}, new double[n],
                distances);
        Rate attained = r.attainment(0.1);
        assertThat(attained.successes()).isEqualTo(n - 1);
        assertThat(attained.effectiveTrials()).isCloseTo(30, within(1e-9));
        // the effective attained samples and the attainment's effective trials come from one rule
        assertThat(r.attainedEss(0.1)).isCloseTo((n - 1) * 30.0 / n, within(1e-9));
        // and a rare event among the draws likewise
        assertThat(r.rate(s -> s.index() == 3 || s.index() == 150).effectiveTrials()).isCloseTo(30, within(1e-9));
    }

    @Test
    void whenEveryDrawAttainsARateAmongThemCountsAtMostTheEffectiveAttainedSamples() {
        // 29 of 240 all-attained draws counted 72 effective trials where the effective attained samples were 22 (the
        // energy's ESS): the subset was the whole result, and its cap was skipped (a new user's)
        int chains = 4;
        int draws = 60;
        int n = chains * draws;
        double[][] x = new double[n][];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextGaussian()};
        }
        Diagnostics d = new Diagnostics(new double[] {0.5, 0.5, 0.5, 0.5}, new double[] {1.0}, new double[] {n}, 1.0, 22,
                1, 1, InvalidProposals.NONE, InvalidProposals.NONE, 0, 0, 0.1);
        ProbeResult r = new ProbeResult(new Provenance("q", "s", "MALA(h=0.1)", SamplerConfig.builder().chains(chains)
                .warmup(0).draws(draws).build(), d), chains, x, x, List.of("m"), new double[][][] {x}, new double[n],
                new double[n]);
        assertThat(r.attainedEss(0.1)).isCloseTo(22, within(1e-9));
        Rate among = r.rateAmong(s -> s.latent()[0] > 1.2, s -> s.targetDistance() <= 0.1);
        assertThat(among.successes()).isGreaterThanOrEqualTo(20);
        assertThat(among.effectiveTrials()).isLessThanOrEqualTo(22 + 1e-9);
        // a rate over all draws keeps its own indicator's ESS
        assertThat(r.rate(s -> s.latent()[0] > 1.2).effectiveTrials()).isGreaterThan(100);
    }

    /** 4 chains × 200 draws attaining in runs of 25, with independent energies (energy ESS = the draws). */
    private static ProbeResult stickyAttainment() {
        int chains = 4;
        int draws = 200;
        int n = chains * draws;
        double[][] x = new double[n][];
        double[] distances = new double[n];
        double[] energies = new double[n];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextGaussian()};
            energies[i] = random.nextGaussian();
            distances[i] = (i / 25) % 3 == 2 ? 0.5 : 0;
        }
        Diagnostics d = new Diagnostics(new double[] {0.5, 0.5, 0.5, 0.5}, new double[] {1.0}, new double[] {n}, 1.0, n,
                1, 1, InvalidProposals.NONE, InvalidProposals.NONE, 0, 0, 0.1);
        return new ProbeResult(new Provenance("q", "s", "MALA(h=0.1)", SamplerConfig.builder().chains(chains).warmup(0)
                .draws(draws).build(), d), chains, x, x, List.of("m"), new double[][][] {x}, energies, distances);
    }
}
