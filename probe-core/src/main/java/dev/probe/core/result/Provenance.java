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
 * @param kernel the tuned kernel, e.g. {@code MALA(h=0.012)}, or the population sampler with its sizes,
 *     {@code SMC(MALA, 4×128 particles, …)}
 * @param config the full sampler configuration (seed included); for a population result, the chain budget its
 *     populations' sizes were derived from (their seed is this seed)
 * @param diagnostics the engine's diagnostics
 */
public record Provenance(String query, String space, String kernel, SamplerConfig config, Diagnostics diagnostics) {

    /** Key/value lines; a population result's budget line says that its sizes are in the sampler line. */
    public String table() {
        boolean populations = kernel.startsWith("SMC(");
        return String.format(java.util.Locale.ROOT, "seed                 %d%nquery                %s%nspace                %s%n"
                + "%s%s%n%s%s%n", config.seed(), query, space, populations ? "sampler              " : "kernel               ",
                kernel, populations ? "budget               " : "config               ",
                populations ? config + " (the chain budget the populations' sizes came from)" : config);
    }
}
