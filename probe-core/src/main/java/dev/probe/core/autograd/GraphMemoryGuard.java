package dev.probe.core.autograd;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * Keeps the host memory of arrays that are closed while an autograd graph is recorded alive until the
 * backward pass has run.
 *
 * <p>Why: DJL 0.35.1's PyTorch engine creates arrays from Java data with {@code torch::from_blob} over a
 * direct {@code ByteBuffer} the array references ({@code PtNDArray.dataRef}); libtorch does not own that
 * memory. {@code NDArray.mul/div/pow/add/sub/maximum/minimum(Number)} create such a scalar, use it and close
 * it at once — but the autograd graph still holds the scalar's tensor (e.g. {@code MulBackward} saves the
 * other factor). Once the buffer is garbage-collected its memory is reused, and the backward pass reads
 * whatever is there: 1–3 of 5,000 gradients came out NaN, ±1e9 or plausible-looking wrong, and same-seed
 * runs diverged between JVMs.
 *
 * <p>How: while installed, every array detached (closed) from the evaluation's manager — or from any
 * sub-manager created under it during the evaluation — hands its {@code dataRef} to this guard, which holds
 * it until {@link #close()}, called after {@code backward}. This relies on two DJL internals
 * ({@code BaseNDManager.resources}, {@code PtNDArray.dataRef}); if they are not found (another DJL version
 * or engine), the guard logs a warning once and does nothing, and {@link Constant} remains the explicit way
 * to keep scalars alive.
 */
final class GraphMemoryGuard implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GraphMemoryGuard.class.getName());
    private static final Field RESOURCES = field(BaseNDManager.class, "resources");
    private static final Map<Class<?>, Optional<Field>> DATA_REFS = new ConcurrentHashMap<>();

    private final List<Object> retained = new ArrayList<>();
    private volatile boolean active = true;

    private GraphMemoryGuard() {}

    /** Whether the guard can work with this DJL version. */
    static boolean supported() {
        return RESOURCES != null;
    }

    /** Starts guarding {@code manager} and every sub-manager created under it until {@link #close()}. */
    static GraphMemoryGuard install(NDManager manager) {
        GraphMemoryGuard guard = new GraphMemoryGuard();
        guard.guard(manager);
        return guard;
    }

    /** Number of closed arrays whose memory is currently kept alive. */
    synchronized int retained() {
        return retained.size();
    }

    /** The kept buffers, for tests. */
    synchronized List<ByteBuffer> retainedBuffers() {
        List<ByteBuffer> out = new ArrayList<>();
        for (Object o : retained) {
            out.add((ByteBuffer) o);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        active = false;
        retained.clear();
    }

    @SuppressWarnings("unchecked")
    private void guard(Object manager) {
        if (RESOURCES == null || !(manager instanceof BaseNDManager)) {
            return;
        }
        synchronized (manager) {
            try {
                ConcurrentHashMap<String, AutoCloseable> current =
                        (ConcurrentHashMap<String, AutoCloseable>) RESOURCES.get(manager);
                if (current instanceof Retaining) {
                    return;
                }
                Retaining replacement = new Retaining();
                replacement.putAll(current);
                RESOURCES.set(manager, replacement);
            } catch (IllegalAccessException | ClassCastException e) {
                LOG.warning("Probe could not guard autograd scalars (" + e + "); use dev.probe.core.autograd.Constant "
                        + "for scalars in differentiable energies.");
            }
        }
    }

    private synchronized void retain(Object closed) {
        if (!active || closed == null) {
            return;
        }
        Field dataRef = DATA_REFS.computeIfAbsent(closed.getClass(),
                c -> Optional.ofNullable(field(c, "dataRef"))).orElse(null);
        if (dataRef == null) {
            return;
        }
        try {
            Object buffer = dataRef.get(closed);
            if (buffer instanceof ByteBuffer) {
                retained.add(buffer);
            }
        } catch (IllegalAccessException e) {
            // not retained: nothing else to do
        }
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (RuntimeException e) {
                return null;
            }
        }
        if (type == BaseNDManager.class) {
            LOG.warning("Probe could not find DJL's BaseNDManager.resources; autograd scalars are not guarded. Use "
                    + "dev.probe.core.autograd.Constant for scalars in differentiable energies.");
        }
        return null;
    }

    /** The manager's resource map, retaining what is removed and guarding sub-managers as they are added. */
    private final class Retaining extends ConcurrentHashMap<String, AutoCloseable> {
        private static final long serialVersionUID = 1L;

        @Override
        public AutoCloseable put(String key, AutoCloseable value) {
            if (active) {
                guard(value);
            }
            return super.put(key, value);
        }

        @Override
        public AutoCloseable compute(String key,
                BiFunction<? super String, ? super AutoCloseable, ? extends AutoCloseable> remapping) {
            AutoCloseable value = super.compute(key, remapping);
            if (active) {
                guard(value);
            }
            return value;
        }

        @Override
        public AutoCloseable remove(Object key) {
            AutoCloseable value = super.remove(key);
            if (active) {
                retain(value);
            }
            return value;
        }
    }
}
