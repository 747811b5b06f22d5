package dev.probe.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.sampler.SamplerConfig;
import org.junit.jupiter.api.Test;

/**
 * A population result's provenance holds the chain budget its sizes were derived from: its table must not present
 * that budget as the configuration that sampled (8 chains × 500 draws), when 4 populations of 128 particles did.
 */
class ProvenanceTest {
    private final SamplerConfig budget = SamplerConfig.builder().chains(8).warmup(300).draws(500).seed(7).build();

    @Test
    void aPopulationResultsTableNamesTheSamplerAndCallsTheChainConfigurationItsBudget() {
        String table = new Provenance("q", "s", "SMC(MALA, 4×128 particles, α=0.50)", budget, null).table();
        assertThat(table).contains("seed                 7").contains("sampler              SMC(MALA, 4×128 particles")
                .contains("budget               ").contains("the chain budget the populations' sizes came from")
                .doesNotContain("config  ").doesNotContain("kernel  ");
    }

    @Test
    void aChainResultsTableShowsItsKernelAndConfiguration() {
        String table = new Provenance("q", "s", "MALA(h=0.012)", budget, null).table();
        assertThat(table).contains("kernel               MALA(h=0.012)").contains("config               ")
                .doesNotContain("budget");
    }
}
