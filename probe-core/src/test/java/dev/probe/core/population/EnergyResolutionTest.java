package dev.probe.core.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.probe.core.diagnostics.EnergyResolution;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.Mala;
import dev.probe.core.sampler.MixedProposal;
import dev.probe.core.sampler.RandomWalkMetropolis;
import dev.probe.core.sampler.Sampler;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.sampler.Trace;
import org.junit.jupiter.api.Test;

/**
 * Energies too large for float32 to resolve: {@code |x|²/2 + 10⁸} is rounded to steps of 8, and a new user's MALA
 * chains gave twice the Gaussian's variance with every diagnostic passing. Chains and populations now stop with an
 * error that names the fix; the same energy with a constant float32 resolves (10⁴) samples as before.
 */
class EnergyResolutionTest {

    private static Energy gaussianPlus(double constant) {
        return Energies.differentiable(3, x -> x.square().sum(new int[] {1}).div(2).add(constant));
    }

    @Test
    void theRoundingStepIsFloat32sAtTheMedianValueAndZeroForFloat64Values() {
        assertThat(EnergyResolution.step(new double[] {1e8, 1e8 + 8, 1e8 - 8})).isEqualTo(8.0);
        assertThat(EnergyResolution.step(new double[] {0.5, 2.5, Double.NaN})).isEqualTo(Math.ulp(2.5f));
        assertThat(EnergyResolution.step(new double[] {1e8 + 0.1, 1e8})).as("not float32 numbers: not checked")
                .isZero();
        assertThat(EnergyResolution.step(new double[] {Double.POSITIVE_INFINITY})).isZero();
    }

    @Test
    void chainsStopWhenTheirEnergyCannotBeResolved() {
        SamplerConfig config = SamplerConfig.builder().chains(4).warmup(50).draws(50).seed(3).build();
        assertThatThrownBy(() -> new Sampler(config).run(Mala.of(0.5), gaussianPlus(1e8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chains' states after warm-up are about 1.00e+08")
                .hasMessageContaining("steps of 8.0")
                .hasMessageContaining("Subtract a constant");
        assertThatThrownBy(() -> new Sampler(config).run(RandomWalkMetropolis.of(MixedProposal.gaussian(3), 0.5), gaussianPlus(1e8)))
                .hasMessageContaining("float32");
    }

    @Test
    void chainsWithAConstantFloat32ResolvesSampleTheTarget() {
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(300).draws(1000).seed(5).build();
        Trace trace = new Sampler(config).run(Mala.of(0.5), gaussianPlus(1e4));
        double sum = 0;
        long n = 0;
        for (double[][] chain : trace.samples()) {
            for (double[] x : chain) {
                sum += x[0] * x[0];
                n++;
            }
        }
        // E[x0²] = 1; the estimate's sd is √2/√ESS, and ESS ≥ 100 here
        assertThat(trace.diagnostics().minEss()).isGreaterThan(100);
        assertThat(sum / n).isCloseTo(1, within(4 * Math.sqrt(2 / trace.diagnostics().minEss())));
    }

    @Test
    void populationsStopWhenTheQuestionCannotBeResolved() {
        Energy question = Energies.differentiable(2, x -> x.sub(1).square().sum(new int[] {1}).mul(2).add(1e8));
        assertThatThrownBy(() -> new Smc(SmcConfig.builder().particles(128).populations(2).seed(7).build())
                .run(ClosedForms.target(2, question), Mala.of(0.1), ClosedForms.priorDraws(2, 128, 2, 8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("particles of population 1 at stage")
                .hasMessageContaining("the question's values")
                .hasMessageContaining("Subtract a constant");
        Energy resolved = Energies.differentiable(2, x -> x.sub(1).square().sum(new int[] {1}).mul(2).add(1e4));
        PopulationRun run = new Smc(SmcConfig.builder().particles(128).populations(2).seed(7).build())
                .run(ClosedForms.target(2, resolved), Mala.of(0.1), ClosedForms.priorDraws(2, 128, 2, 8));
        assertThat(run.stages(0)).isNotEmpty();
    }
}
