package dev.probe.core.probe;

import dev.probe.core.sampler.Kernel;
import dev.probe.core.sampler.Mala;
import dev.probe.core.sampler.RandomWalkMetropolis;
import dev.probe.core.sampler.SmoothedMala;
import dev.probe.core.query.OutputEnergy;
import dev.probe.core.query.Query;
import dev.probe.core.space.SampleSpace;

/**
 * The default sampler of a probe. Probes over a space with a proper prior (latent spaces, bounded input spaces,
 * procedural spaces) are sampled by SMC populations: level-set queries ({@link OutputEnergy}) started from the
 * shared prior pool, Gibbs probes (counterfactual, contrast, risky, parameter-sensitive) from fresh prior draws;
 * moved by MALA on a differentiable pipeline, by Metropolis–Hastings with the space's proposal on procedural spaces
 * and pipelines without gradients (black-box models over a bounded box). On the paper's MNIST VAE + CNN they gave
 * 10–100× the effective attained samples per second of MALA chains and converged where the chains did not
 * (BENCHMARK.md, "Population sampling"); Gibbs probes over a box converged in populations where chains stayed at
 * R̂ 1.06–7.9. Everything else (no proper prior) runs chains: MALA when the pipeline is differentiable, random-walk
 * Metropolis with the space's proposal when the space has discrete coordinates, smoothed-gradient MALA otherwise
 * (initial step sizes; warm-up tunes them).
 */
final class KernelChoice {
    private KernelChoice() {}

    /**
     * SMC populations over a proper prior (level sets and Gibbs probes alike: counterfactual, contrast and risky probes
     * over a bounded box stayed at R̂ 1.06–7.9 in MALA or MH chains and converged in populations), chains of
     * {@code kernel} otherwise.
     */
    static Sampling samplingFor(SampleSpace space, Query query, Kernel kernel) {
        if (space.hasProperPrior() && space.isDifferentiable() && query.isDifferentiable()
                && !space.hasDiscreteCoordinates()) {
            return Sampling.populations();
        }
        if (space.hasProperPrior()) {
            // discrete attributes, or a model without gradients (a black box, a tree ensemble): Metropolis–Hastings
            // moves with the space's proposal, scaled per population (chains of smoothed-gradient MALA with one
            // isotropic step did not converge on a black-box logistic regression over a box of unequal widths)
            return Sampling.populations(null, populationKernel(space, false));
        }
        return Sampling.chains(kernel);
    }

    /**
     * What moves SMC particles: MALA on a differentiable pipeline; otherwise Metropolis–Hastings with the space's own
     * proposal (categorical attributes resampled, continuous ones stepped), one scale per population.
     */
    static Kernel populationKernel(SampleSpace space, boolean differentiable) {
        return differentiable ? Mala.of(0.1) : RandomWalkMetropolis.of(space.proposal(), 0.5);
    }

    /**
     * Refuses a kernel that moves every coordinate continuously (MALA, HMC, smoothed-gradient MALA) on a space with
     * discrete coordinates: its proposals are values the space does not have (a new user's smoothed MALA handed a
     * procedural renderer the category 2.80 and an attribute of [0, 1] the value 1.05, and the renderer's message told
     * the user to pass whole numbers).
     */
    static void checkFits(SampleSpace space, Kernel kernel) {
        if (kernel == null || !space.hasDiscreteCoordinates()) {
            return;
        }
        if (kernel instanceof SmoothedMala || kernel instanceof Mala || kernel instanceof dev.probe.core.sampler.Hmc) {
            throw new IllegalArgumentException(kernel.name() + " moves every coordinate continuously, but "
                    + space.describe() + " has discrete coordinates (categories, and attributes its renderer takes only "
                    + "within their bounds): its proposals would be values the space does not have. Sample it with "
                    + "Metropolis–Hastings and the space's own proposal, RandomWalkMetropolis.of(space.proposal(), 0.5), "
                    + "or with sample(config), which does (in the extension: sampler = MH, or AUTO).");
        }
    }

    static Kernel forPipeline(SampleSpace space, boolean differentiable) {
        if (differentiable) {
            return Mala.of(0.01);
        }
        if (space.hasDiscreteCoordinates()) {
            return RandomWalkMetropolis.of(space.proposal(), 0.5);
        }
        return SmoothedMala.of(0.01, SmoothedMala.defaultSmoothing(space.bounds()), 4);
    }
}
