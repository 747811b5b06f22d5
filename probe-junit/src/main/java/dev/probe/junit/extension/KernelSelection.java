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

    static Kernel of(SamplerKind kind, Probe probe) {
        switch (kind) {
            case MALA:
                return Mala.of(0.01);
            case HMC:
                return Hmc.of(0.01, 8);
            case MH:
                return RandomWalkMetropolis.of(probe.space().proposal(), 0.5);
            case SMOOTHED_MALA:
                return SmoothedMala.of(0.01, 0.1, 4);
            case SMC:
                throw new IllegalArgumentException("SMC samples populations, not chains of one kernel.");
            case AUTO:
            default:
                return probe.defaultKernel();
        }
    }
}
