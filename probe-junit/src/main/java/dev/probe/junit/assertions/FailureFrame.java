package dev.probe.junit.assertions;

import dev.probe.junit.ProbeAnswer;

/**
 * The frame every probe failure message shares: which probe failed (and in which test), then, after the
 * specific part, the query, kernel, every setting with where it came from, the seed and the command that
 * re-runs just that invocation.
 */
final class FailureFrame {
    private FailureFrame() {}

    static String framed(ProbeAnswer a, String body) {
        return header(a) + "\n" + body + "\n" + footer(a);
    }

    private static String header(ProbeAnswer a) {
        return "Probe '" + a.displayName() + "'" + a.testName().map(t -> " (" + t + ")").orElse("") + " failed:";
    }

    private static String footer(ProbeAnswer a) {
        return "query: " + a.result().provenance().query() + "\nattained when: " + a.attainedWhen() + "\nkernel: " + a.result().provenance().kernel()
                + a.settings().map(s -> "\nsettings (value, from):\n" + s.stripTrailing()).orElse("") + "\n"
                + a.seedAndRerun();
    }
}
