package dev.probe.core.autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Evaluates a large batch in row chunks and concatenates the results, so that a population of thousands
 * of chains runs as fast per row as the batch size the machine handles best. A network's activations
 * grow with the batch (≈ 300 MB for 1024 rows through an MNIST CNN); past a point every call maps, faults
 * in and unmaps that memory again and throughput collapses. Each chunk runs in its own scratch manager
 * that is closed before the next chunk, so native memory stays bounded by one chunk's activations.
 *
 * <p>Rows are independent (one chain or one sample per row), so chunking changes only the work per call,
 * never the model's per-row results beyond float rounding; with chunks of at least 16 rows those were
 * bitwise identical on the machines measured (the MNIST VAE + CNN: every chunk size from 10 rows up gave the
 * whole batch's bits; 9 rows or fewer did not, as the engine switches kernels for small batches). So no chunk
 * holds fewer than 16 rows: a remainder that small joins the chunk before it, and the tuner's timed choice
 * cannot change samples. The chunk size comes from the configuration property
 * {@value #PROPERTY} (system property, or environment variable {@code PROBE_CHUNK}):
 * <ul>
 *   <li>{@code auto} (default): timed per pipeline on its real calls, shared in the JVM ({@link #tuned(String)}:
 *       every candidate size {@code 16·2^k} a few times, then the fastest, with an occasional neighbour
 *       revisited); calls of at most 64 rows are never split;
 *   <li>a positive number: at most that many rows per chunk (pin it for exact replays on new hardware);
 *   <li>{@code off}: never split.
 * </ul>
 * Gradient evaluations go through {@link Autograd} and forward-only ones through {@link ForwardOnly},
 * chunk by chunk. Results stay in the input's manager and on its device (no host copies).
 *
 * <pre>{@code
 * RowChunking chunks = RowChunking.configured("mnist-vae-decoder+mnist-cnn");
 * ValueAndGradient vg = chunks.valueAndGradient(z, u);  // z [4096, 5]: evaluated in tuned chunks
 * NDArray scores = chunks.forward(z, u);              // forward-only, no graph
 * }</pre>
 */
public final class RowChunking {
    /** Name of the configuration property. */
    public static final String PROPERTY = "probe.chunk";

    private static final Map<String, ChunkTuner[]> TUNERS = new ConcurrentHashMap<>();

    private final int fixedRows; // > 0: at most this many rows; 0: tuned; Integer.MAX_VALUE: never split
    private final ChunkTuner gradientTuner;
    private final ChunkTuner forwardTuner;

    private RowChunking(int fixedRows, ChunkTuner[] tuners) {
        this.fixedRows = fixedRows;
        this.gradientTuner = tuners == null ? null : tuners[0];
        this.forwardTuner = tuners == null ? null : tuners[1];
    }

    /** The chunking set by {@value #PROPERTY}, with timings of its own (for one energy or function). */
    public static RowChunking configured() {
        return configured(null);
    }

    /**
     * The chunking set by {@value #PROPERTY}; {@code key} names the pipeline (e.g. its models) whose timings are
     * shared in this JVM, {@code null} for timings of this instance only.
     */
    public static RowChunking configured(String key) {
        String value = System.getProperty(PROPERTY, System.getenv().getOrDefault("PROBE_CHUNK", "auto"));
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto") || v.isEmpty()) {
            return key == null ? new RowChunking(0, new ChunkTuner[] {new ChunkTuner(), new ChunkTuner()}) : tuned(key);
        }
        if (v.equals("off")) {
            return none();
        }
        try {
            return fixed(Integer.parseInt(v));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + PROPERTY + " '" + value + "': use auto, off or a positive "
                    + "number of rows per chunk (e.g. -D" + PROPERTY + "=128).", e);
        }
    }

    /** Chunk sizes timed per pipeline {@code key}, shared by every {@code RowChunking} with that key in this JVM. */
    public static RowChunking tuned(String key) {
        Objects.requireNonNull(key, "key");
        return new RowChunking(0, TUNERS.computeIfAbsent(key, k -> new ChunkTuner[] {new ChunkTuner(), new ChunkTuner()}));
    }

    /** At most {@code rows} rows per chunk. */
    public static RowChunking fixed(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("Rows per chunk must be positive, got " + rows + ". Use off to never split.");
        }
        return new RowChunking(rows, null);
    }

    /** Never split. */
    public static RowChunking none() {
        return new RowChunking(Integer.MAX_VALUE, null);
    }

    /** {@code f(x)} forward-only ({@link ForwardOnly}), in row chunks; the result is in {@code x}'s manager. */
    public NDArray forward(NDArray x, Function<NDArray, NDArray> f) {
        return evaluate(x, forwardTuner, part -> new NDList(ForwardOnly.apply(part, f))).get(0);
    }

    /** Values and input gradients of {@code f} ({@link Autograd#valueAndGradient}), in row chunks. */
    public ValueAndGradient valueAndGradient(NDArray x, Function<NDArray, NDArray> f) {
        NDList out = evaluate(x, gradientTuner, part -> {
            ValueAndGradient vg = Autograd.valueAndGradient(part, f);
            return new NDList(vg.value(), vg.gradient());
        });
        return new ValueAndGradient(out.get(0), out.get(1));
    }

    /** Rows per chunk that a call of {@code rows} rows would use now ({@code gradient} or forward-only calls). */
    public int chunkRows(int rows, boolean gradient) {
        ChunkTuner tuner = gradient ? gradientTuner : forwardTuner;
        if (tuner == null) {
            return Math.min(fixedRows, rows);
        }
        return rows <= ChunkTuner.SPLIT_ABOVE ? rows : tuner.best(rows);
    }

    private NDList evaluate(NDArray x, ChunkTuner tuner, Function<NDArray, NDList> one) {
        int n = Math.toIntExact(x.getShape().get(0));
        NDManager home = x.getManager();
        if (n == 0) {
            return attach(one.apply(x), home);
        }
        NDManager pieces = home.newSubManager();
        try {
            List<NDList> parts = new ArrayList<>();
            for (int from = 0; from < n; ) {
                int planned = tuner == null ? Math.min(fixedRows, n) : tuner.next(n, n - from);
                int rows = Math.min(planned, n - from);
                if (rows >= ChunkTuner.SMALLEST && n - from - rows < ChunkTuner.SMALLEST) {
                    rows = n - from; // no chunk of fewer than 16 rows: engines switch kernels (and float results) there
                }
                long start = System.nanoTime();
                try (NDManager scratch = home.newSubManager()) {
                    boolean whole = rows == n;
                    NDArray part = whole ? x : x.get(new NDIndex(from + ":" + (from + rows)));
                    part.attach(scratch);
                    parts.add(attach(one.apply(part), pieces));
                    if (whole) {
                        x.attach(home);
                    }
                }
                if (tuner != null) {
                    tuner.record(rows, planned, System.nanoTime() - start);
                }
                from += rows;
            }
            if (parts.size() == 1) {
                return attach(parts.get(0), home);
            }
            NDList out = new NDList();
            for (int i = 0; i < parts.get(0).size(); i++) {
                NDList column = new NDList();
                for (NDList p : parts) {
                    column.add(p.get(i));
                }
                NDArray joined = NDArrays.concat(column, 0);
                joined.attach(home);
                out.add(joined);
            }
            return out;
        } finally {
            pieces.close();
        }
    }

    private static NDList attach(NDList list, NDManager manager) {
        for (NDArray a : list) {
            a.attach(manager);
        }
        return list;
    }

    @Override
    public String toString() {
        if (gradientTuner != null) {
            return "RowChunking[auto: gradient " + gradientTuner + ", forward " + forwardTuner + "]";
        }
        return fixedRows == Integer.MAX_VALUE ? "RowChunking[off]" : "RowChunking[" + fixedRows + " rows]";
    }
}
