package dev.probe.junit.extension;

import dev.probe.junit.ProbeSettings;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.extension.ProbeSource.Relaxation;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves {@link ProbeConfiguration}s along one chain, setting by setting: the probe annotation (only
 * its tolerance), {@link ProbeSettings} on the test method (directly, then through composed
 * annotations), on the test class, its superclasses (upward) and the interfaces they implement, then each enclosing
 * class likewise (outward; {@link DeclaringClasses}), the configuration parameter {@code probe.<name>}, the built-in default. The first that sets a value
 * wins, attribute by attribute (jqwik's
 * {@code PropertyConfiguration} style: every link is an {@code Optional}).
 *
 * <pre>{@code
 * SettingsChain chain = SettingsChain.of(method, testClass, context::getConfigurationParameter);
 * ProbeConfiguration c = chain.resolve(Relaxation.SIGMA, "@ProbeAmbivalent", Optional.empty(), "Digits#torn[1:7]");
 * }</pre>
 */
final class SettingsChain {
    private record Link(String where, ProbeSettings settings) {}

    /** The source of a seed derived from the invocation's id (no seed set). */
    static final String DERIVED = "derived from ";

    private final List<Link> methodLinks;
    private final List<Link> classLinks;
    private final Function<String, Optional<String>> configuration;

    private SettingsChain(List<Link> methodLinks, List<Link> classLinks, Function<String, Optional<String>> configuration) {
        this.methodLinks = methodLinks;
        this.classLinks = classLinks;
        this.configuration = configuration;
    }

    static SettingsChain of(Method method, Class<?> testClass, Function<String, Optional<String>> configuration) {
        List<Link> classLinks = new ArrayList<>();
        for (Class<?> c : DeclaringClasses.of(testClass)) {
            classLinks.addAll(on(c, c.getSimpleName()));
        }
        return new SettingsChain(on(method, method.getDeclaringClass().getSimpleName() + "#" + method.getName()), classLinks,
                configuration);
    }

    /**
     * {@code @ProbeSettings} declared on {@code element}: directly first, then through composed annotations. Only
     * declared ones: an {@code @Inherited} annotation of a superclass is its own link, so that a subclass's
     * {@code @ProbeSettings} adds to the superclass's instead of hiding it.
     */
    private static List<Link> on(AnnotatedElement element, String name) {
        List<Link> out = new ArrayList<>();
        ProbeSettings direct = element.getDeclaredAnnotation(ProbeSettings.class);
        if (direct != null) {
            out.add(new Link("@ProbeSettings on " + name, direct));
        }
        List<Link> composed = new ArrayList<>();
        for (Annotation a : element.getDeclaredAnnotations()) {
            if (a.annotationType() != ProbeSettings.class) {
                AnnotationSupport.findAnnotation(a.annotationType(), ProbeSettings.class).ifPresent(s -> composed.add(
                        new Link(carrier(a.annotationType()) + " on " + name, s)));
            }
        }
        checkNoConflict(direct, composed, name);
        out.addAll(composed);
        return out;
    }

    /**
     * The composed annotation that declares the {@code @ProbeSettings} found through {@code type}, named with the
     * annotations it is reached through ({@code "@FraudCi via @ConfidentOnBothClasses"}): a team annotation carried by
     * another was credited to the outer one, where its values are not written (a new user looked for them there).
     */
    private static String carrier(Class<? extends Annotation> type) {
        List<String> path = new ArrayList<>();
        carrierPath(type, path, new java.util.HashSet<>());
        String found = path.isEmpty() ? "@" + type.getSimpleName() : path.get(path.size() - 1);
        return path.size() <= 1 ? found : found + " via " + String.join(" via ", reversed(path.subList(0, path.size() - 1)));
    }

