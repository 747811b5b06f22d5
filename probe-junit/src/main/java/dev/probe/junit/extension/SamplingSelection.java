package dev.probe.junit.extension;

import dev.probe.core.probe.Probe;
import dev.probe.core.probe.Sampling;
import dev.probe.junit.SamplerKind;

/**
 * How an invocation is sampled, from its settings: {@code AUTO} is the probe's default; {@code SMC}
 * populations (with {@code populations} and {@code particles} if set, else from the budget); any other
 * kind, chains of that kernel.
 */
final class SamplingSelection {
    private SamplingSelection() {}

    static Sampling of(ProbeConfiguration c, Probe probe) {
        SamplerKind kind = c.sampler();
        if (kind == SamplerKind.AUTO) {
            return probe.defaultSampling();
        }
        if (kind == SamplerKind.SMC) {
            return c.smcConfig() == null ? Sampling.populations() : Sampling.populations(c.smcConfig());
        }
        return Sampling.chains(KernelSelection.of(kind, probe));
    }
}
