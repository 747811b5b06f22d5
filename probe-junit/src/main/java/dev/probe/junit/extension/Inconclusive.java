package dev.probe.junit.extension;

/**
 * What happens to an invocation whose samples cannot support a verdict — it could not sample its target
 * ({@code probe.notSampled}) or its chains did not converge ({@code probe.notConverged}): it fails, or it
 * is aborted (reported as skipped, with the reason). Either way it is no verdict on the model.
 */
enum Inconclusive {
    FAIL,
    ABORT
}
