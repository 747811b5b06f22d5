package dev.probe.junit.extension;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one thread on which every model call of a test run happens — sampling runs, the factories'
 * model calls at discovery, report push-forwards — one at a time. DJL allows one gradient collector per
 * process, the tensor engine already uses every core for one run, and the engine's floating-point
 * results (and so, through accept/reject, the samples) depend on the calling thread. With one such
 * thread the samples of an invocation are bitwise the same whether JUnit runs tests sequentially or
 * concurrently. It lives in the root {@link ExtensionContext.Store} and stops when the run ends.
 *
 * <pre>{@code
 * ProbeResult r = SamplerThread.of(context).call("sampling " + name, () -> probe.sample(config));
 * }</pre>
 */
final class SamplerThread implements AutoCloseable {
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "probe-sampler");
        t.setDaemon(true);
        return t;
    });

    /** The run's sampler thread. */
    static SamplerThread of(ExtensionContext context) {
        return context.getRoot().getStore(ProbeExtension.NAMESPACE)
                .getOrComputeIfAbsent(SamplerThread.class, k -> new SamplerThread(), SamplerThread.class);
    }

    /** Runs {@code task} on the sampler thread and waits for it; its exceptions are rethrown as they are. */
    <T> T call(String what, Callable<T> task) {
        return call(what, task, java.util.Optional.empty());
    }

    /**
     * The same, interrupting the task at {@code timeout}: it then fails naming the timeout and its source, once the task
     * has stopped (the next task starts on a thread no longer busy with it).
     */
    <T> T call(String what, Callable<T> task, java.util.Optional<SamplingTimeout> timeout) {
        Future<T> run = executor.submit(task);
        try {
            if (timeout.isEmpty()) {
                return run.get();
            }
            try {
                return run.get(timeout.get().duration().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException late) {
                run.cancel(true);
                // wait until the interrupted run has unwound (a sampler stops at its next step)
                Future<?> after = executor.submit(() -> { });
                after.get();
                throw new IllegalStateException(String.format(java.util.Locale.ROOT, "%s timed out after %s (%s): the "
                        + "sampler was interrupted and this invocation has no answer. Sampling runs before the test method, "
                        + "and the timeout bounds it too. Give the probe a smaller budget (draws, particles, "
                        + "maxPopulations, probe.budget; wall_s in summary.csv shows what the invocations that finished took) "
                        + "or a longer timeout.", capitalised(what), timeout.get().shown(), timeout.get().source()), late);
            }
        } catch (InterruptedException e) {
            run.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof OutOfMemoryError oom) {
                // JUnit rethrows an OutOfMemoryError as unrecoverable, which ended the whole Surefire fork (every later
                // test's result with it); the arrays that did not fit were released as the sampler thread unwound
                throw new IllegalStateException("Ran out of Java heap (" + oom.getMessage() + "; maximum "
                        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB) while " + what + ": this probe's arrays did "
                        + "not fit. Lower its pool, particles, draws or chains (the README's \"Memory\"), or give the test "
                        + "JVM more heap (-Xmx in Surefire's argLine). The arrays were released, so the other tests go on.");
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(what + " failed: " + cause, cause);
        }
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
