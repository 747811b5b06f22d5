package dev.probe.junit.extension;

import dev.probe.core.render.ReportFile;
import dev.probe.core.result.ProbeResult;
import dev.probe.junit.allure.AllureAttachments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes an invocation's report files under {@code target/probe-reports/<class>/<method>/<key>/}
 * (configurable with {@code probe.reportDir}), publishes each through JUnit's {@code publishFile}, and
 * attaches them to Allure when it is on the classpath.
 */
final class ProbeReport {
    private ProbeReport() {}

    static void write(ProbeSpec spec, ProbeResult result, ExtensionContext context) {
        Path dir = directory(spec, context);
        try {
            Files.createDirectories(dir);
            List<ReportFile> files = ReportFiles.render(spec, result, dir,
                    ProbeContext.trainingData(context.getRequiredTestClass(), context));
            boolean allure = AllureAttachments.available();
            if (allure) {
                Map<String, String> parameters = new LinkedHashMap<>();
                parameters.put("probe", spec.displayName());
                parameters.put("seed", Long.toString(result.seed()));
                parameters.put("settings", spec.settings().summary());
                AllureAttachments.parameters(parameters);
            }
            for (ReportFile f : files) {
                if (allure) {
                    AllureAttachments.attach(f.name(), f.mediaType(), f.path());
                }
                publish(context, f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the probe report to " + dir + " failed", e);
        }
    }

    /** Publishes through JUnit when the launcher has an output directory (Surefire does; EngineTestKit does not). */
    private static void publish(ExtensionContext context, ReportFile f) {
        try {
            context.publishFile(f.path().getFileName().toString(), MediaType.parse(f.mediaType()),
                    target -> Files.copy(f.path(), target));
        } catch (org.junit.platform.commons.JUnitException e) {
            context.publishReportEntry("probe-report", f.path().toAbsolutePath().toString());
        }
    }

    private static Path directory(ProbeSpec spec, ExtensionContext context) {
        String base = context.getConfigurationParameter("probe.reportDir").orElse("target/probe-reports");
        return Paths.get(base, context.getRequiredTestClass().getSimpleName(), context.getRequiredTestMethod().getName(),
                sanitize(spec.key()));
    }

    static String sanitize(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9._-]+", "_");
        return clean.isEmpty() ? "probe" : clean;
    }
}
