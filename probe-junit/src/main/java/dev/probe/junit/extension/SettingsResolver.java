package dev.probe.junit.extension;

import dev.probe.junit.annotations.ProbeDefaults;
import dev.probe.junit.annotations.SamplerKind;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a probe's settings: the probe annotation's attribute if set, else the test class's
 * {@link ProbeDefaults}, else the configuration parameter {@code probe.<name>} (from
 * {@code junit-platform.properties}, system properties or the launcher), else the built-in default.
 * Every probe annotation declares the shared attributes under the same names; they are read by name,
 * so adding an annotation needs no change here.
 *
 * <pre>{@code
 * SettingsResolver r = new SettingsResolver(key -> context.getConfigurationParameter(key));
 * ProbeSettings s = r.resolve(method.getAnnotation(ProbeAmbivalent.class), testClass, "Digits#ambivalent[1,7]");
 * }</pre>
 */
public final class SettingsResolver {
    private final Function<String, Optional<String>> configuration;

    public SettingsResolver(Function<String, Optional<String>> configuration) {
        this.configuration = configuration;
    }

    /**
     * @param probe the probe annotation on the test method
     * @param testClass the test class (its {@link ProbeDefaults}, searched outward through enclosing classes)
     * @param identity stable text identifying the invocation; the default seed is derived from it
     */
    public ProbeSettings resolve(Annotation probe, Class<?> testClass, String identity) {
        ProbeDefaults defaults = findDefaults(testClass);
        Map<String, String> sources = new LinkedHashMap<>();
        int draws = positiveInt("draws", probe, defaults, ProbeSettings.DRAWS, sources);
        int chains = positiveInt("chains", probe, defaults, ProbeSettings.CHAINS, sources);
        int warmup = nonNegativeInt("warmup", probe, defaults, ProbeSettings.WARMUP, sources);
        int thin = positiveInt("thin", probe, defaults, ProbeSettings.THIN, sources);
        double sigma = positiveDouble("sigma", probe, defaults, ProbeSettings.SIGMA, sources);
        double tau = positiveDouble("tau", probe, defaults, ProbeSettings.TAU, sources);
        SamplerKind sampler = samplerKind(probe, defaults, sources);
        long seed = seed(probe, defaults, identity, sources);
        double budget = budget(sources);
        double annealing = annealing(sources);
        int screening = screening(sources);
        NotSampledPolicy policy = policy(sources);
        return new ProbeSettings(draws, chains, warmup, thin, sigma, tau, sampler, seed, budget, annealing, screening,
                policy, sources);
    }

    private static ProbeDefaults findDefaults(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            ProbeDefaults d = c.getAnnotation(ProbeDefaults.class);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private String raw(String name, Annotation probe, ProbeDefaults defaults, String unset, Map<String, String> sources) {
        String fromAnnotation = attribute(probe, name);
        if (fromAnnotation != null && !fromAnnotation.equals(unset)) {
            sources.put(name, "@" + probe.annotationType().getSimpleName());
            return fromAnnotation;
        }
        String fromDefaults = attribute(defaults, name);
        if (fromDefaults != null && !fromDefaults.equals(unset)) {
            sources.put(name, "@ProbeDefaults");
            return fromDefaults;
        }
        Optional<String> fromConfig = configuration.apply("probe." + name).map(String::trim).filter(s -> !s.isEmpty());
        if (fromConfig.isPresent()) {
            sources.put(name, "configuration probe." + name);
            return fromConfig.get();
        }
        sources.put(name, "built-in");
        return null;
    }

    private static String attribute(Annotation a, String name) {
        if (a == null) {
            return null;
        }
        try {
            Method m = a.annotationType().getMethod(name);
            return String.valueOf(m.invoke(a));
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + name + " of " + a, e);
        }
    }

    private int positiveInt(String name, Annotation p, ProbeDefaults d, int builtIn, Map<String, String> s) {
        int v = parseInt(name, raw(name, p, d, "-1", s), builtIn);
        if (v < 1) {
            throw invalid(name, v, "a positive integer", s);
        }
        return v;
    }

    private int nonNegativeInt(String name, Annotation p, ProbeDefaults d, int builtIn, Map<String, String> s) {
        int v = parseInt(name, raw(name, p, d, "-1", s), builtIn);
        if (v < 0) {
            throw invalid(name, v, "zero or a positive integer", s);
        }
        return v;
    }

