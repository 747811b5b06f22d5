package dev.probe.core.autograd;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
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
 * <p>Replayable gradients: the function runs in a scratch manager guarded so that arrays closed during
 * the forward pass — notably the scalars DJL creates for {@code x.mul(2)}, {@code x.div(σ²)} — keep their
 * memory until the backward pass has read it (DJL frees it at once; the graph still refers to it, and
 * 1–3 in 5,000 gradients came out wrong without the guard). So the same input gives bitwise the same
 * gradient every time; {@link Constant} is the explicit alternative for code outside this class.
 *
 * <pre>{@code
 * ValueAndGradient vg = Autograd.valueAndGradient(x, z -> z.square().sum(new int[] {1}).div(2));
 * // vg.gradient() equals x
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
    public static ValueAndGradient valueAndGradient(NDArray x, Function<NDArray, NDArray> f) {
        if (COLLECTOR.isHeldByCurrentThread()) {
            throw new IllegalStateException("Nested gradient evaluation: Autograd.valueAndGradient was called from "
                    + "inside a function it is differentiating. Compose the tensor functions and differentiate once.");
        }
        NDManager home = x.getManager();
        COLLECTOR.lock();
        try (NDManager scratch = home.newSubManager();
                GraphMemoryGuard guard = GraphMemoryGuard.install(scratch);
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray leaf = x.stopGradient();
            leaf.attach(scratch);
            leaf.setRequiresGradient(true);
            NDArray value = f.apply(leaf);
            backward(collector, value);
            NDArray gradient = leaf.getGradient().duplicate();
            NDArray detached = value.stopGradient();
            gradient.attach(home);
            detached.attach(home);
            return new ValueAndGradient(detached, gradient);
        } finally {
            COLLECTOR.unlock();
        }
    }

    /** How the message of a value without a gradient begins (callers that know the energy's name add it). */
    public static final String NOT_CONNECTED = "The function's value is not connected to its input";

    /** Back-propagates {@code value.sum()}, naming the cause when the value does not depend on the input. */
    private static void backward(GradientCollector collector, NDArray value) {
        try {
            collector.backward(value.sum());
        } catch (ai.djl.engine.EngineException e) {
            if (String.valueOf(e.getMessage()).contains("does not require grad")) {
                throw new IllegalArgumentException(NOT_CONNECTED + " in the "
                        + "autograd graph, so it has no gradient: it was computed from a copy (stopGradient(), "
                        + "toArray() and back, a new array, a type cast such as toType(DataType.FLOAT64, …), which DJL's "
                        + "PyTorch engine does not differentiate) or does not use the input at all. Build the value from the "
                        + "input array with NDArray operations only (a flat energy: x.mul(0).sum(new int[] {1})).", e);
            }
            throw e;
        }
    }

    /** Whether the calling thread is inside {@link #valueAndGradient}. */
    static boolean isEvaluatingOnThisThread() {
        return COLLECTOR.isHeldByCurrentThread();
    }
}
