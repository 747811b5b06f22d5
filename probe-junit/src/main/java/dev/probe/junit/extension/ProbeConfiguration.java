package dev.probe.junit.extension;

import dev.probe.core.population.SmcConfig;
import dev.probe.core.probe.Sampling;
import dev.probe.core.result.Evidence;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.junit.SamplerKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The resolved settings of one probe invocation, typed: every value that applies is set, and
 * {@link #source} says where each came from (a {@code @ProbeSettings} on the method or class, a
 * configuration parameter, or built-in) for reports and failure messages. Made by the extension
 * (see {@link ProbeContext#configuration}); a probe factory reads the relaxation its question uses.
 *
 * <pre>{@code
 * ProbeConfiguration c = context.configuration("1:7");
 * Query q = Ambivalent.between(classifier, 1, 7).withSigmas(c.sigma(), c.sigma());
 * }</pre>
 */
public final class ProbeConfiguration {
    private final Map<Setting<?>, Object> values;
    private final Map<Setting<?>, String> sources;
    private final java.util.Set<Setting<?>> setOnMethod;
    /**
     * What 0 of {@code pool} and {@code smoothing} stands for in the probe's space; NaN before it is known; a pool of
     * −1: the probe uses none.
     */
    private final double builtInPool;
    private final double builtInSmoothing;

    ProbeConfiguration(Map<Setting<?>, Object> values, Map<Setting<?>, String> sources, java.util.Set<Setting<?>> setOnMethod) {
        this(values, sources, setOnMethod, Double.NaN, Double.NaN);
    }

    private ProbeConfiguration(Map<Setting<?>, Object> values, Map<Setting<?>, String> sources,
            java.util.Set<Setting<?>> setOnMethod, double builtInPool, double builtInSmoothing) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        this.setOnMethod = java.util.Set.copyOf(setOnMethod);
        this.builtInPool = builtInPool;
        this.builtInSmoothing = builtInSmoothing;
    }

    /**
     * These settings for {@code probe}: listings show the values the built-in {@code pool} and {@code smoothing} take
     * there ({@code pool=32768}, {@code smoothing=0.6}), not the 0 that stands for them, and say when the probe uses
     * no prior pool (a Gibbs question, a space without a proper prior).
     */
    ProbeConfiguration forProbe(dev.probe.core.probe.Probe probe) {
        dev.probe.core.space.SampleSpace space = probe.space();
        return new ProbeConfiguration(values, sources, setOnMethod,
                probe.usesPool() ? dev.probe.core.probe.PriorPool.defaultSize(space.dimension()) : -1,
                dev.probe.core.sampler.SmoothedMala.defaultSmoothing(space.bounds()));
    }

    /** Whether the test method itself sets {@code setting} (a class may set it for probes it applies to). */
    boolean isSetOnMethod(Setting<?> setting) {
        return setOnMethod.contains(setting);
    }

    <T> T get(Setting<T> setting) {
        @SuppressWarnings("unchecked")
        T v = (T) values.get(setting);
        if (v == null) {
            throw new IllegalStateException("The setting '" + setting + "' does not apply to this probe.");
        }
        return v;
    }

    boolean has(Setting<?> setting) {
        return values.containsKey(setting);
    }

    /** Where the value of the setting {@code name} came from, e.g. {@code "@ProbeSettings on MnistProbes"}. */
    public String source(String name) {
        return sources.entrySet().stream().filter(e -> e.getKey().name.equals(name)).map(Map.Entry::getValue).findFirst()
                .orElse("not applicable");
    }

    public int chains() {
        return get(Setting.CHAINS);
    }

    public int warmup() {
        return get(Setting.WARMUP);
    }

    public int draws() {
        return get(Setting.DRAWS);
    }

    public int thin() {
        return get(Setting.THIN);
    }

    public SamplerKind sampler() {
        return get(Setting.SAMPLER);
    }

    public long seed() {
        return get(Setting.SEED);
    }

    /** Whether the seed was set (on the method, class or in configuration), not derived from the invocation's id. */
    public boolean isSeedSet() {
        return !sources.get(Setting.SEED).startsWith(SettingsChain.DERIVED);
    }

    /** The level-set relaxation σ (level-set probes only). */
    public double sigma() {
        return get(Setting.SIGMA);
    }

    /** The temperature τ (Gibbs probes only). */
    public double tau() {
        return get(Setting.TAU);
    }

    /**
     * The population sampler's settings: {@code null} (both unset) means "from the budget"; either one
     * set takes the other from the budget; set particles are scaled by the budget like warm-up and draws.
     */
    SmcConfig smcConfig() {
        int populations = has(Setting.POPULATIONS) ? get(Setting.POPULATIONS) : 0;
        int particles = has(Setting.PARTICLES) ? get(Setting.PARTICLES) : 0;
        if (populations == 0 && particles == 0) {
            return budget() == 1 ? null : budgetPopulations();
        }
        SmcConfig budget = budgetPopulations();
        return SmcConfig.builder().populations(populations > 0 ? populations : budget.populations())
                .particles(particles > 0 ? Math.max(4, (int) Math.round(particles * budget())) : budget.particles())
                .seed(seed()).build();
    }

    /**
     * The populations the budget gives: those of the unscaled warm-up and draws ({@link SmcConfig#fromBudget}: at least
     * 128 particles in all), scaled by the budget, still at least 128. Scaling after the floor lets a budget above 1
     * add particles where the floor had set them: a nightly profile at budget 2 ran the quick profile's 4 × 32 (the
     * scaled evaluations, 104 particles' worth, were floored to 128 as the quick profile's 52 were).
     */
    SmcConfig budgetPopulations() {
        SmcConfig base = SmcConfig.fromBudget(SamplerConfig.builder().chains(chains()).warmup(warmup()).draws(draws())
                .thin(thin()).seed(seed()).build());
        long total = (long) base.particles() * base.populations();
        int scaled = (int) Math.max(128, Math.min(1 << 16, Math.round(total * budget())));
        return base.toBuilder().particles(scaled / base.populations()).build();
    }

    /** SMOOTHED_MALA's smoothing width s in sampled coordinates; 0: a tenth of the narrowest box width. */
    public double smoothing() {
        return get(Setting.SMOOTHING);
    }

    /** SMOOTHED_MALA's antithetic pairs J per smoothed gradient. */
    public int smoothingPairs() {
        return get(Setting.SMOOTHING_PAIRS);
    }

    /** Prior-pool draws; 0: the built-in size. */
    public int pool() {
        return get(Setting.POOL);
    }

    /** Max R̂ for converged evidence. */
    public double maxRhat() {
        return get(Setting.MAX_RHAT);
    }

    /** Effective attained samples needed for converged evidence (and for a gate to count the invocation as sampled). */
    public double minAttainedEss() {
        return get(Setting.MIN_ATTAINED_ESS);
    }

    /** Most populations of a growing population run; 0: four times the first round's. */
    public int maxPopulations() {
        return has(Setting.MAX_POPULATIONS) ? get(Setting.MAX_POPULATIONS) : 0;
    }

    /** Divergent HMC trajectories after warm-up that converged evidence from chains may have. */
    public int maxDivergences() {
        return get(Setting.MAX_DIVERGENCES);
    }

    /**
     * What converged evidence means here: {@link #maxRhat()}, {@link #minAttainedEss()}, {@link #tolerance()},
     * {@link #maxDivergences()}.
     */
    public Evidence evidence() {
        return new Evidence(maxRhat(), minAttainedEss(), tolerance(), maxDivergences());
    }

    /** Target distance within which a sample attains the target. */
    public double tolerance() {
        return get(Setting.TOLERANCE);
    }

    /** Scale of warm-up and draws. */
    public double budget() {
        return get(Setting.BUDGET);
    }

    Inconclusive notSampled() {
        return get(Setting.NOT_SAMPLED);
    }

    Inconclusive notConverged() {
        return get(Setting.NOT_CONVERGED);
    }

    /** The sampler configuration, with the budget scale applied to warm-up and draws (at least 4 each). */
    public SamplerConfig samplerConfig() {
        return SamplerConfig.builder()
                .chains(chains())
                .warmup(scaledWarmup())
                .draws(scaledDraws())
                .thin(thin())
                .seed(seed())
                .annealing(get(Setting.ANNEALING))
                .screening(get(Setting.SCREENING))
                .build();
    }

    /** Warm-up iterations after the budget scale. */
    public int scaledWarmup() {
        return Math.max(4, (int) Math.round(warmup() * budget()));
    }

    /** Kept draws per chain after the budget scale. */
    public int scaledDraws() {
        return Math.max(4, (int) Math.round(draws() * budget()));
    }

    /** One line: {@code chains=16 warmup=300 ...}, the settings that apply. */
    public String summary() {
        return summary(true);
    }

    /**
     * As {@link #summary()}, for a probe sampled by populations or (false) by chains: the settings only populations use
     * are left out of a chain's, and a population's show the values used where 0 stands for "from the budget"
     * ({@code populations=4}, not {@code populations=0}).
     */
    public String summary(boolean populations) {
        return values.entrySet().stream().filter(e -> e.getKey() != Setting.NOT_SAMPLED && e.getKey() != Setting.NOT_CONVERGED)
                .filter(e -> populations || !isPopulationSetting(e.getKey()))
                // the report's one-line listing leaves out what the run did not use (a new user's diagnostics.txt
                // listed chains=32 warmup=200 draws=100 for populations of set particles)
                .filter(e -> !unused(e.getKey(), populations))
                .map(e -> e.getKey().name + "=" + (isPopulationSetting(e.getKey()) || e.getKey() == Setting.POOL
                        || e.getKey() == Setting.SMOOTHING ? shown(e.getKey(), e.getValue()).replaceFirst(" \\(.*\\)$", "")
                        : format(e.getValue())))
                .collect(Collectors.joining(" "));
    }

    /**
     * Whether {@code s} sizes nothing in this run: chains, warmup, draws and thin where populations run with their
     * particles set (unset, the budget's particles come from them).
     */
    private boolean unused(Setting<?> s, boolean populations) {
        return populations && (s == Setting.CHAINS || s == Setting.WARMUP || s == Setting.DRAWS || s == Setting.THIN)
                && values.get(Setting.PARTICLES) instanceof Integer p && p > 0;
    }

    private static boolean isPopulationSetting(Setting<?> s) {
        return s == Setting.POPULATIONS || s == Setting.PARTICLES || s == Setting.MAX_POPULATIONS;
    }

    /** One line per setting: value and where it came from. */
    public String describe() {
        return describe(true);
    }

    /**
     * As {@link #describe()}, for a probe sampled by populations or (false) by chains, whose listing leaves out the
     * settings only populations use ({@code populations}, {@code particles}, {@code maxPopulations}).
     */
    public String describe(boolean populations) {
        StringBuilder b = new StringBuilder();
        values.forEach((s, v) -> {
            if (populations || !(s == Setting.POPULATIONS || s == Setting.PARTICLES || s == Setting.MAX_POPULATIONS)) {
                // populations whose particles are set run no chains: "chains 32, warmup 200, draws 100" read as if
                // 3,200 chain draws had been made (a reviewer's)
                b.append(String.format(Locale.ROOT, "  %-15s %-26s %s%n", s.name, unused(s, populations) ? v + " (unused: particles set)"
                        : shown(s, v), sources.get(s)));
            }
        });
        return b.toString();
    }

    /**
     * A value as the listing shows it: a setting whose 0 stands for a derived value shows that value and says so
     * ({@code "16 (4 × populations)"}), so it does not read as zero.
     */
    private String shown(Setting<?> s, Object v) {
        if (s == Setting.SMOOTHING && v instanceof Double d && d == 0) {
            return (Double.isNaN(builtInSmoothing) ? "auto" : String.format(Locale.ROOT, "%.3g", builtInSmoothing))
                    + " (a tenth of the narrowest box width)";
        }
        if (s == Setting.POOL && builtInPool < 0) {
            // a set size read "none … @ProbeSettings on X", as if the annotation had set none (a new user's)
            return v instanceof Integer p && p > 0 ? p + " (unused: this question uses no prior pool)"
                    : "none (this question uses no prior pool)";
        }
        if (s == Setting.POOL && v instanceof Integer p && p == 0) {
            return Double.isNaN(builtInPool) ? "auto (the built-in size)"
                    : String.format(Locale.ROOT, "%d (built-in)", (int) builtInPool);
        }
        if (s == Setting.WARMUP || s == Setting.DRAWS || (s == Setting.PARTICLES && v instanceof Integer p && p > 0)) {
            // what ran, not only what was set: probe.budget scales these, and at least 4 run (split-R̂ needs them)
            int scaled = s == Setting.WARMUP ? scaledWarmup() : s == Setting.DRAWS ? scaledDraws()
                    : Math.max(4, (int) Math.round((Integer) v * budget()));
            if (budget() != 1) {
                return v + " (" + scaled + " at budget " + format(budget()) + ")";
            }
            if (scaled != (Integer) v) {
                return v + " (" + scaled + " ran: the fewest Probe runs)";
            }
        }
        if (!(v instanceof Integer i) || i != 0) {
            return format(v);
        }
        if (s == Setting.POPULATIONS || s == Setting.PARTICLES || s == Setting.MAX_POPULATIONS) {
            SmcConfig budget = budgetPopulations();
            if (s == Setting.PARTICLES) {
                // a new user's chains = 4, warmup = 10, draws = 5 ran the same 4 x 32 as 8, 100, 50: say why
                long worth = (long) chains() * (warmup() + (long) draws() * thin()) / SmcConfig.MOVES_PER_RUN;
                return budget.particles() + (worth < SmcConfig.MIN_BUDGET_PARTICLES && budget() <= 1
                        ? String.format(Locale.ROOT, " (from the budget: its floor, %d in all; chains x (warmup + draws "
                                + "x thin) / %d is %d, so chains, warmup and draws below it change nothing)",
                                SmcConfig.MIN_BUDGET_PARTICLES, SmcConfig.MOVES_PER_RUN, worth)
                        : " (from the budget)");
            }
            int set = has(Setting.POPULATIONS) ? get(Setting.POPULATIONS) : 0;
            int populations = set != 0 ? set : budget.populations();
            return s == Setting.POPULATIONS ? populations + " (from the budget)"
                    : Sampling.Populations.DEFAULT_GROWTH * populations + " (" + Sampling.Populations.DEFAULT_GROWTH
                            + " × populations)";
        }
        return "0";
    }

    private static String format(Object v) {
        return v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(v);
    }

    @Override
    public String toString() {
        return summary();
    }
}
