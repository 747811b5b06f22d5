package dev.probe.core.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.sampler.Mala;
import dev.probe.core.sampler.Sampler;
import dev.probe.core.sampler.SamplerConfig;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * A run whose thread is interrupted stops at its next iteration or stage: a new user's service cancelled a 26.6 s
 * run after 6.7 s ({@code Future.cancel(true)}) and it went on to the end, its thread and cores busy.
 */
class InterruptedRunsTest {

    @Test
    void chainsStopAtTheNextIterationWithTheirThreadsInterruptStatusKept() {
        SamplerConfig config = SamplerConfig.builder().chains(4).warmup(50).draws(50).seed(3).build();
        // not interrupted: the run is the same as ever (and the engine is loaded: its first load, in this thread, can
        // swallow an interrupt that came before it, so the test interrupts a warm engine)
        assertThat(new Sampler(config).run(Mala.of(0.1), ClosedForms.prior(2)).draws()).isEqualTo(50);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new Sampler(config).run(Mala.of(0.1), ClosedForms.prior(2)))
                    .isInstanceOf(CancellationException.class)
                    .hasMessageStartingWith("Interrupted while sampling chains (warm-up iteration 0 of 50)");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void populationsStopAtTheNextStage() {
        Smc smc = new Smc(SmcConfig.builder().particles(64).populations(2).seed(5).build());
        new Sampler(SamplerConfig.builder().chains(2).warmup(2).draws(2).seed(1).build()).run(Mala.of(0.1),
                ClosedForms.prior(2)); // a warm engine, as above
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> smc.run(ClosedForms.target(2, ClosedForms.gaussianQuestion(2, 0.5)), Mala.of(0.1),
                    ClosedForms.priorDraws(2, 64, 2, 6))).isInstanceOf(CancellationException.class)
                    .hasMessageStartingWith("Interrupted while sampling populations (stage ");
        } finally {
            Thread.interrupted();
        }
    }
}
