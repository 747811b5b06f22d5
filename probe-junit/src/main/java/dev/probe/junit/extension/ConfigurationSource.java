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
