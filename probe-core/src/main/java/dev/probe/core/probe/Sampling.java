package dev.probe.core.probe;

import dev.probe.core.population.SmcConfig;
import dev.probe.core.result.Evidence;
import dev.probe.core.sampler.Kernel;
import dev.probe.core.sampler.Mala;
import java.util.Objects;

/**
 * How a probe is sampled: independent MCMC {@linkplain #chains chains} of one kernel (warm-up, then draws), or
 * independent {@linkplain #populations populations} of particles by sequential Monte Carlo with adaptive
 * tempering ({@link dev.probe.core.population.Smc}), which also estimates the prior mass of the relaxed level
 * set. Population sampling needs a space with a proper prior (latent spaces, bounded input spaces, procedural
 * spaces) and moves particles by MALA (differentiable pipelines) or by Metropolis–Hastings with the space's proposal
 * ({@code probe.populationSampling(smcConfig)}, or {@code (null)} for sizes from the budget, picks the one the
 * pipeline allows).
 *
 * <pre>{@code
 * // on a differentiable pipeline (HMC and MALA need gradients):
 * ProbeResult a = probe.sample(config, Sampling.chains(Hmc.of(0.05, 8)));
 * ProbeResult b = probe.sample(config, Sampling.populations());   // SmcConfig.fromBudget(config): 4 populations
 * ProbeResult c = probe.sample(config, Sampling.populations(SmcConfig.builder().particles(512).build()));
 * // on any pipeline, black boxes too (Metropolis–Hastings where there are no gradients):
 * ProbeResult d = probe.sample(config, probe.populationSampling(null));
 * ProbeResult e = probe.sample(config, Sampling.chains(RandomWalkMetropolis.of(MixedProposal.gaussian(2), 0.5)));
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

    /** SMC with explicit settings, moves by MALA; the seed is the sampler configuration's, not {@code config}'s. */
    static Populations populations(SmcConfig config) {
        return new Populations(Objects.requireNonNull(config, "config"), Mala.of(0.1));
    }

    /**
     * SMC with explicit settings (or {@code null}: from the budget) and moves by {@code kernel} (MALA or HMC; or
     * RandomWalkMetropolis, gradient-free, e.g. for procedural spaces). The seed is always the sampler
     * configuration's ({@code probe.sample(config, …)}), not {@code config}'s.
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

    /**
     * SMC populations; {@code config} null means "from the sampler configuration's budget". With {@link #until},
     * more independent populations of the same size are added, round by round, while the result falls short of
     * the {@code evidence} and a larger run can still meet it.
     *
     * @param evidence what the run grows toward, or {@code null}: one round of {@code config.populations()}
     * @param maxPopulations most populations in all when growing; 0: {@value #DEFAULT_GROWTH} times the first round's
     */
    record Populations(SmcConfig config, Kernel kernel, Evidence evidence, int maxPopulations) implements Sampling {
        /** Most populations a growing run makes unless told: this many times the first round's. */
        public static final int DEFAULT_GROWTH = 4;

        public Populations {
            Objects.requireNonNull(kernel, "kernel");
            if (maxPopulations < 0 || maxPopulations == 1) {
                throw new IllegalArgumentException("maxPopulations must be 0 (" + DEFAULT_GROWTH + " times the first "
                        + "round's populations) or at least 2, got " + maxPopulations);
            }
        }

        /** One round of populations, no growth. */
        public Populations(SmcConfig config, Kernel kernel) {
            this(config, kernel, null, 0);
        }

        /**
         * Adds populations until the pooled result meets {@code evidence} or the run holds {@code maxPopulations}
         * populations' worth of particles. After each round:
         * <ul>
         *   <li>it stops once the result meets the evidence, and at once when no particle attains the target (more
         *       of the same sampler would not reach it: a different question or a larger prior pool might);</li>
         *   <li>it stops when the populations crossed a plateau of the question's energy blind
         *       ({@link dev.probe.core.diagnostics.Diagnostics#plateauNats()} above
         *       {@link dev.probe.core.population.PopulationRun#MAX_PLATEAU_NATS}): more populations from the same
         *       pool would cross it the same way;</li>
         *   <li>if R̂ fails, the populations disagree (each holds the modes in its own shares), which larger
         *       populations fix and more of them do not: once, the run is replaced by as many populations of twice
         *       the particles (its cost is still reported); after that it stops if R̂ exceeds twice the allowed
         *       excess over 1;</li>
         *   <li>otherwise it projects how many populations would give enough effective attained samples (they
         *       grow in proportion to the populations) and runs that many more, in one round, when they fit.</li>
         * </ul>
         * Every population has its own seed stream and its own part of the prior pool, so a run replays. Stopping
         * on a diagnostic makes the reported R̂ slightly optimistic, as any "run until R̂ passes" rule does.
         *
         * @param maxPopulations the run's particles in all are at most this many times the first round's per population;
         *     0: {@value #DEFAULT_GROWTH} times the first round's populations
         */
        public Populations until(Evidence evidence, int maxPopulations) {
            return new Populations(config, kernel, Objects.requireNonNull(evidence, "evidence"), maxPopulations);
        }

        @Override
        public String describe() {
            return "SMC populations moved by " + kernel.name();
        }
    }
}
