package dev.probe.junit;

/**
 * How a probe is sampled. {@link #AUTO} (the default) samples by SMC populations over a space with a proper prior (a
 * latent space, a bounded box), moved by MALA on a differentiable pipeline and by random-walk Metropolis–Hastings on a
 * procedural space or a model without gradients; by chains otherwise. {@code MALA} and {@code HMC} need gradients.
 *
 * <pre>{@code
 * @ProbeHighConfidence(classes = 7) @ProbeSettings(sampler = SamplerKind.HMC)
 * }</pre>
 */
public enum SamplerKind {
    /**
     * Not a sampler: the default of {@code @ProbeSettings(sampler)}, meaning "not set here", so the enclosing level
     * (the test class's settings, the configuration, then {@link #AUTO}) decides. An explicit {@code AUTO} on a test
     * method overrides a class's {@code sampler = MH}; this value cannot be configured.
     */
    INHERIT,
    AUTO,
    MALA,
    HMC,
    MH,
    SMOOTHED_MALA,
    /**
     * Sequential Monte Carlo: independent populations of particles tempered from the prior to the question, moved by
     * MALA on a differentiable pipeline and by Metropolis–Hastings otherwise; estimates the prior mass of the relaxed
     * level set too. Needs a space with a proper prior ({@code @ProbeSettings(populations, particles)}).
     */
    SMC
}
