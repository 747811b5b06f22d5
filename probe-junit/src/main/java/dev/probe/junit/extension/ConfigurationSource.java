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
