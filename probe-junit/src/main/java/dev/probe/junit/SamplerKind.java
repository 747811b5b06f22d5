package dev.probe.junit;

/**
 * The MCMC kernel a probe uses. {@link #AUTO} (the default) picks MALA for differentiable pipelines,
 * random-walk Metropolis–Hastings for spaces with discrete coordinates and smoothed-gradient MALA for
 * black-box models.
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
     * Sequential Monte Carlo: independent populations of particles tempered from the prior to the
     * question, moved by MALA; estimates the prior mass of the level set too. Needs a differentiable
     * pipeline and a space with a proper prior ({@code @ProbeSettings(populations, particles)}).
     */
    SMC
}
