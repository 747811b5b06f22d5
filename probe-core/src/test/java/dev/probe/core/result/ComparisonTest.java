package dev.probe.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/** Non-inferiority comparisons of two model versions: verdicts, intervals, their coverage, and messages. */
class ComparisonTest {

    @Test
    void equalRatesOnManyDrawsAreNoWorseWithinTheMargin() {
        Rate base = Rate.clopperPearson(100, 1000, 0.95);
        Rate cand = Rate.clopperPearson(100, 1000, 0.95);
        Comparison c = Comparison.ofRates("misclassification", Better.LOWER, base, cand, 0.05);
        assertThat(c.difference()).isZero();
        assertThat(c.lower()).isLessThan(0);
        assertThat(c.upper()).isBetween(0.0, 0.05);
        assertThat(c.isNoWorse()).isTrue();
        assertThat(c.isWorse()).isFalse();
        assertThat(c.verdict()).isEqualTo("no worse");
    }

    @Test
    void anInconclusiveIntervalThatExcludesZeroSaysTheCandidateIsWorse() {
        // a new user's gate: difference +0.086, CI [+0.016, +0.170], margin 0.05 read "inconclusive" only
        Comparison worse = Comparison.ofRates("misclassification", Better.LOWER, Rate.clopperPearson(3, 128, 0.95),
                Rate.clopperPearson(14, 128, 0.95), 0.05);
        assertThat(worse.lower()).isPositive();
        assertThat(worse.upper()).isGreaterThan(0.05);
        assertThat(worse.verdict()).isEqualTo("inconclusive: worse than the baseline, but not shown beyond the margin "
                + "(interval contains the margin and excludes 0)");
        Comparison unclear = Comparison.ofRates("misclassification", Better.LOWER, Rate.clopperPearson(3, 128, 0.95),
                Rate.clopperPearson(8, 128, 0.95), 0.05);
        assertThat(unclear.lower()).isNegative();
        assertThat(unclear.verdict()).isEqualTo("inconclusive (interval contains the margin)");
        Comparison higherBetter = Comparison.ofRates("attainment", Better.HIGHER, Rate.clopperPearson(14, 128, 0.95),
                Rate.clopperPearson(3, 128, 0.95), 0.05);
        assertThat(higherBetter.verdict()).startsWith("inconclusive: worse than the baseline");
    }

    @Test
    void classesAveragedWithEqualWeightsGiveTwoRunsOfOneModelTheSameEstimate() {
        // one model on both sides (rates 0.125 and 0.25 per class); the candidate's sampler kept more draws of class 1
        java.util.List<Rate> base = java.util.List.of(Rate.clopperPearson(16, 128, 0.95), Rate.clopperPearson(32, 128, 0.95));
        java.util.List<Rate> cand = java.util.List.of(Rate.clopperPearson(32, 256, 0.95), Rate.clopperPearson(128, 512, 0.95));
        // counts pooled weigh a class by its draws: 0.1875 against 0.2083, a gap no model made
        assertThat(Rate.pooled(cand).estimate() - Rate.pooled(base).estimate()).isGreaterThan(0.02);
        Comparison c = Comparison.ofMeasures("misclassification", Better.LOWER, Measure.averageOf(base),
                Measure.averageOf(cand), 0.1, 0.95);
        assertThat(c.baseline().estimate()).isEqualTo(0.1875);
        assertThat(c.difference()).isZero();
        assertThat(c.isNoWorse()).isTrue();
        assertThat(c.baseline().text()).startsWith("mean of 2 rates (16/128, 32/128) = 0.1875, 95% CI [");
    }

