package dev.probe.core.autograd;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.probe.core.sampler.EnergyGradient;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Gradients of a batched tensor function with respect to its input, through DJL autograd.
 *
 * <p>DJL allows only one open {@link GradientCollector} per process (across all threads). Every
 * gradient evaluation in Probe goes through {@link #valueAndGradient}, which holds a process-wide
 * fair lock while the collector is open; parallel probes therefore take turns for the
 * forward/backward pass and run everything else concurrently. Do not call it from inside the
 * function being differentiated.
 *
 * <pre>{@code
 * EnergyGradient eg = Autograd.valueAndGradient(x, z -> z.square().sum(new int[] {1}).div(2));
 * // eg.gradient() equals x
 * }</pre>
 */
public final class Autograd {
    private static final ReentrantLock COLLECTOR = new ReentrantLock(true);

    private Autograd() {}

    /**
     * Evaluates {@code f} on a fresh leaf copy of {@code x} and back-propagates {@code f(x).sum()}.
     * Rows of {@code x} are independent chains, so row {@code c} of the gradient is the gradient of
     * {@code f(x)[c]} as long as {@code f} treats rows independently (no batch-norm in training mode).
     *
     * @param x {@code [C, d]} input
     * @param f maps {@code [C, d]} to {@code [C]}
     * @return detached values {@code [C]} and gradients {@code [C, d]}, in {@code x}'s manager
     */
    public static EnergyGradient valueAndGradient(NDArray x, Function<NDArray, NDArray> f) {
        if (COLLECTOR.isHeldByCurrentThread()) {
            throw new IllegalStateException("Nested gradient evaluation: Autograd.valueAndGradient was called from "
                    + "inside a function it is differentiating. Compose the tensor functions and differentiate once.");
        }
        COLLECTOR.lock();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray leaf = x.stopGradient();
            leaf.setRequiresGradient(true);
            NDArray value = f.apply(leaf);
            collector.backward(value.sum());
            NDArray gradient = leaf.getGradient().duplicate();
            NDArray detached = value.stopGradient();
            gradient.attach(x.getManager());
            detached.attach(x.getManager());
            return new EnergyGradient(detached, gradient);
        } finally {
            COLLECTOR.unlock();
        }
    }

    /** Whether the calling thread is inside {@link #valueAndGradient}. */
    static boolean isEvaluatingOnThisThread() {
        return COLLECTOR.isHeldByCurrentThread();
    }
}
