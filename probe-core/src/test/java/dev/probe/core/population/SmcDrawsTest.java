package dev.probe.core.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.Mala;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Draws per particle ({@link SmcConfig#draws()}): after the last stage every particle makes further draws of the
 * final target by draw blocks (local moves and mode jumps). On the Gaussian closed form of SMC-NOTES §8.1
 * ({@code π_1 = N(0.8, 0.2)} per coordinate).
 */
class SmcDrawsTest {
    private static final int D = 5;
    private static final int N = 200;
    private static final Energy QUESTION = ClosedForms.gaussianQuestion(D, 0.25);

    private static PopulationRun run(int draws) {
        SmcConfig config = SmcConfig.builder().particles(N).populations(2).draws(draws).seed(2024).build();
        PopulationRun run = new Smc(config).run(ClosedForms.target(D, QUESTION), Mala.of(0.1),
                ClosedForms.priorDraws(2, N, D, 2025));
        System.out.println(run.table());
        return run;
    }

    @Test
    void furtherDrawsComeAfterTheStagesAndLeaveThemAsTheyWere() {
        PopulationRun one = run(1);
        PopulationRun four = run(4);
        assertThat(four.particles()).isEqualTo(N);
        assertThat(four.draws()).isEqualTo(4 * N);
        assertThat(one.draws()).isEqualTo(N);
        assertThat(four.pooledParticles()).hasNumberOfRows(2 * 4 * N);
        assertThat(four.questionEnergies()[0]).hasSize(4 * N);
        assertThat(four.logPriorMasses()).as("log Z comes from the stages").containsExactly(one.logPriorMasses());
        assertThat(four.describe()).contains("2×200 particles, 4 draws each");
        assertThat(one.describe()).doesNotContain("draws");
        // each particle's first draw is the particle after the last stage, in the same order
        double[][][] a = one.populationParticles();
        double[][][] b = four.populationParticles();
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < N; i++) {
                assertThat(b[p][4 * i]).isEqualTo(a[p][i]);
            }
        }
        assertThat(four.particleGradients()).as("draw blocks cost moves").isGreaterThan(one.particleGradients());
    }

    @Test
    void furtherDrawsAreDrawsOfTheTargetAndAddEffectiveSamples() {
        PopulationRun one = run(1);
        PopulationRun four = run(4);
        double[][] x = four.pooledParticles();
        double ess = four.diagnostics().minEss();
        for (int k = 0; k < D; k++) {
            int c = k;
            double mean = Arrays.stream(x).mapToDouble(v -> v[c]).average().orElseThrow();
            double var = Arrays.stream(x).mapToDouble(v -> (v[c] - 0.8) * (v[c] - 0.8)).average().orElseThrow();
            assertThat(mean).as("mean of x%d (ESS %.0f)", k, ess).isCloseTo(0.8, within(5 * Math.sqrt(0.2 / ess)));
            assertThat(var).as("variance of x%d (ESS %.0f)", k, ess).isCloseTo(0.2, within(5 * 0.2 * Math.sqrt(2 / ess)));
        }
        // a particle's draws differ: the blocks move it
        double[][][] b = four.populationParticles();
        int same = 0;
        for (double[][] pop : b) {
            for (int i = 0; i < N; i++) {
                for (int s = 1; s < 4; s++) {
                    same += Arrays.equals(pop[4 * i + s], pop[4 * i + s - 1]) ? 1 : 0;
                }
            }
        }
        assertThat(same).as("consecutive draws of one particle that are equal").isLessThan(2 * N * 3 / 10);
        System.out.printf("min ESS: %.0f with 1 draw per particle, %.0f with 4%n", one.diagnostics().minEss(), ess);
        assertThat(ess).as("more effective samples than the particles alone").isGreaterThan(1.5 * one.diagnostics().minEss());
        assertThat(four.diagnostics().maxRhat()).isLessThan(1.05);
        // the run's own estimate of a mean: its error bar is the populations' floor, and it holds the truth
        dev.probe.core.result.Estimate x0 = four.estimate(v -> v[0]);
        double[][] series = new double[2][];
        for (int p = 0; p < 2; p++) {
            series[p] = Arrays.stream(b[p]).mapToDouble(v -> v[0]).toArray();
        }
        assertThat(x0.ess()).isEqualTo(dev.probe.core.diagnostics.Convergence.populationEss(series))
                .isLessThanOrEqualTo(dev.probe.core.diagnostics.Convergence.meanEss(series));
        assertThat(x0.mean()).as("%s", x0).isCloseTo(0.8, within(5 * x0.standardError()));
        assertThat(x0.sd()).isCloseTo(Math.sqrt(0.2), within(0.05));
    }

    @Test
    void aRunGoesOnToMoreDrawsAsIfItHadAskedForThem() {
        PopulationRun one = run(1);
        assertThat(one.canDrawMore()).isTrue();
        PopulationRun four = Smc.moreDraws(one, ClosedForms.target(D, QUESTION), Mala.of(0.1), 4);
        PopulationRun direct = run(4);
        assertThat(four.pooledParticles()).isDeepEqualTo(direct.pooledParticles());
        assertThat(four.particleGradients()).isEqualTo(direct.particleGradients());
        assertThat(four.logPriorMasses()).containsExactly(one.logPriorMasses());
        assertThat(four.describe()).isEqualTo(direct.describe());
        // the populations went on: the shorter run cannot go on again, the longer one can
        assertThat(one.canDrawMore()).isFalse();
        assertThat(four.canDrawMore()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Smc.moreDraws(one, ClosedForms.target(D, QUESTION), Mala.of(0.1), 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only a run of one round");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Smc.moreDraws(four, ClosedForms.target(D, QUESTION), Mala.of(0.1), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 4 draws per particle");
        assertThat(four.and(run(4)).canDrawMore()).as("pooled runs cannot go on").isFalse();
    }

    @Test
    void aRunWithDrawsReplaysForItsSeed() {
        assertThat(run(3).pooledParticles()).isDeepEqualTo(run(3).pooledParticles());
    }

    @Test
    void drawsBelowOneAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmcConfig.builder().draws(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("draws must be at least 1");
    }
}
