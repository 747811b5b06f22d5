package dev.probe.core.probe;

import dev.probe.core.population.SmcConfig;
import dev.probe.core.sampler.Kernel;
import dev.probe.core.sampler.Mala;
import java.util.Objects;

/**
 * How a probe is sampled: independent MCMC {@linkplain #chains chains} of one kernel (warm-up, then draws), or
 * independent {@linkplain #populations populations} of particles by sequential Monte Carlo with adaptive
 * tempering ({@link dev.probe.core.population.Smc}), which also estimates the prior mass of the relaxed level
 * set. Population sampling needs a space with a proper prior (latent spaces, bounded input spaces, procedural
 * spaces) and moves particles by MALA (differentiable pipelines) or by Metropolis–Hastings with the space's proposal
 * ({@code probe.populationSampling(config)} picks the one the pipeline allows).
 *
 * <pre>{@code
 * ProbeResult a = probe.sample(config, Sampling.chains(Hmc.of(0.05, 8)));
 * ProbeResult b = probe.sample(config, Sampling.populations());   // budget: config.chains()·config.draws() particles
 * ProbeResult c = probe.sample(config, Sampling.populations(SmcConfig.builder().particles(512).build()));
 * }</pre>
 */
public sealed interface Sampling permits Sampling.Chains, Sampling.Populations {

    /** MCMC chains of {@code kernel}. */
    static Chains chains(Kernel kernel) {
        return new Chains(kernel);
    }

    /** SMC at the sampler configuration's budget ({@link SmcConfig#fromBudget}), moves by MALA. */
    static Populations populations() {
        return new Populations(null, Mala.of(0.1));
    }

    /** SMC with explicit settings, moves by MALA. */
    static Populations populations(SmcConfig config) {
        return new Populations(Objects.requireNonNull(config, "config"), Mala.of(0.1));
    }

    /**
     * SMC with explicit settings (or {@code null}: from the budget) and moves by {@code kernel} (MALA or HMC; or
     * RandomWalkMetropolis, gradient-free, e.g. for procedural spaces).
     */
    static Populations populations(SmcConfig config, Kernel kernel) {
        return new Populations(config, Objects.requireNonNull(kernel, "kernel"));
    }

    /** A short description for results. */
    String describe();

    /** MCMC chains. */
    record Chains(Kernel kernel) implements Sampling {
        public Chains {
            Objects.requireNonNull(kernel, "kernel");
        }

        @Override
        public String describe() {
            return "chains of " + kernel.name();
        }
    }

    /** SMC populations; {@code config} null means "from the sampler configuration's budget". */
    record Populations(SmcConfig config, Kernel kernel) implements Sampling {
        @Override
        public String describe() {
            return "SMC populations moved by " + kernel.name();
        }
    }
}
