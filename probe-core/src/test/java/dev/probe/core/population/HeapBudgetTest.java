package dev.probe.core.population;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.Mala;
import dev.probe.core.sampler.Sampler;
import dev.probe.core.sampler.SamplerConfig;
import org.junit.jupiter.api.Test;

/**
 * Runs whose arrays alone exceed the JVM's maximum heap are refused before they start, naming the setting to lower: a
 * new user's 300 million particles passed every validation and then ended the whole Surefire fork with an
 * OutOfMemoryError (every other test's result with it). Sizes are derived from this JVM's maximum heap.
 */
class HeapBudgetTest {
    private static final long MAX = Runtime.getRuntime().maxMemory();

    @Test
    void populationsBeyondTheHeapAreRefusedNamingTheParticlesThatFit() {
        // 2 populations, d = 1, 1 draw: at least 12 + 16 + 20 = 48 bytes per particle
        int particles = (int) Math.min(Integer.MAX_VALUE / 4, MAX / 96 + 1);
        SmcConfig config = SmcConfig.builder().particles(particles).populations(2).draws(1).seed(1).build();
        assertThatThrownBy(() -> new Smc(config).run(ClosedForms.target(1, Energies.differentiable(1, x -> x.sum(
                new int[] {1}))), Mala.of(0.1), ClosedForms.priorDraws(2, 4, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("2 populations of " + particles + " particles (d = 1, draws = 1) needs at least")
                .hasMessageContaining("more than this JVM's maximum heap")
                .hasMessageContaining("give well below " + MAX / 96 + " particles per population (that many fill the heap with "
                        + "their arrays alone; about " + MAX / 96 / 2 + " leave room for the rest) (setting particles)");
    }

    @Test
    void chainsBeyondTheHeapAreRefusedNamingTheDrawsThatFit() {
        // 2 chains, d = 1: at least 8 + 16 + 8 = 32 bytes per kept draw
        int draws = (int) Math.min(Integer.MAX_VALUE / 4, MAX / 64 + 1);
        SamplerConfig config = SamplerConfig.builder().chains(2).warmup(0).draws(draws).seed(1).build();
        assertThatThrownBy(() -> new Sampler(config).run(Mala.of(0.1), Energies.differentiable(1, x -> x.square()
                .sum(new int[] {1}))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("2 chains of " + draws + " draws (d = 1) needs at least")
                .hasMessageContaining("give well below " + MAX / 64 + " draws per chain (that many fill the heap with their arrays "
                        + "alone; about " + MAX / 64 / 2 + " leave room for the rest) (setting draws)");
    }
}
