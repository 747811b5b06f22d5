package dev.probe.junit.extension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The command that re-runs some invocations of one test method, for the project the tests run in: the
 * project's Maven wrapper if it has one ({@code ./mvnw}), else {@code mvn}; in a multi-module build
 * (a parent pom that lists the module), from the root with {@code -pl <module> -am}. Without {@code -Dsurefire.failIfNoSpecifiedTests=false}
 * (needed only in multi-module builds) Surefire fails a run with no matching test; the extension fails a
 * run where a key of {@code probe.only} matched nothing, so the command cannot pass with zero tests.
 *
 * <pre>{@code
 * RerunCommand.in(Path.of(System.getProperty("user.dir"))).of(testClass, "ambivalence", List.of("1:7"), Optional.of(42L));
 * }</pre>
 */
final class RerunCommand {
    /** The system property that sets the engine's intra-op threads. */
    static final String ENGINE_THREADS = "ai.djl.pytorch.num_threads";
    private final String prefix;
    private final java.util.OptionalInt engineThreads;
    /** The run's configuration parameters, to repeat those a re-run would not apply again by itself; none: -D only. */
    private final java.util.function.Function<String, Optional<String>> configuration;

    private RerunCommand(String prefix, java.util.OptionalInt engineThreads) {
        this(prefix, engineThreads, k -> Optional.empty());
    }

    private RerunCommand(String prefix, java.util.OptionalInt engineThreads,
            java.util.function.Function<String, Optional<String>> configuration) {
        this.prefix = prefix;
        this.engineThreads = engineThreads;
        this.configuration = configuration;
    }

    /**
     * This command, repeating the probe settings of the run's configuration parameters that a re-run would not apply
     * by itself: those not set in {@code junit-platform.properties} (which applies again) — the build's
     * {@code configurationParameters}, say, where a profile's value ({@code probe.budget = ${probe.budget}} under
     * {@code -Pnightly}) is gone without the profile (a new user's nightly failure re-ran at budget 1, other samples).
     * As {@code -D} they take effect either way: as the pom's property, or as the system property JUnit reads.
     */
    RerunCommand withConfiguration(java.util.function.Function<String, Optional<String>> parameters) {
        return new RerunCommand(prefix, engineThreads, parameters);
    }

