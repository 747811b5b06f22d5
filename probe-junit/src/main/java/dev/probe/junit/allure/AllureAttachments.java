package dev.probe.junit.allure;

import io.qameta.allure.Allure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Attaches probe report files to the running Allure test case (lambda API; no AspectJ agent needed).
 * The only class that imports Allure; call it only after {@link #available()} said yes.
 *
 * <pre>{@code
 * if (AllureAttachments.available()) AllureAttachments.attach("samples", "image/png", path);
 * }</pre>
 */
public final class AllureAttachments {
    private AllureAttachments() {}

    /** Whether the Allure API is on the classpath and an Allure test case is running on this thread. */
    public static boolean available() {
        try {
            Class.forName("io.qameta.allure.Allure", false, AllureAttachments.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return Running.testCase();
    }

    /** Separate class so that the Allure types are only loaded once the API is known to be present. */
    private static final class Running {
        static boolean testCase() {
            return Allure.getLifecycle().getCurrentTestCase().isPresent();
        }
    }

    /** Attaches {@code file} under {@code name}. */
    public static void attach(String name, String mediaType, Path file) throws IOException {
        String name1 = file.getFileName().toString();
        String extension = name1.contains(".") ? name1.substring(name1.lastIndexOf('.')) : "";
        try (InputStream in = Files.newInputStream(file)) {
            Allure.addAttachment(name, mediaType, in, extension);
        }
    }

    /** Records probe parameters (seed, settings) on the test case. */
    public static void parameters(Map<String, String> parameters) {
        parameters.forEach(Allure::parameter);
    }
}
