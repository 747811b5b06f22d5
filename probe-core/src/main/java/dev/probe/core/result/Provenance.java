package dev.probe.core.result;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.sampler.SamplerConfig;

/**
 * Where a {@link ProbeResult} came from: what was asked, where it was sampled, by which tuned kernel
 * with which configuration and seed, and how the run went.
 *
 * <pre>{@code
 * long seed = result.provenance().config().seed();
 * }</pre>
 *
 * @param query the query's description
 * @param space the space's description
 * @param kernel the tuned kernel, e.g. {@code MALA(h=0.012)}
 * @param config the full sampler configuration (seed included)
 * @param diagnostics the engine's diagnostics
 */
public record Provenance(String query, String space, String kernel, SamplerConfig config, Diagnostics diagnostics) {

    /** Key/value lines. */
    public String table() {
        return String.format(java.util.Locale.ROOT, "seed                 %d%nquery                %s%nspace                %s%n"
                + "kernel               %s%nconfig               %s%n", config.seed(), query, space, kernel, config);
    }
}
