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
            throw new IllegalArgumentException("populations/particles are set, but this probe is sampled by chains ("
                    + auto + "): its pipeline is not differentiable, its space has no proper prior, or its query is not a "
                    + "level set. Set sampler = SMC to force populations, or leave populations and particles out.");
        }
        if (kind == SamplerKind.SMC) {
            return probe.populationSampling(c.smcConfig());
        }
        return Sampling.chains(KernelSelection.of(c, probe));
    }
}
