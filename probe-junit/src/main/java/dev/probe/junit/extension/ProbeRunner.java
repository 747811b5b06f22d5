package dev.probe.junit.extension;

import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Rate;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Samples a spec and judges whether it reached its target at all. Every sampling run executes on one
 * dedicated sampler thread, one run at a time: DJL allows one gradient collector per process, the
 * tensor engine already uses every core for one run, and the engine's floating-point results (and so,
 * through accept/reject, the samples) depend on the calling thread's settings. With one sampler thread
 * the samples of an invocation are the same whether JUnit runs tests sequentially or in parallel; test
 * methods, assertions and reports still run in JUnit's threads.
 */
final class ProbeRunner {
    private static final ExecutorService SAMPLER = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "probe-sampler");
        t.setDaemon(true);
        return t;
    });

    private ProbeRunner() {}

    static ProbeResult sample(ProbeSpec spec) {
        Future<ProbeResult> run = SAMPLER.submit(() -> spec.probe().sample(spec.settings().samplerConfig(),
                Kernels.of(spec.settings().sampler(), spec.probe())));
        try {
            return run.get();
        } catch (InterruptedException e) {
            run.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sampling probe '" + spec.displayName() + "'", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("Sampling probe '" + spec.displayName() + "' failed: " + cause, cause);
        }
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
