package dev.probe.junit.extension;

import dev.probe.junit.ProbeSettings;
import dev.probe.junit.SamplerKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting: its name (the {@link ProbeSettings} attribute and the configuration key
 * {@code probe.<name>}), how an annotation sets it, how configuration text parses, what values are
 * valid and its built-in default. Adding a setting is one constant here (plus, if annotations may set
 * it, one attribute of {@link ProbeSettings}); {@link ProbeConfiguration} resolves every constant of
 * {@link #ALL} the same way.
 *
 * @param <T> the value's type
 */
final class Setting<T> {
    static final Setting<Integer> CHAINS = whole("chains", ProbeSettings::chains, 32, 1);
    static final Setting<Integer> WARMUP = whole("warmup", ProbeSettings::warmup, 200, 0);
    static final Setting<Integer> DRAWS = whole("draws", ProbeSettings::draws, 100, 1);
    static final Setting<Integer> THIN = whole("thin", ProbeSettings::thin, 1, 1);
    static final Setting<SamplerKind> SAMPLER = new Setting<>("sampler",
            // INHERIT (the attribute's default) is "not set here", so an explicit AUTO on a method overrides its class
            a -> a.sampler() == SamplerKind.INHERIT ? Optional.empty() : Optional.of(a.sampler()),
            text -> SamplerKind.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_')), v -> v != SamplerKind.INHERIT,
            "one of " + java.util.Arrays.stream(SamplerKind.values()).filter(k -> k != SamplerKind.INHERIT).toList(),
            SamplerKind.AUTO);
    /** No built-in: unset, the seed is derived from the invocation's id. */
    static final Setting<Long> SEED = new Setting<>("seed",
            a -> a.seed().isBlank() ? Optional.empty() : Optional.of(Long.parseLong(a.seed().trim())), Long::parseLong,
            v -> true, "a decimal long", null);
    static final Setting<Double> SIGMA = positive("sigma", ProbeSettings::sigma, 0.05);
    static final Setting<Double> TAU = positive("tau", ProbeSettings::tau, 1.0);
    static final Setting<Double> ANNEALING = new Setting<>("annealing", a -> number(a.annealing()), Double::valueOf,
            v -> v >= 0 && v < 1, "a fraction of warm-up in [0, 1)", 0.5);
    static final Setting<Integer> SCREENING = whole("screening", ProbeSettings::screening, 16, 1);
    /** SMOOTHED_MALA only; unset (0 inside): a tenth of the narrowest box width ({@link dev.probe.core.sampler.SmoothedMala#defaultSmoothing}). */
    static final Setting<Double> SMOOTHING = new Setting<>("smoothing", a -> number(a.smoothing()), Double::valueOf,
            v -> v > 0 && Double.isFinite(v), "a positive number (unset: a tenth of the narrowest box width)", 0.0);
    /** SMOOTHED_MALA only: antithetic pairs J per smoothed gradient. */
    static final Setting<Integer> SMOOTHING_PAIRS = whole("smoothingPairs", ProbeSettings::smoothingPairs, 4, 1);
    /** SMC only; 0 (built-in): from the budget. */
    static final Setting<Integer> POPULATIONS = whole("populations", ProbeSettings::populations, 0, 2);
    /** SMC only; 0 (built-in): from the budget. */
    static final Setting<Integer> PARTICLES = whole("particles", ProbeSettings::particles, 0, 2);
    /** SMC only; 0 (built-in): four times the first round's populations; equal to populations: no growth. */
    static final Setting<Integer> MAX_POPULATIONS = whole("maxPopulations", ProbeSettings::maxPopulations, 0, 2);
    /** Level-set probes over a proper prior; 0 (built-in): PriorPool.defaultSize. */
    static final Setting<Integer> POOL = whole("pool", ProbeSettings::pool, 0, 1);
    static final Setting<Double> MAX_RHAT = new Setting<>("maxRhat", a -> number(a.maxRhat()), Double::valueOf,
            v -> v >= 1 && Double.isFinite(v), "a number of at least 1", 1.05);
    static final Setting<Double> MIN_ATTAINED_ESS = new Setting<>("minAttainedEss", a -> number(a.minAttainedEss()),
            Double::valueOf, v -> v >= 0 && Double.isFinite(v), "a number of at least 0", 100.0);
    /** Chains only (HMC): divergent trajectories after warm-up that converged evidence may have. */
    static final Setting<Integer> MAX_DIVERGENCES = whole("maxDivergences", ProbeSettings::maxDivergences, 0, 0);
    /** Set by the probe annotation's {@code tolerance} attribute, not by {@link ProbeSettings}. */
    static final Setting<Double> TOLERANCE = positive("tolerance", null, 0.1);
    /** Run-wide: scales warm-up and draws (quick CI profile vs nightly). */
    static final Setting<Double> BUDGET = positive("budget", null, 1.0);
    static final Setting<Inconclusive> NOT_SAMPLED = policy("notSampled", ProbeSettings::notSampled);
    static final Setting<Inconclusive> NOT_CONVERGED = policy("notConverged", ProbeSettings::notConverged);

    /** Every setting, in the order reports list them. */
    static final List<Setting<?>> ALL = List.of(CHAINS, WARMUP, DRAWS, THIN, SAMPLER, SEED, SIGMA, TAU, ANNEALING, SCREENING,
            SMOOTHING, SMOOTHING_PAIRS, POPULATIONS, PARTICLES, MAX_POPULATIONS, POOL, MAX_RHAT, MIN_ATTAINED_ESS, MAX_DIVERGENCES, TOLERANCE, BUDGET, NOT_SAMPLED, NOT_CONVERGED);

    final String name;
    private final Function<ProbeSettings, Optional<T>> attribute;
    private final Function<String, T> parser;
    private final Predicate<T> check;
    final String expected;
    final T builtIn;

    private Setting(String name, Function<ProbeSettings, Optional<T>> attribute, Function<String, T> parser, Predicate<T> check,
            String expected, T builtIn) {
        this.name = name;
        this.attribute = attribute;
        this.parser = parser;
        this.check = check;
        this.expected = expected;
        this.builtIn = builtIn;
    }

    /** The configuration key. */
    String key() {
        return "probe." + name;
    }

    /** The value {@code settings} sets, if it sets one. */
    Optional<T> in(ProbeSettings settings, String where) {
        if (attribute == null) {
            return Optional.empty();
        }
        try {
            return attribute.apply(settings);
        } catch (IllegalArgumentException e) { // a number that does not parse, a policy that is neither fail nor abort
            throw new IllegalArgumentException("Probe setting '" + name + "' (from " + where + ") is invalid: "
                    + e.getMessage() + "; expected " + expected + ".");
        }
    }

    /** The parsed configuration text. */
    T parse(String text, String where) {
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(where, "\"" + text + "\"");
        }
    }

    /** {@code value}, if valid. */
    T checked(T value, String where) {
        if (!check.test(value)) {
            throw invalid(where, value);
        }
        return value;
    }

    IllegalArgumentException invalid(String where, Object value) {
        return new IllegalArgumentException("Probe setting '" + name + "' = " + value + " (from " + where
                + ") is invalid: expected " + expected + ".");
    }

    @Override
    public String toString() {
        return name;
    }

    private static Setting<Integer> whole(String name, Function<ProbeSettings, Integer> attribute, int builtIn, int min) {
        return new Setting<>(name, a -> attribute.apply(a) == ProbeSettings.UNSET ? Optional.empty() : Optional.of(attribute.apply(a)),
                Integer::valueOf, v -> v >= min, min == 0 ? "zero or a positive whole number" : min == 1 ? "a positive whole number"
                        : "a whole number of at least " + min,
                builtIn);
    }

    private static Setting<Double> positive(String name, Function<ProbeSettings, Double> attribute, double builtIn) {
        return new Setting<>(name, attribute == null ? null : a -> number(attribute.apply(a)), Double::valueOf,
                v -> v > 0 && Double.isFinite(v), "a positive number", builtIn);
    }

    private static Setting<Inconclusive> policy(String name, Function<ProbeSettings, String> attribute) {
        Function<String, Inconclusive> parser = text -> {
            try {
                return Inconclusive.valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"" + text + "\"");
            }
        };
        return new Setting<>(name, a -> attribute.apply(a).isBlank() ? Optional.empty() : Optional.of(parser.apply(
                attribute.apply(a))), parser, v -> true, "fail or abort", Inconclusive.FAIL);
    }

    private static Optional<Double> number(double v) {
        return Double.isNaN(v) ? Optional.empty() : Optional.of(v);
    }
}
