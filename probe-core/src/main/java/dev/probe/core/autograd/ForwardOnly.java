package dev.probe.core.autograd;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Objects;
import java.util.function.Function;

/**
 * Forward-only evaluation of a batched tensor function: no autograd graph, no saved activations.
 * Use it wherever no gradient is needed (scoring prior draws, Metropolis–Hastings energies, pushing
 * samples forward through models); it costs about half of a forward+backward pass and frees every
 * intermediate tensor as soon as the next layer has consumed it.
 *
 * <p>While {@code f} runs, libtorch's grad mode is off on the calling thread (it is thread-local and on by
 * default in new threads) and {@link #isActive()} is true, which lets model adapters pick their inference
 * path: {@link dev.probe.core.model.TorchScriptFunction} runs under libtorch's inference mode. The
 * previous grad mode is restored afterwards. For large batches use {@link RowChunking#forward}, which
 * evaluates row chunks through this class.
 *
 * <pre>{@code
 * NDArray u = ForwardOnly.apply(z, s -> query.energy(space.toInput(s)));   // [C], no graph
 * }</pre>
 */
public final class ForwardOnly {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private ForwardOnly() {}

    /**
     * {@code f(x)} with autograd off on this thread.
     *
     * @param x a batch, one row per sample
     * @param f a batched tensor function (rows independent)
     * @return {@code f(x)}, in {@code x}'s manager (when {@code f} creates its result from {@code x})
     * @throws IllegalStateException if called from inside a gradient evaluation
     *     ({@link Autograd#valueAndGradient}): turning autograd off there would cut the gradient
     */
    public static NDArray apply(NDArray x, Function<NDArray, NDArray> f) {
        Objects.requireNonNull(f, "f");
        if (Autograd.isEvaluatingOnThisThread()) {
            // a new user composed energies, Energies.differentiable(d, x -> target.value(x).sub(…)), and read of
            // ForwardOnly and RowChunking, which they never called
            throw new IllegalStateException("Forward-only evaluation inside a gradient evaluation: a function whose "
                    + "gradient is taken (an energy's, e.g. the one given to Energies.differentiable) called something "
                    + "that evaluates without gradients: most often another Energy's value(x) or a model's evaluate(...). "
                    + "Compose the tensor functions instead (x -> u1.apply(x).sub(u2.apply(x)), with u1, u2 the functions "
                    + "the energies were made from), using plain tensor operations, not ForwardOnly or RowChunking.");
        }
        int[] depth = DEPTH.get();
        boolean pytorch = isPyTorch();
        boolean gradMode = pytorch && JniUtils.isGradMode();
        if (gradMode) {
            JniUtils.setGradMode(false);
        }
        depth[0]++;
        try {
            return f.apply(x);
        } finally {
            depth[0]--;
            if (gradMode) {
                JniUtils.setGradMode(true);
            }
        }
    }

    /** Whether the calling thread is inside {@link #apply}: no gradient will be taken of what it computes. */
    public static boolean isActive() {
        return DEPTH.get()[0] > 0;
    }

    private static boolean isPyTorch() {
        return "PyTorch".equals(Engine.getInstance().getEngineName());
    }
}
