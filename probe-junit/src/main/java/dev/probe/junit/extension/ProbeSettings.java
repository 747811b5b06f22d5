package dev.probe.junit.extension;

import dev.probe.core.sampler.SamplerConfig;
import dev.probe.junit.annotations.SamplerKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resolved settings of one probe invocation: every value is set, and {@link #sources()} says where
 * each came from (annotation, class defaults, configuration, built-in) for reports and failure messages.
 *
 * <pre>{@code
 * ProbeSettings s = resolver.resolve(annotation, testClass, seedBase);
 * SamplerConfig config = s.samplerConfig();
 * }</pre>
 */
public record ProbeSettings(
        int draws, int chains, int warmup, int thin, double sigma, double tau, SamplerKind sampler, long seed,
        double budget, double annealing, int screening, NotSampledPolicy notSampled, Map<String, String> sources) {

    /** Built-in defaults, sized for CI on 2 cores. */
    public static final int DRAWS = 100;
    public static final int CHAINS = 32;
    public static final int WARMUP = 200;
    public static final int THIN = 1;
    public static final double SIGMA = 0.05;
    public static final double TAU = 1.0;
    /** Fraction of warm-up spent annealing the question (see {@code SamplerConfig.annealing}). */
    public static final double ANNEALING = 0.5;
    /** Candidates per chain screened for the starting points (see {@code SamplerConfig.screening}). */
    public static final int SCREENING = SamplerConfig.SCREENING;

    public ProbeSettings {
        sources = Map.copyOf(new LinkedHashMap<>(sources));
    }

    /** The sampler configuration, with the budget scale applied to warm-up and draws (at least 4 each). */
    public SamplerConfig samplerConfig() {
        return SamplerConfig.builder()
                .chains(chains)
                .warmup(Math.max(4, (int) Math.round(warmup * budget)))
                .draws(Math.max(4, (int) Math.round(draws * budget)))
                .thin(thin)
                .seed(seed)
                .annealing(annealing)
                .screening(screening)
                .build();
    }

    /** A one-line summary for display and failure messages. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "chains=%d warmup=%d draws=%d thin=%d sigma=%s tau=%s sampler=%s seed=%d budget=%s annealing=%s screening=%d",
                chains, warmup, draws, thin, sigma, tau, sampler, seed, budget, annealing, screening);
    }
}