    private double positiveDouble(String name, Annotation p, ProbeDefaults d, double builtIn, Map<String, String> s) {
        String text = raw(name, p, d, "NaN", s);
        double v;
        try {
            v = text == null ? builtIn : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw invalid(name, text, "a positive number", s);
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw invalid(name, v, "a positive number", s);
        }
        return v;
    }

    private SamplerKind samplerKind(Annotation p, ProbeDefaults d, Map<String, String> s) {
        String text = raw("sampler", p, d, SamplerKind.AUTO.name(), s);
        if (text == null) {
            return SamplerKind.AUTO;
        }
        try {
            return SamplerKind.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw invalid("sampler", text, "one of AUTO, MALA, HMC, MH, SMOOTHED_MALA", s);
        }
    }

    private long seed(Annotation p, ProbeDefaults d, String identity, Map<String, String> s) {
        String text = raw("seed", p, d, "", s);
        if (text == null) {
            s.put("seed", "derived from " + identity);
            return stableHash(identity);
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw invalid("seed", text, "a decimal long", s);
        }
    }

    private double budget(Map<String, String> s) {
        Optional<String> text = configuration.apply("probe.budget").map(String::trim).filter(v -> !v.isEmpty());
        s.put("budget", text.isPresent() ? "configuration probe.budget" : "built-in");
        double v;
        try {
            v = text.map(Double::parseDouble).orElse(1.0);
        } catch (NumberFormatException e) {
            throw invalid("budget", text.get(), "a positive number (1 = full budget)", s);
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw invalid("budget", v, "a positive number (1 = full budget)", s);
        }
        return v;
    }

    private int screening(Map<String, String> s) {
        Optional<String> text = configuration.apply("probe.screening").map(String::trim).filter(v -> !v.isEmpty());
        s.put("screening", text.isPresent() ? "configuration probe.screening" : "built-in");
        int v;
        try {
            v = text.map(Integer::parseInt).orElse(ProbeSettings.SCREENING);
        } catch (NumberFormatException e) {
            throw invalid("screening", text.get(), "a whole number of candidates per chain, at least 1 (1 = off)", s);
        }
        if (v < 1) {
            throw invalid("screening", v, "a whole number of candidates per chain, at least 1 (1 = off)", s);
        }
        return v;
    }

    private double annealing(Map<String, String> s) {
        Optional<String> text = configuration.apply("probe.annealing").map(String::trim).filter(v -> !v.isEmpty());
        s.put("annealing", text.isPresent() ? "configuration probe.annealing" : "built-in");
        double v;
        try {
            v = text.map(Double::parseDouble).orElse(ProbeSettings.ANNEALING);
        } catch (NumberFormatException e) {
            throw invalid("annealing", text.get(), "a fraction of warm-up in [0, 1)", s);
        }
        if (!(v >= 0 && v < 1)) {
            throw invalid("annealing", v, "a fraction of warm-up in [0, 1)", s);
        }
        return v;
    }

    private NotSampledPolicy policy(Map<String, String> s) {
        Optional<String> text = configuration.apply("probe.notSampled").map(String::trim).filter(v -> !v.isEmpty());
        s.put("notSampled", text.isPresent() ? "configuration probe.notSampled" : "built-in");
        try {
            return text.map(v -> NotSampledPolicy.valueOf(v.toUpperCase(Locale.ROOT))).orElse(NotSampledPolicy.FAIL);
        } catch (IllegalArgumentException e) {
            throw invalid("notSampled", text.get(), "fail or abort", s);
        }
    }

    private static int parseInt(String name, String text, int builtIn) {
        if (text == null) {
            return builtIn;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Probe setting '" + name + "' must be an integer, got '" + text + "'");
        }
    }

    private static IllegalArgumentException invalid(String name, Object value, String expected, Map<String, String> s) {
        return new IllegalArgumentException("Probe setting '" + name + "' = " + value + " (from " + s.get(name)
                + ") is invalid: expected " + expected + ".");
    }

    /** A stable 64-bit FNV-1a hash, so derived seeds are the same on every run and JVM. */
    static long stableHash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
