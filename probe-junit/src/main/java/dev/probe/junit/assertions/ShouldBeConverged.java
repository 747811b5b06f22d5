package dev.probe.junit.assertions;

import dev.probe.junit.ProbeAnswer;
import java.util.Locale;

/** "expected converged chains (max R-hat <= 1.05, min bulk ESS >= 100), but ..." with the diagnostics table. */
final class ShouldBeConverged {
    private ShouldBeConverged() {}

    static String message(ProbeAnswer a, double maxRhat, double minEss) {
        return FailureFrame.framed(a, String.format(Locale.ROOT, "expected converged chains (max R-hat <= %.3f, min bulk ESS >= "
                + "%.0f), but max R-hat is %.4f and min bulk ESS is %.1f%n%s", maxRhat, minEss, a.result().diagnostics().maxRhat(),
                a.result().diagnostics().minEss(), a.result().diagnostics().table().stripTrailing()));
    }
}
