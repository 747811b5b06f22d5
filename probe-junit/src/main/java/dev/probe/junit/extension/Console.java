package dev.probe.junit.extension;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lines every reader of a build log should see (why an invocation is not a verdict, what a gate
 * counted): printed to standard output, which Surefire shows on the console, and published as a JUnit
 * report entry, which lands in the XML report.
 */
final class Console {
    private Console() {}

    static void print(ExtensionContext context, String text) {
        System.out.println("[probe] " + text.replace("\n", "\n[probe]   "));
        context.publishReportEntry("probe", text);
    }
}
