package dev.probe.junit.extension;

import dev.probe.core.probe.Probe;
import dev.probe.core.probe.Sampling;
import dev.probe.junit.SamplerKind;

/**
 * How an invocation is sampled, from its settings: {@code AUTO} is the probe's default (with
 * {@code populations} and {@code particles} if set and the default samples populations); {@code SMC}
 * populations (with {@code populations} and {@code particles} if set, else from the budget); any other
 * kind, chains of that kernel. Populations grow toward the invocation's converged evidence
 * ({@link Sampling.Populations#until}, at most {@code maxPopulations}).
 */
final class SamplingSelection {
    private SamplingSelection() {}

    static Sampling of(ProbeConfiguration c, Probe probe) {
        Sampling chosen = chosen(c, probe);
        if (chosen instanceof Sampling.Populations && c.isSetOnMethod(Setting.MAX_DIVERGENCES)) {
            throw new IllegalArgumentException(c.source(Setting.MAX_DIVERGENCES.name) + " sets maxDivergences = "
                    + c.maxDivergences() + ", but this probe is sampled by populations, which are not judged by divergences (a "
                    + "divergent rejuvenation move is rejected; their settling drift is judged instead): leave maxDivergences "
                    + "out, or set a chain sampler (sampler = HMC).");
        }
        if (chosen instanceof Sampling.Chains chains && !(chains.kernel() instanceof dev.probe.core.sampler.Hmc)
                && c.isSetOnMethod(Setting.MAX_DIVERGENCES)) {
            // a user's maxDivergences on MH chains ran and was listed as in force, though MH never diverges
            throw new IllegalArgumentException(c.source(Setting.MAX_DIVERGENCES.name) + " sets maxDivergences = "
                    + c.maxDivergences() + ", but this probe's chains move by " + chains.kernel().name() + ", which has no "
                    + "trajectories to diverge (divergences are HMC's energy errors): leave maxDivergences out, or set "
                    + "sampler = HMC.");
        }
        // populations grow toward converged evidence, as the verdict will judge it
        return chosen instanceof Sampling.Populations p ? p.until(c.evidence(), c.maxPopulations()) : chosen;
    }

    private static Sampling chosen(ProbeConfiguration c, Probe probe) {
        SamplerKind kind = c.sampler();
        if (kind == SamplerKind.AUTO) {
            Sampling auto = probe.defaultSampling();
            if (c.smcConfig() == null) {
                return auto;
            }
            if (auto instanceof Sampling.Populations populations) {
                return Sampling.populations(c.smcConfig(), populations.kernel());
            }
            // AUTO samples by chains only over a space without a proper prior: say that one cause (a new user's
            // infinite bound was told three, and to force SMC, which refuses such a space)
            throw new IllegalArgumentException("populations/particles are set, but this probe is sampled by chains ("
                    + auto + "): its space, " + probe.space().describe() + ", has no proper prior (a coordinate unbounded "
                    + "under a flat prior, e.g. an InputSpace bound at infinity), and populations start from prior draws. "
                    + "Bound every coordinate to the region the model is meant for, or leave populations and particles "
                    + "out to sample it by chains.");
        }
        if (kind == SamplerKind.SMC) {
            return probe.populationSampling(c.smcConfig());
        }
        return Sampling.chains(KernelSelection.of(c, probe));
    }
}
