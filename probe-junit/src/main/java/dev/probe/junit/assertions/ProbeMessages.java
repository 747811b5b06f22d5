package dev.probe.junit.assertions;

import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Rate;
import dev.probe.junit.extension.CurrentProbe;
import java.util.Locale;

/**
 * Failure messages of {@link ProbeResultAssert}: each names the probe, the numbers, the seed and how to
 * re-run just that invocation.
 */
final class ProbeMessages {
    private ProbeMessages() {}

    static String rateShouldBe(ProbeResult r, String what, String relation, double bound, String judged, double value,
            Rate rate) {
        return String.format(Locale.ROOT, "%s%nexpected %s %s %.4g, but %s is %.4g%n  rate: %s%n%s", header(r), what,
                relation, bound, judged, value, rate, footer(r));
    }

    static String valueShouldBe(ProbeResult r, String what, String relation, double bound, double value) {
        return String.format(Locale.ROOT, "%s%nexpected %s %s %.4g, but it is %.4g%n%s", header(r), what, relation, bound,
                value, footer(r));
    }

    static String notConverged(ProbeResult r, double maxRhat, double minEss) {
        return String.format(Locale.ROOT, "%s%nexpected converged chains (max R-hat <= %.3f, min bulk ESS >= %.0f), but "
                + "max R-hat is %.4f and min bulk ESS is %.1f%n%s%s", header(r), maxRhat, minEss, r.diagnostics().maxRhat(),
                r.diagnostics().minEss(), r.diagnostics().table(), footer(r));
    }

    static String missing(String what) {
        return "This assertion needs " + what + ": run it inside a probe test method, or use the variant that takes it "
                + "explicitly.";
    }

    private static String header(ProbeResult r) {
        return CurrentProbe.get()
                .map(p -> "Probe '" + p.displayName() + "' (" + p.testClass() + "#" + p.method() + ") failed:")
                .orElse("Probe '" + r.provenance().query() + "' failed:");
    }

    private static String footer(ProbeResult r) {
        String rerun = CurrentProbe.get().map(p -> "\nre-run: " + p.rerunCommand()).orElse("");
        return "query: " + r.provenance().query() + "\nkernel: " + r.provenance().kernel() + "\nseed: " + r.seed() + rerun;
    }
}
