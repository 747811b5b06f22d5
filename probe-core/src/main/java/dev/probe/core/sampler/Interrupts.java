package dev.probe.core.sampler;

import java.util.concurrent.CancellationException;

/**
 * Where a run stops when its thread is interrupted: chains between iterations, populations between stages and draw
 * blocks, a prior pool between batches. A service that cancels a request ({@code Future.cancel(true)},
 * {@code Thread.interrupt()}) gets its thread back at the next such point with a {@link CancellationException}; the
 * interrupt status stays set. A run that is not interrupted is unchanged (the check reads a flag, draws nothing).
 * Before this, a run cancelled 6.7 s into a 26.6 s run went on to the end and returned its samples.
 *
 * <pre>{@code
 * Future<ProbeResult> f = executor.submit(() -> probe.sample(config));
 * f.cancel(true); // the run throws CancellationException at its next iteration or stage
 * }</pre>
 */
public final class Interrupts {
    private Interrupts() {}

    /** Whether the current thread has been interrupted (a flag read: loops test it before naming where they are). */
    public static boolean requested() {
        return Thread.currentThread().isInterrupted();
    }

    /** Throws {@link CancellationException} naming {@code where} if the current thread has been interrupted. */
    public static void check(String where) {
        if (requested()) {
            throw new CancellationException("Interrupted while " + where + ": the run stopped there (its thread's "
                    + "interrupt status is still set). Probe runs stop at the next iteration, stage or pool batch when "
                    + "their thread is interrupted; to bound a run's length instead, lower its budget.");
        }
    }
}