    @Test
    void theAveragedRatesIntervalCoversTheMeanOfTheClassesRates() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(17L);
        double[] p = {0.1, 0.3, 0.02};
        int[] n = {50, 400, 120};
        int covered = 0;
        int runs = 2000;
        for (int run = 0; run < runs; run++) {
            java.util.List<Rate> rates = new java.util.ArrayList<>();
            for (int k = 0; k < p.length; k++) {
                int s = BinomialDistribution.of(n[k], p[k]).createSampler(rng).sample();
                rates.add(Rate.clopperPearson(s, n[k], 0.95));
            }
            Measure m = Measure.averageOf(rates);
            covered += m.lower() <= 0.14 && 0.14 <= m.upper() ? 1 : 0;
        }
        // a 95% interval: binomial sd of the coverage over 2,000 runs is 0.005
        assertThat(covered / (double) runs).as("coverage").isGreaterThan(0.935);
    }

    @Test
    void aClearlyWorseCandidateIsWorseAndTheMessageShowsBothEstimates() {
        Rate base = Rate.withEffectiveTrials(20, 200, 80, 0.95);
        Rate cand = Rate.withEffectiveTrials(120, 200, 60, 0.95);
        Comparison c = Comparison.ofRates("high-confidence misclassification rate", Better.LOWER, base, cand, 0.05);
        assertThat(c.isNoWorse()).isFalse();
        assertThat(c.isWorse()).isTrue();
        assertThat(c.describe())
                .contains("baseline             20/200 = 0.1000, 95% CI [")
                .contains("(n_eff 80.0)")
                .contains("candidate            120/200 = 0.6000, 95% CI [")
                .contains("(n_eff 60.0)")
                .contains("difference           +0.5000")
                .contains("margin δ             0.0500: no worse iff the interval's upper end ≤ +0.0500")
                .contains("verdict              worse");
    }

    @Test
    void fewerEffectiveDrawsWidenTheIntervalUntilTheVerdictIsInconclusive() {
        Comparison independent = Comparison.ofRates("r", Better.LOWER, Rate.withEffectiveTrials(50, 500, 500, 0.95),
                Rate.withEffectiveTrials(50, 500, 500, 0.95), 0.06);
        Comparison autocorrelated = Comparison.ofRates("r", Better.LOWER, Rate.withEffectiveTrials(50, 500, 25, 0.95),
                Rate.withEffectiveTrials(50, 500, 25, 0.95), 0.06);
        assertThat(autocorrelated.upper() - autocorrelated.lower())
                .isGreaterThan(3 * (independent.upper() - independent.lower()));
        assertThat(independent.isNoWorse()).isTrue();
        assertThat(autocorrelated.isNoWorse()).isFalse();
        assertThat(autocorrelated.isWorse()).isFalse();
        assertThat(autocorrelated.verdict()).startsWith("inconclusive");
    }

    @Test
    void anInconclusiveComparisonSaysHowManyMoreDrawsWouldDecideIt() {
        Comparison autocorrelated = Comparison.ofRates("r", Better.LOWER, Rate.withEffectiveTrials(50, 500, 25, 0.95),
                Rate.withEffectiveTrials(50, 500, 25, 0.95), 0.06);
        double growth = autocorrelated.growthToShowNoWorse();
        assertThat(growth).isBetween(2.0, 20.0);
        // with that many more effective draws (and a little over: the exact interval is not quite 1/√n) it is no worse
        double n = 25 * growth * 1.2;
        Comparison grown = Comparison.ofRates("r", Better.LOWER, Rate.withEffectiveTrials(50, 500, n, 0.95),
                Rate.withEffectiveTrials(50, 500, n, 0.95), 0.06);
        assertThat(grown.isNoWorse()).isTrue();
        double fewer = 25 * growth * 0.7;
        assertThat(Comparison.ofRates("r", Better.LOWER, Rate.withEffectiveTrials(50, 500, fewer, 0.95),
                Rate.withEffectiveTrials(50, 500, fewer, 0.95), 0.06).isNoWorse()).isFalse();
        // already no worse: 1; the estimate itself beyond the margin: no number of draws shows it no worse
        assertThat(grown.growthToShowNoWorse()).isEqualTo(1);
        assertThat(Comparison.ofRates("r", Better.LOWER, Rate.withEffectiveTrials(50, 500, 25, 0.95),
                Rate.withEffectiveTrials(90, 500, 25, 0.95), 0.06).growthToShowNoWorse()).isInfinite();
        // the estimate on the margin, up to rounding (96/3200 − 0.03 = 1e-17): a new user was advised 3·10³⁰ times the
        // draws, where no number of them shows it no worse
        Comparison onTheMargin = Comparison.ofPairedRates("r", Better.LOWER, 300, 43, 139, 3200, 0.03, 0.95);
        assertThat(onTheMargin.difference()).isCloseTo(0.03, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(onTheMargin.growthToShowNoWorse()).isInfinite();
    }

    @Test
    void twoModelsWithoutMistakesAreAdvisedTheDrawsThatShowThemNoWorse() {
        // 0 of 128 on both sides at a margin of 0.005: the upper end at 0 of n shrinks as 1/n, not 1/√n (a new user was
        // advised 36.8 times the draws, and 6 times sufficed)
        Comparison none = Comparison.ofRates("r", Better.LOWER, Rate.clopperPearson(0, 128, 0.95),
                Rate.clopperPearson(0, 128, 0.95), 0.005);
        double growth = none.growthToShowNoWorse();
        assertThat(growth).isBetween(5.0, 7.0);
        long enough = (long) Math.ceil(128 * growth * 1.05); // a little over: the exact end is not quite 1/n
        assertThat(Comparison.ofRates("r", Better.LOWER, Rate.clopperPearson(0, enough, 0.95),
                Rate.clopperPearson(0, enough, 0.95), 0.005).isNoWorse()).isTrue();
        long fewer = (long) Math.floor(128 * growth * 0.8);
        assertThat(Comparison.ofRates("r", Better.LOWER, Rate.clopperPearson(0, fewer, 0.95),
                Rate.clopperPearson(0, fewer, 0.95), 0.005).isNoWorse()).isFalse();
        // higher is better: an attainment of 1 of n on both sides, likewise
        Comparison all = Comparison.ofRates("attainment", Better.HIGHER, Rate.clopperPearson(128, 128, 0.95),
                Rate.clopperPearson(128, 128, 0.95), 0.005);
        assertThat(all.growthToShowNoWorse()).isEqualTo(growth, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void higherIsBetterLooksAtTheLowerEnd() {
        Rate base = Rate.clopperPearson(800, 1000, 0.95);
        Rate drop = Rate.clopperPearson(700, 1000, 0.95);
        assertThat(Comparison.ofRates("attainment", Better.HIGHER, base, drop, 0.02).isWorse()).isTrue();
        assertThat(Comparison.ofRates("attainment", Better.HIGHER, base, base, 0.05).isNoWorse()).isTrue();
        assertThat(Comparison.ofRates("attainment", Better.HIGHER, drop, base, 0.0).isNoWorse()).isTrue();
    }

    /**
     * The Newcombe/MOVER interval on Clopper–Pearson ends covers the true difference at least at its nominal
     * level: 4000 replications of two independent binomials, coverage judged with 5 binomial standard errors.
     */
    @Test
    void theDifferenceIntervalCoversTheTruthAtItsNominalLevel() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20240229L);
        double pb = 0.15;
        double pc = 0.25;
        int nb = 120;
        int nc = 80;
        var sb = BinomialDistribution.of(nb, pb).createSampler(rng);
        var sc = BinomialDistribution.of(nc, pc).createSampler(rng);
        int reps = 4000;
        int covered = 0;
        for (int i = 0; i < reps; i++) {
            Comparison c = Comparison.ofRates("r", Better.LOWER, Rate.clopperPearson(sb.sample(), nb, 0.95),
                    Rate.clopperPearson(sc.sample(), nc, 0.95), 0.1);
            covered += c.lower() <= pc - pb && pc - pb <= c.upper() ? 1 : 0;
        }
        double coverage = (double) covered / reps;
        double se = Math.sqrt(0.95 * 0.05 / reps);
        assertThat(coverage).isGreaterThan(0.95 - 5 * se);
    }

    @Test
    void meansUseTheNormalIntervalOnEachSidesEss() {
        Estimate base = new Estimate(0.50, 0.2, 100);
        Estimate cand = new Estimate(0.52, 0.2, 25);
        Comparison c = Comparison.ofEstimates("mean confidence", Better.HIGHER, base, cand, 0.1, 0.95);
        double half = 1.959964 * Math.hypot(0.2 / 5, 0.2 / 10);
        assertThat(c.difference()).isCloseTo(0.02, within(1e-12));
        assertThat(c.lower()).isCloseTo(0.02 - half, within(1e-5));
        assertThat(c.upper()).isCloseTo(0.02 + half, within(1e-5));
        assertThat(c.isNoWorse()).isTrue();
        assertThat(c.baseline().text()).contains("ESS 100.0");
    }

    @Test
    void badInputNamesTheCause() {
        Rate r = Rate.clopperPearson(1, 10, 0.95);
        assertThatThrownBy(() -> Comparison.ofRates("r", Better.LOWER, r, r, -0.1))
                .hasMessageContaining("margin δ must be a finite number ≥ 0");
        assertThatThrownBy(() -> Comparison.ofRates("r", Better.LOWER, r, Rate.clopperPearson(1, 10, 0.9), 0.1))
                .hasMessageContaining("one confidence level");
        assertThatThrownBy(() -> Comparison.ofRates("misclassification", Better.LOWER, r, Rate.clopperPearson(0, 0, 0.95), 0.1))
                .hasMessageContaining("the candidate has no trials");
        Estimate e = new Estimate(0.5, 0.1, 100);
        assertThatThrownBy(() -> Comparison.ofEstimates("mean", Better.LOWER, e, e, 0.1, 95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Confidence must lie in (0, 1), e.g. 0.95, got 95");
    }

    @Test
    void pairedRatesWithoutCorrelationAreTheIndependentInterval() {
        // A·D = B·C: phi = 0, so the paired interval is MOVER's for independent rates
        Comparison paired = Comparison.ofPairedRates("rate", Better.LOWER, 1, 9, 9, 100, 0.05, 0.95);
        Comparison independent = Comparison.ofRates("rate", Better.LOWER, Rate.clopperPearson(10, 100, 0.95),
                Rate.clopperPearson(10, 100, 0.95), 0.05);
        assertThat(paired.lower()).isCloseTo(independent.lower(), within(1e-12));
        assertThat(paired.upper()).isCloseTo(independent.upper(), within(1e-12));
    }

    @Test
    void pairedRatesNarrowWhenTheModelsErrTogetherAndWidenWhenApart() {
        Rate ten = Rate.clopperPearson(100, 10_000, 0.95);
        Comparison independent = Comparison.ofRates("rate", Better.LOWER, ten, ten, 0.001);
        // the same 100 draws wrong under both models: the difference is exactly 0, the paired interval tight
        Comparison together = Comparison.ofPairedRates("rate", Better.LOWER, 100, 0, 0, 10_000, 0.001, 0.95);
        // 100 draws each, never the same ones
        Comparison apart = Comparison.ofPairedRates("rate", Better.LOWER, 0, 100, 100, 10_000, 0.001, 0.95);
        double width = independent.upper() - independent.lower();
        assertThat(together.upper() - together.lower()).isLessThan(width / 5);
        assertThat(together.isNoWorse()).isTrue();
        assertThat(independent.isNoWorse()).isFalse();
        assertThat(apart.upper() - apart.lower()).isGreaterThan(width);
    }

    /**
     * Coverage of the paired interval's upper end (the end a lower-is-better gate judges) on paired draws whose
     * models err on overlapping inputs: 2,000 tables of 2,000 draws, seed 17. A one-sided 97.5% end should miss at most
     * 2.5% (Clopper–Pearson ends make it conservative); 3 binomial standard errors of slack, so the test is not flaky.
     */
    @Test
    void pairedUpperEndsCoverTheTrueDifference() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(17L);
        int reps = 2000;
        int n = 2000;
        double pBoth = 0.02;
        double pBaseOnly = 0.01;
        double pCandOnly = 0.015;
        double truth = pCandOnly - pBaseOnly;
        int missed = 0;
        for (int r = 0; r < reps; r++) {
            long a = 0;
            long b = 0;
            long c = 0;
            for (int i = 0; i < n; i++) {
                double u = rng.nextDouble();
                a += u < pBoth ? 1 : 0;
                b += u >= pBoth && u < pBoth + pBaseOnly ? 1 : 0;
                c += u >= pBoth + pBaseOnly && u < pBoth + pBaseOnly + pCandOnly ? 1 : 0;
            }
            Comparison cmp = Comparison.ofPairedRates("rate", Better.LOWER, a, b, c, n, 0, 0.95);
            missed += cmp.upper() < truth ? 1 : 0;
        }
        double allowed = 0.025 + 3 * Math.sqrt(0.025 * 0.975 / reps);
        assertThat(missed / (double) reps).isLessThanOrEqualTo(allowed);
    }

    @Test
    void aPairedTableMustAddUp() {
        assertThatThrownBy(() -> Comparison.ofPairedRates("rate", Better.LOWER, 5, 5, 5, 10, 0, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add up");
    }
}
