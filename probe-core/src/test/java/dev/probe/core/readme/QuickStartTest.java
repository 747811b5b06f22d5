package dev.probe.core.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.Mala;
import dev.probe.core.sampler.Sampler;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.sampler.Trace;
import org.junit.jupiter.api.Test;

/** The engine quick start quoted in README.md; it compiles and runs with the build. */
class QuickStartTest {
    @Test
    void quickStart() {
        // README-BEGIN engine
        // An energy U over [chains, d] tensors; the sampler draws from exp(-U).
        Energy energy = Energies.differentiable(2, x -> x.square().sum(new int[] {1}).div(2));
        SamplerConfig config = SamplerConfig.builder()
                .chains(16).warmup(300).draws(500).seed(42)   // one seed determines every draw
                .build();
        Trace trace = new Sampler(config).run(Mala.of(0.1), energy);
        double[][] samples = trace.pooledSamples();          // [chains * draws][d], plain Java arrays
        System.out.println(trace.diagnostics().table());     // acceptance, R-hat, ESS, ESS/s, ...
        // README-END engine
        assertThat(samples).hasNumberOfRows(16 * 500);
        assertThat(trace.diagnostics().maxRhat()).isLessThan(1.01);
    }
}
