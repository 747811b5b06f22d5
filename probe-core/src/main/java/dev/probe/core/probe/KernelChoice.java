package dev.probe.core.probe;

import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.Kernel;
import dev.probe.core.sampler.Mala;
import dev.probe.core.sampler.RandomWalkMetropolis;
import dev.probe.core.sampler.SmoothedMala;
import dev.probe.core.space.SampleSpace;

/**
 * The default sampler of a probe: chains of MALA when the pipeline is differentiable, random-walk
 * Metropolis with the space's proposal when the space has discrete coordinates, smoothed-gradient MALA
 * otherwise (initial step sizes; warm-up tunes them).
 */
final class KernelChoice {
    private KernelChoice() {}

    /** Chains of {@code kernel}. */
    static Sampling samplingFor(SampleSpace space, dev.probe.core.query.Query query, Kernel kernel) {
        return Sampling.chains(kernel);
    }

    static Kernel forPipeline(SampleSpace space, boolean differentiable) {
        if (differentiable) {
            return Mala.of(0.01);
        }
        if (space.hasDiscreteCoordinates()) {
            return RandomWalkMetropolis.of(space.proposal(), 0.5);
        }
        return SmoothedMala.of(0.01, smoothing(space.bounds()), 4);
    }

    /** A tenth of the narrowest finite width of the box, or 0.1 when unbounded. */
    private static double smoothing(Box box) {
        double width = Double.POSITIVE_INFINITY;
        for (int k = 0; k < box.dimension(); k++) {
            double w = box.upper(k) - box.lower(k);
            if (Double.isFinite(w)) {
                width = Math.min(width, w);
            }
        }
        return Double.isFinite(width) ? width / 10 : 0.1;
    }
}
