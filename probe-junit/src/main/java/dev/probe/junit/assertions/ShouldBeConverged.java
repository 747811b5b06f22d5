package dev.probe.junit.assertions;

import dev.probe.core.population.PopulationRun;
import dev.probe.junit.ProbeAnswer;
import java.util.Locale;

/**
 * "expected converged chains (max R-hat <= 1.05, min bulk ESS >= 100, no divergence after warm-up), but ..." (for
 * populations: settling drift at most {@link PopulationRun#MAX_SETTLING_DRIFT}) with the diagnostics table.
 */
final class ShouldBeConverged {
    private ShouldBeConverged() {}

    static String message(ProbeAnswer a, double maxRhat, double minEss) {
        boolean populations = a.result().isPopulationResult();
        String divergences = populations
                ? String.format(Locale.ROOT, " and settling drift %.2f", a.result().diagnostics().settlingDrift())
                        + Plateau.clause(a.result().diagnostics(), " and plateau")
                : String.format(Locale.ROOT, " and %d divergent trajectories after warm-up", a.result().diagnostics().divergences());
        return FailureFrame.framed(a, String.format(Locale.ROOT, "expected converged %s (max R-hat <= %.3f, min bulk ESS >= "
                + "%.0f%s), but max R-hat is %.4f and min bulk ESS is %.1f%s%n%s", populations ? "populations" : "chains",
                maxRhat, minEss, populations ? String.format(Locale.ROOT, ", settling drift <= %.0f, plateau <= %.0f nat",
                        PopulationRun.MAX_SETTLING_DRIFT, PopulationRun.MAX_PLATEAU_NATS) : ", no divergence after warm-up",
                a.result().diagnostics().maxRhat(),
                a.result().diagnostics().minEss(), divergences, a.result().diagnostics().table().stripTrailing()));
    }
}
