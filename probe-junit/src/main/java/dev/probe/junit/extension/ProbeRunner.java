package dev.probe.junit.extension;

import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Rate;

/** Samples a spec and judges whether it reached its target at all. */
final class ProbeRunner {
    private ProbeRunner() {}

    static ProbeResult sample(ProbeSpec spec) {
        return spec.probe().sample(spec.settings().samplerConfig(), Kernels.of(spec.settings().sampler(), spec.probe()));
    }

    /** At least one kept sample lies within the tolerance of the query's target. */
    static boolean reachedTarget(ProbeSpec spec, ProbeResult result) {
        return result.attainment(spec.tolerance()).successes() > 0;
    }

    static String notSampledMessage(ProbeSpec spec, ProbeResult result) {
        Rate attained = result.attainment(spec.tolerance());
        double closest = java.util.Arrays.stream(result.targetDistances()).min().orElse(Double.NaN);
        return String.format(java.util.Locale.ROOT,
                "Could not sample the target of probe '%s': none of %d samples came within %.3g of it (closest %.3g). "
                        + "This is not a verdict on the model. Give the sampler more budget (chains, warmup, draws) or a "
                        + "generator that can reach the target.%nquery: %s%nseed: %d%nsettings: %s%nattainment: %s",
                spec.displayName(), result.size(), spec.tolerance(), closest, result.provenance().query(),
                spec.settings().seed(), spec.settings().summary(), attained);
    }
}
