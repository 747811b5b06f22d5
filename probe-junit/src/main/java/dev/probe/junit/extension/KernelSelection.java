package dev.probe.junit.extension;

import dev.probe.core.probe.Probe;
import dev.probe.core.sampler.Hmc;
import dev.probe.core.sampler.Kernel;
import dev.probe.core.sampler.Mala;
import dev.probe.core.sampler.RandomWalkMetropolis;
import dev.probe.core.sampler.SmoothedMala;
import dev.probe.junit.SamplerKind;

/** The kernel for a {@link SamplerKind}; initial step sizes are small, warm-up tunes them. */
final class KernelSelection {
    private KernelSelection() {}

    static Kernel of(ProbeConfiguration c, Probe probe) {
        SamplerKind kind = c.sampler();
        if ((kind == SamplerKind.MALA || kind == SamplerKind.HMC) && !probe.energy().isDifferentiable()) {
            // SMOOTHED_MALA is refused in turn on a space with discrete coordinates: naming it sent a user in a circle
            throw new IllegalArgumentException("sampler = " + kind + " moves chains with gradients, but this probe's "
                    + "pipeline (" + probe.space().describe() + " → " + probe.query().describe() + ") has none: a black-box "
                    + "model or a non-differentiable space. Set sampler = MH" + (probe.space().hasDiscreteCoordinates()
                            ? "" : " or SMOOTHED_MALA") + ", or leave sampler = AUTO, which picks one for it.");
        }
        if (kind == SamplerKind.SMOOTHED_MALA && probe.space().hasDiscreteCoordinates()) {
            // its proposals reached a procedural renderer as category 2.80, and the renderer blamed the user's input
            throw new IllegalArgumentException("sampler = SMOOTHED_MALA moves every coordinate continuously, but this "
                    + "probe's space (" + probe.space().describe() + ") has discrete coordinates (categories, and "
                    + "attributes its renderer takes only within their bounds): its proposals would be values the space "
                    + "does not have. Set sampler = MH (Metropolis–Hastings with the space's own "
                    + "proposal), or leave sampler = AUTO, which picks it.");
        }
        switch (kind) {
            case MALA:
                return Mala.of(0.01);
            case HMC:
                return Hmc.of(0.01, 8);
            case MH:
                return RandomWalkMetropolis.of(probe.space().proposal(), 0.5);
            case SMOOTHED_MALA:
                return SmoothedMala.of(0.01, c.smoothing() > 0 ? c.smoothing()
                        : SmoothedMala.defaultSmoothing(probe.space().bounds()), c.smoothingPairs());
            case SMC:
                throw new IllegalArgumentException("SMC samples populations, not chains of one kernel.");
            case AUTO:
            default:
                return probe.defaultKernel();
        }
    }
}