    /** Depth first, in {@link AnnotationSupport#findAnnotation}'s order: directly declared, then meta-annotations. */
    private static boolean carrierPath(Class<? extends Annotation> type, List<String> path, java.util.Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return false;
        }
        path.add("@" + type.getSimpleName());
        if (type.isAnnotationPresent(ProbeSettings.class)) {
            return true;
        }
        for (Annotation meta : type.getDeclaredAnnotations()) {
            if (!meta.annotationType().getName().startsWith("java.lang.annotation")
                    && carrierPath(meta.annotationType(), path, seen)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }

    private static List<String> reversed(List<String> names) {
        List<String> out = new ArrayList<>(names);
        java.util.Collections.reverse(out);
        return out;
    }

    /**
     * Two composed annotations on one element that set one setting to different values, with no {@code @ProbeSettings}
     * of the element's own to decide: the annotations' order in the source would decide, which no reader sees.
     */
    private static void checkNoConflict(ProbeSettings direct, List<Link> composed, String name) {
        for (int i = 0; i < composed.size(); i++) {
            for (int j = i + 1; j < composed.size(); j++) {
                // every setting the two disagree on at once: a user fixed chains and met the same error for warmup
                List<String> settings = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (Setting<?> s : Setting.ALL) {
                    if (direct != null && s.in(direct, name).isPresent()) {
                        continue;
                    }
                    Optional<?> a = s.in(composed.get(i).settings(), composed.get(i).where());
                    Optional<?> b = s.in(composed.get(j).settings(), composed.get(j).where());
                    if (a.isPresent() && b.isPresent() && !a.get().equals(b.get())) {
                        settings.add(s.toString());
                        values.add(s + " to " + a.get() + " and " + b.get());
                    }
                }
                if (!settings.isEmpty()) {
                    throw new IllegalArgumentException(composed.get(i).where() + " and " + composed.get(j).where().replace(
                            " on " + name, "") + " set " + String.join(", ", values) + ", and nothing decides between "
                            + "them: set " + String.join(", ", settings) + " in @ProbeSettings on " + name + " (which wins "
                            + "over both), or remove one of them.");
                }
            }
        }
    }

    /**
     * Fails if the test method sets a relaxation its probe does not use (an attribute a probe would
     * silently ignore).
     */
    void checkApplies(Relaxation relaxation, String probe) {
        Setting<Double> unused = relaxation == Relaxation.SIGMA ? Setting.TAU : Setting.SIGMA;
        for (Link link : methodLinks) {
            Optional<Double> v = unused.in(link.settings(), link.where());
            if (v.isPresent()) {
                String used = relaxation == Relaxation.SIGMA ? "sigma (its level-set relaxation)" : "tau (its temperature)";
                throw new IllegalArgumentException(link.where() + " sets " + unused + " = " + v.get() + ", which " + probe
                        + " does not use: set " + used + " instead.");
            }
        }
    }

    /** Fails if the test method sets {@code s}, which only applies {@code when}. */
    private void checkNotOnMethod(Setting<?> s, String when) {
        for (Link link : methodLinks) {
            Optional<?> v = s.in(link.settings(), link.where());
            if (v.isPresent()) {
                throw new IllegalArgumentException(link.where() + " sets " + s + " = " + v.get() + ", which applies only with "
                        + when + ": set the sampler too, or leave " + s + " out.");
            }
        }
    }

    /**
     * The configuration of one invocation.
     *
     * @param relaxation the relaxation the probe uses (the other one is left out)
     * @param probe the probe annotation's name, e.g. {@code "@ProbeAmbivalent"}
     * @param tolerance the probe annotation's tolerance, if it sets one
     * @param identity stable text naming the invocation; an unset seed is derived from it
     */
    ProbeConfiguration resolve(Relaxation relaxation, String probe, Optional<Double> tolerance, String identity) {
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        Map<Setting<?>, String> sources = new LinkedHashMap<>();
        for (Setting<?> s : Setting.ALL) {
            if ((s == Setting.SIGMA && relaxation != Relaxation.SIGMA) || (s == Setting.TAU && relaxation != Relaxation.TAU)) {
                checkConfigured(s);
                continue;
            }
            if ((s == Setting.POPULATIONS || s == Setting.PARTICLES || s == Setting.MAX_POPULATIONS) && values.get(Setting.SAMPLER) != SamplerKind.SMC
                    && values.get(Setting.SAMPLER) != SamplerKind.AUTO) {
                checkNotOnMethod(s, "sampler = SMC (or AUTO on a probe sampled by populations)");
                checkConfigured(s);
                continue;
            }
            if ((s == Setting.SMOOTHING || s == Setting.SMOOTHING_PAIRS) && values.get(Setting.SAMPLER) != SamplerKind.SMOOTHED_MALA) {
                checkNotOnMethod(s, "sampler = SMOOTHED_MALA");
                checkConfigured(s);
                continue;
            }
            if (s == Setting.TOLERANCE) {
                resolve(Setting.TOLERANCE, tolerance, probe, identity, values, sources);
            } else {
                resolve(s, Optional.empty(), probe, identity, values, sources);
            }
        }
        return new ProbeConfiguration(values, sources, methodSettings(values.keySet()));
    }

    /** The settings among {@code resolved} that the test method itself sets (directly or through a composed annotation). */
    private java.util.Set<Setting<?>> methodSettings(java.util.Set<Setting<?>> resolved) {
        java.util.Set<Setting<?>> out = new java.util.HashSet<>();
        for (Setting<?> s : resolved) {
            for (Link link : methodLinks) {
                if (s.in(link.settings(), link.where()).isPresent()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * Checks the configured value of a setting this probe does not use: nobody means {@code probe.sigma = abc}, and a new
     * user's τ probes ran on it without a word while the σ probes beside them failed.
     */
    private void checkConfigured(Setting<?> s) {
        Optional<String> text = configuration.apply(s.key()).filter(t -> !t.isBlank());
        if (text.isPresent()) {
            String where = ConfigurationSource.of(s.key(), text.get()) + " " + s.key();
            checkedText(s, text.get(), where);
        }
    }

    private static <T> void checkedText(Setting<T> s, String text, String where) {
        s.checked(s.parse(text, where), where);
    }

    private <T> void resolve(Setting<T> s, Optional<? extends T> fromProbe, String probe, String identity, Map<Setting<?>, Object> values,
            Map<Setting<?>, String> sources) {
        if (fromProbe.isPresent()) {
            checkConfigured(s); // a configured value that does not parse fails every probe, overridden or not
            put(s, s.checked(fromProbe.get(), probe), probe, values, sources);
            return;
        }
        for (List<Link> level : List.of(methodLinks, classLinks)) {
            for (Link link : level) {
                Optional<T> v = s.in(link.settings(), link.where());
                if (v.isPresent()) {
                    // -Dprobe.sigma=abc passed where an annotation set sigma, with only a note (a new user's)
                    checkConfigured(s);
                    put(s, s.checked(v.get(), link.where()), link.where(), values, sources);
                    return;
                }
            }
        }
        Optional<String> text = configuration.apply(s.key()).filter(t -> !t.isBlank());
        if (text.isPresent()) {
            String where = ConfigurationSource.of(s.key(), text.get()) + " " + s.key();
            put(s, s.checked(s.parse(text.get(), where), where), where, values, sources);
        } else if (s.builtIn != null) {
            put(s, s.builtIn, "built-in", values, sources);
        } else {
            put(s, stableHash(identity), DERIVED + identity, values, sources);
        }
    }

    private static void put(Setting<?> s, Object v, String where, Map<Setting<?>, Object> values, Map<Setting<?>, String> sources) {
        values.put(s, v);
        sources.put(s, where);
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
