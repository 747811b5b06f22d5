package dev.probe.junit.extension;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which of JUnit's three sources gave a configuration parameter its value, for the settings listing: the launcher's
 * own parameters (Surefire's {@code configurationParameters}, an IDE's run configuration) beat system properties
 * ({@code -Dprobe.draws=40}), which beat {@code junit-platform.properties}. JUnit hands over only the value; a CI
 * engineer asking why a nightly ran at budget 1 needs the source (all three used to read "configuration probe.budget";
 * now "launcher parameter probe.budget", "system property probe.budget" or "junit-platform.properties probe.budget").
 *
 * <pre>{@code
 * ConfigurationSource.of("probe.budget", "1")   // "system property" when -Dprobe.budget=1 ran
 * }</pre>
 */
final class ConfigurationSource {
    private static Properties file;

    private ConfigurationSource() {}

    /** The source of {@code value}, the value JUnit gave for {@code key}. */
    static String of(String key, String value) {
        return of(key, value, System.getProperty(key), propertiesFile());
    }

    static String of(String key, String value, String property, Properties file) {
        if (property != null) {
            // a system property that differs lost to the launcher's parameter; the file never beats a system property
            return property.trim().equals(value.trim()) ? "system property" : "launcher parameter";
        }
        String inFile = file.getProperty(key);
        return inFile != null && inFile.trim().equals(value.trim()) ? "junit-platform.properties" : "launcher parameter";
    }

    /**
     * A note when the launcher's parameter {@code value} for {@code key} hides a system property of another value
     * ({@code property}): a new user's {@code -Dprobe.budget=2} lost to a literal {@code probe.budget = 0.5} in Surefire's
     * {@code configurationParameters}, as documented, but only a failing probe's settings listing showed it.
     */
    static java.util.Optional<String> hiddenProperty(String key, String value, String property) {
        if (property == null || value == null || property.trim().equals(value.trim())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "note: -D%s=%s is hidden by the launcher "
                + "parameter %s = %s (a value written literally in Surefire's configurationParameters, or an IDE's run "
                + "configuration), so the probes run with %s. To let -D set it, interpolate a Maven property there "
                + "(%s = ${%s}). Said once per setting.", key, property.trim(), key, value.trim(), value.trim(), key, key));
    }

    /**
     * A note where a system property ({@code -Dprobe.seed=777}) is set but an annotation sets the same setting for the
     * probes of {@code template} (a test method), which comes first, as documented: a new user edited the seed in a printed re-run
     * command of a class with {@code @ProbeSettings(seed = "12345")} and got the same samples without a word. Empty
     * where the property is unset, gives the same value, or the setting did not come from an annotation.
     */
    static java.util.Optional<String> hiddenByAnnotation(Setting<?> s, String property, ProbeConfiguration c,
            String template) {
        if (property == null || property.isBlank() || !c.has(s) || !c.source(s.name).startsWith("@")
                || sameValue(s, property, c)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(java.util.Locale.ROOT, "note: -D%s=%s does not apply to the probes "
                + "of %s where %s sets %s = %s: annotations come before configuration parameters (README, \"Settings: "
                + "one place\"). To run them with another value, change or remove the annotation's. Said once per setting "
                + "and test method.", s.key(), property.trim(), template, c.source(s.name), s.name, c.get(s)));
    }

    private static boolean sameValue(Setting<?> s, String property, ProbeConfiguration c) {
        try {
            return java.util.Objects.equals(s.parse(property.trim(), "system property " + s.key()), c.get(s));
        } catch (RuntimeException e) {
            return false; // a property that does not parse is not this value
        }
    }

    /** {@code junit-platform.properties} as JUnit reads it (the first on the class path), read once. */
    static synchronized Properties propertiesFile() {
        if (file == null) {
            file = new Properties();
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (InputStream in = loader == null ? null : loader.getResourceAsStream("junit-platform.properties")) {
                if (in != null) {
                    file.load(in);
                }
            } catch (IOException e) {
                // unreadable: its values read as the launcher's, and a re-run repeats them, which runs the same settings
            }
        }
        return file;
    }
}
