package dev.probe.junit.extension;

import dev.probe.core.result.ProbeResult;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An invocation's sampling, timed for its {@code wall_s} in {@code summary.csv}: the whole call on the JVM's sampler
 * thread, with the shared prior pool when this invocation built it and the checks before sampling, not only the
 * sampler's run (a new user's first probe read 0.63 s where Surefire timed it at 8.01 s: the pool was in no row).
 */
final class InvocationSampling {
    /** Store key of a probe's sampling time, per probe key (a gate samples several probes in one invocation). */
    private static final String SECONDS = "sampling seconds of ";

    private InvocationSampling() {}

    /** Samples {@code spec}'s probe with its configuration, keeping the time the call took. */
    static ProbeResult sample(ProbeSpec spec, ExtensionContext context) {
        ProbeConfiguration c = spec.configuration();
        long begin = System.nanoTime();
        ProbeResult result = SamplerThread.of(context).call("sampling probe '" + spec.displayName() + "'",
                () -> spec.probe().sample(c.samplerConfig(), SamplingSelection.of(c, spec.probe())),
                SamplingTimeout.of(context));
        context.getStore(ProbeExtension.NAMESPACE).put(SECONDS + spec.key(), (System.nanoTime() - begin) / 1e9);
        return result;
    }

    /** The time {@link #sample} took for {@code spec}, or the sampler's own where it was sampled otherwise. */
    static double wallSeconds(ProbeSpec spec, ProbeResult result, ExtensionContext context) {
        Double timed = context.getStore(ProbeExtension.NAMESPACE).get(SECONDS + spec.key(), Double.class);
        return timed != null ? Math.max(timed, result.diagnostics().wallSeconds()) : result.diagnostics().wallSeconds();
    }
}