    /** The command for tests run with {@code moduleDir} as working directory (Surefire's default). */
    static RerunCommand in(Path moduleDir) {
        Path module = moduleDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(module.resolve("pom.xml"))) {
            return new RerunCommand(null, java.util.OptionalInt.empty());
        }
        Path root = module;
        while (root.getParent() != null && listsModule(root.getParent(), root.getFileName().toString())) {
            root = root.getParent();
        }
        if (root.equals(module)) {
            return new RerunCommand(launcher(module) + " test", java.util.OptionalInt.empty());
        }
        String relative = root.relativize(module).toString().replace('\\', '/');
        return new RerunCommand(launcher(root) + " -pl " + relative + " -am test -Dsurefire.failIfNoSpecifiedTests=false",
                java.util.OptionalInt.empty());
    }

    /** Whether {@code dir}'s pom.xml lists {@code module} among its modules. */
    private static boolean listsModule(Path dir, String module) {
        try {
            Path pom = dir.resolve("pom.xml");
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<module>" + module + "</module>");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The command for this JVM's tests, with the engine's intra-op thread count ({@link #withEngineThreads}). */
    static RerunCommand current() {
        java.util.OptionalInt threads = dev.probe.core.runtime.Devices.intraOpThreads();
        RerunCommand c = in(Paths.get(System.getProperty("user.dir")));
        return threads.isPresent() ? c.withEngineThreads(threads.getAsInt()) : c;
    }

    /**
     * This command, repeating the engine's intra-op thread count ({@code -Dai.djl.pytorch.num_threads=n}): a model's
     * float results depend on it, so a failure in CI replays on a machine with another core count only with it.
     */
    RerunCommand withEngineThreads(int threads) {
        return new RerunCommand(prefix, java.util.OptionalInt.of(threads), configuration);
    }

    private static String launcher(Path dir) {
        return Files.isRegularFile(dir.resolve("mvnw")) ? "./mvnw" : "mvn";
    }

    /**
     * Re-runs the invocations {@code keys} of {@code testClass#method}.
     *
     * @param seed the seed, when it was set for every invocation (derived seeds need none: they are derived again)
     */
    String of(Class<?> testClass, String method, Collection<String> keys, Optional<Long> seed) {
        String only = keys.stream().collect(Collectors.joining(","));
        // a seed set for every invocation, else one given on the command line (a regression gate's sides derive
        // theirs from it)
        String seedProperty = seed.map(s -> " -Dprobe.seed=" + s).orElse(Optional.ofNullable(System.getProperty(
                Setting.SEED.key())).filter(s -> !s.isBlank()).map(s -> " -Dprobe.seed=" + s.trim()).orElse(""));
        String properties = "-Dprobe.only='" + only + "'" + seedProperty + commandLineSettings() + configurationSettings()
                + (engineThreads.isPresent() ? " -D" + ENGINE_THREADS + "=" + engineThreads.getAsInt() : "");
        String tags = tags(testClass, method);
        if (prefix == null) {
            String engine = " -D" + ENGINE_THREADS + "=";
            int at = properties.indexOf(engine);
            String threads = at < 0 ? "" : " and the system property " + properties.substring(at + 3);
            return "run " + testClass.getName() + "#" + method + " with the configuration parameters "
                    + (at < 0 ? properties : properties.substring(0, at)).replace("-D", "") + threads + tags;
        }
        return prefix + " -Dtest='" + testClass.getName() + "#" + method + "' " + properties + tags;
    }

    /**
     * The settings given as system properties ({@code -Dprobe.sigma=0.1}, {@code -Dprobe.budget=0.5} on the command
     * line), which a re-run must repeat to run the same probe (it failed at sigma 0.1 and passed without); settings
     * from files (junit-platform.properties, the pom) apply again by themselves. The seed is given apart.
     */
    String commandLineSettings() {
        StringBuilder b = new StringBuilder();
        for (Setting<?> s : Setting.ALL) {
            String v = System.getProperty(s.key());
            // a configuration parameter of the build beats the system property (JUnit reads the launcher's parameters
            // first): the value that ran is repeated, not the one that lost (a CI profile's literal probe.thin = 2 beat
            // -Dprobe.thin=3, and the printed command re-ran at 3, other samples)
            Optional<String> ran = configuration.apply(s.key()).filter(x -> !x.isBlank());
            if (v != null && ran.isPresent() && !ran.get().trim().equals(v.trim())) {
                v = ran.get();
            }
            if (s != Setting.SEED && v != null && !v.isBlank()) {
                b.append(" -D").append(s.key()).append('=').append(v.matches("[A-Za-z0-9._+-]+") ? v.trim() : "'" + v + "'");
            }
        }
        return b.toString();
    }

    /**
     * The settings (and {@code probe.reportDir}) of the configuration parameters that are neither system properties
     * (repeated by {@link #commandLineSettings}) nor {@code junit-platform.properties} entries of the same value.
     */
    private String configurationSettings() {
        StringBuilder b = new StringBuilder();
        List<String> keys = new java.util.ArrayList<>();
        for (Setting<?> s : Setting.ALL) {
            if (s != Setting.SEED) {
                keys.add(s.key());
            }
        }
        keys.add("probe.reportDir");
        java.util.Properties file = ConfigurationSource.propertiesFile();
        for (String key : keys) {
            if (System.getProperty(key) != null && (Setting.ALL.stream().anyMatch(s -> s.key().equals(key)))) {
                continue; // repeated with the command line's settings
            }
            Optional<String> v = configuration.apply(key).filter(x -> !x.isBlank());
            if (v.isPresent() && !v.get().equals(file.getProperty(key))) {
                String value = v.get().trim();
                b.append(" -D").append(key).append('=').append(value.matches("[A-Za-z0-9._+/-]+") ? value : "'" + value + "'");
            }
        }
        return b.toString();
    }

    /**
     * The tags JUnit gives {@code testClass#method}: declared or meta-present on the method, its class, the class's
     * superclasses and interfaces, and, for an inner ({@code @Nested}) class, its enclosing classes.
     */
    private static String tags(Class<?> testClass, String method) {
        java.util.Set<String> tags = new java.util.LinkedHashSet<>();
        for (Class<?> outer = testClass; outer != null; outer = outer.getEnclosingClass()) {
            for (Class<?> c = outer; c != null && c != Object.class; c = c.getSuperclass()) {
                for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(method)) {
                        add(tags, m);
                    }
                }
                add(tags, c);
                for (Class<?> i : interfaces(c)) {
                    add(tags, i);
                }
            }
            if (java.lang.reflect.Modifier.isStatic(outer.getModifiers())) {
                break; // a static nested class does not inherit its enclosing class's tags
            }
        }
        return tags.isEmpty() ? "" : "  (tagged " + tags + ": include the tag if your build excludes it)";
    }

    private static void add(java.util.Set<String> tags, java.lang.reflect.AnnotatedElement element) {
        AnnotationSupport.findRepeatableAnnotations(element, Tag.class).forEach(t -> tags.add(t.value()));
    }

    private static List<Class<?>> interfaces(Class<?> c) {
        List<Class<?>> out = new java.util.ArrayList<>();
        for (Class<?> i : c.getInterfaces()) {
            out.add(i);
            out.addAll(interfaces(i));
        }
        return out;
    }
}
