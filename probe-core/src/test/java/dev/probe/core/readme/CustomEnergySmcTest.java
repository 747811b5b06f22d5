package dev.probe.core.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.probe.core.population.PopulationRun;
import dev.probe.core.population.PopulationStatus;
import dev.probe.core.population.Smc;
import dev.probe.core.population.SmcConfig;
import dev.probe.core.population.StartingDraws;
import dev.probe.core.population.TemperedTarget;
import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.Mala;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Population sampling of a custom energy, quoted in README.md; it compiles and runs with the build. */
class CustomEnergySmcTest {
    @Test
    void customEnergyByPopulations() {
        // README-BEGIN custom-smc
        int d = 2;
        // P: the prior's energy (constants may be dropped); G: the question. The run samples prior·exp(-G).
        Energy prior = Energies.differentiable(d, x -> x.square().sum(new int[] {1}).div(2));             // N(0, I)
        Energy question = Energies.differentiable(d, x -> x.sub(1).square().sum(new int[] {1}).div(0.5)); // |x-1|²/(2·0.25)
        TemperedTarget target = TemperedTarget.of(prior, question, Box.unbounded(d));
        SmcConfig config = SmcConfig.builder().particles(256).populations(4).seed(7).build();
        ChainRandom random = new ChainRandom(11);
        List<StartingDraws> starts = new ArrayList<>();
        for (int r = 0; r < config.populations(); r++) {     // per population: its own exact prior draws, K >= N
            double[][] z = new double[1024][d];
            for (double[] row : z) {
                for (int k = 0; k < d; k++) {
                    row[k] = random.nextGaussian();
                }
            }
            starts.add(StartingDraws.of(z));
        }
        PopulationRun run = new Smc(config).run(target, Mala.of(0.1), starts);
        double[][] draws = run.pooledParticles();            // equally weighted: 4 draws per particle, R·N·4 rows
        System.out.printf("log Z %.3f ± %.3f (%s), max R-hat %.3f%n", run.logPriorMass(),
                run.logPriorMassStandardError(), run.status(), run.diagnostics().maxRhat());
        // README-END custom-smc
        // log Z = (d/2)·log(s²/(s² + 1)) − d/(2(s² + 1)) with s² = 0.25; the target is N(0.8, 0.2) per coordinate
        double truth = Math.log(0.25 / 1.25) - 2 / (2 * 1.25);
        assertThat(run.status()).isEqualTo(PopulationStatus.OK);
        assertThat(run.logPriorMass()).isCloseTo(truth, within(5 * run.logPriorMassStandardError() + 0.05));
        assertThat(draws).hasNumberOfRows(4 * 256 * SmcConfig.DEFAULT_DRAWS);
        double mean = java.util.Arrays.stream(draws).mapToDouble(v -> v[0]).average().orElseThrow();
        assertThat(mean).isCloseTo(0.8, within(0.05));
    }
}
