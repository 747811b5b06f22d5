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
 * never the model's per-row results beyond float rounding. Float rounding is not free, though: the engine's
 * kernels pick their blocking (and the order of their sums) from the batch size, so a row's bits can depend on
 * the size of the batch it was evaluated in. On the machines measured, batches whose sizes are multiples of
 * 16 gave every row the same bits (the MNIST and Fashion-MNIST VAE + CNN, 16 to 1,024 rows), while other sizes
 * did not (a 65-row chunk, or a whole call of 127 or 129 rows, changed a few values or gradients against the
 * same rows in other batches). So every call is cut the same way whatever the chunk size: its first
 * {@code n − n mod 16} rows in chunks of a multiple of 16 rows, its last {@code n mod 16} rows (if any) always
 * on their own. On those models the tuner's timed choice, and the configured size, then cannot change samples.
 * A user's energy may block otherwise: a plain matrix product over 20 coordinates gave other bits in 16- and
 * 32-row chunks than in 128-row ones, so with timed chunks the first run of a seed in a JVM (the tuner trying
 * every size) and the runs after it (its choice) differed. The default is therefore a fixed size, a function of
 * the call's rows alone, so the same seed gives the same samples on any model. The chunk size comes from the
 * configuration property {@value #PROPERTY} (system property, or environment variable {@code PROBE_CHUNK}):
 * <ul>
 *   <li>{@code default} (the default): {@value #DEFAULT_GRADIENT_ROWS} rows per gradient chunk and
 *       {@value #DEFAULT_FORWARD_ROWS} per forward-only chunk, what the tuner chose for the example suite's
 *       networks on 2-core CPUs;
 *   <li>{@code auto}: timed per pipeline on its real calls, shared in the JVM ({@link #tuned(String)}:
 *       every candidate size {@code 16·2^k} a few times, then the fastest, with an occasional neighbour
 *       revisited); calls of at most 64 rows are not split beyond the canonical cut. Faster where the best size
 *       differs (a GPU), replayable only where every multiple of 16 rows gives the same bits (check with the
 *       examples' {@code ChunkCutCheck});
 *   <li>a positive number: at most that many rows per chunk, rounded down to a multiple of 16 (at least 16);
 *   <li>{@code off}: no chunks beyond the canonical cut (the {@code n mod 16} last rows on their own).
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

    /**
     * Chunks of the first {@code n − n mod ALIGN} rows of a call hold a multiple of this many rows; the last
     * {@code n mod ALIGN} rows are evaluated on their own.
     */
    public static final int ALIGN = 16;

    private static final Map<String, ChunkTuner[]> TUNERS = new ConcurrentHashMap<>();

    /** Rows per gradient chunk by default (no {@value #PROPERTY} set). */
    public static final int DEFAULT_GRADIENT_ROWS = 64;

    /** Rows per forward-only chunk by default. */
    public static final int DEFAULT_FORWARD_ROWS = 128;

    private final int fixedRows; // gradient calls: > 0 at most this many rows; Integer.MAX_VALUE: never split
    private final int fixedForwardRows; // forward-only calls, likewise
    private final ChunkTuner gradientTuner;
    private final ChunkTuner forwardTuner;

    private RowChunking(int fixedRows, ChunkTuner[] tuners) {
        this(fixedRows, fixedRows, tuners);
    }

    private RowChunking(int fixedRows, int fixedForwardRows, ChunkTuner[] tuners) {
        this.fixedRows = fixedRows;
        this.fixedForwardRows = fixedForwardRows;
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
        String value = System.getProperty(PROPERTY, System.getenv().getOrDefault("PROBE_CHUNK", "default"));
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("default") || v.isEmpty()) {
            return defaults();
        }
        if (v.equals("auto")) {
            return key == null ? new RowChunking(0, new ChunkTuner[] {new ChunkTuner(), new ChunkTuner()}) : tuned(key);
        }
        if (v.equals("off")) {
            return none();
        }
        try {
            return fixed(Integer.parseInt(v));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + PROPERTY + " '" + value + "': use default, auto, off or a "
                    + "positive number of rows per chunk (e.g. -D" + PROPERTY + "=128).", e);
        }
    }

    /** Chunk sizes timed per pipeline {@code key}, shared by every {@code RowChunking} with that key in this JVM. */
    public static RowChunking tuned(String key) {
        Objects.requireNonNull(key, "key");
        return new RowChunking(0, TUNERS.computeIfAbsent(key, k -> new ChunkTuner[] {new ChunkTuner(), new ChunkTuner()}));
    }

    /** At most {@code rows} rows per chunk, rounded down to a multiple of {@value #ALIGN} (at least {@value #ALIGN}). */
    public static RowChunking fixed(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("Rows per chunk must be positive, got " + rows + ". Use off to never split.");
        }
        return new RowChunking(Math.max(ALIGN, rows - rows % ALIGN), null);
    }

    /** The default: {@value #DEFAULT_GRADIENT_ROWS} rows per gradient chunk, {@value #DEFAULT_FORWARD_ROWS} forward-only. */
    public static RowChunking defaults() {
        return new RowChunking(DEFAULT_GRADIENT_ROWS, DEFAULT_FORWARD_ROWS, null);
    }

    /** Never split. */
    public static RowChunking none() {
        return new RowChunking(Integer.MAX_VALUE, null);
    }

    /** {@code f(x)} forward-only ({@link ForwardOnly}), in row chunks; the result is in {@code x}'s manager. */
    public NDArray forward(NDArray x, Function<NDArray, NDArray> f) {
        return evaluate(x, forwardTuner, fixedForwardRows, part -> new NDList(ForwardOnly.apply(part, f))).get(0);
    }

    /** Values and input gradients of {@code f} ({@link Autograd#valueAndGradient}), in row chunks. */
    public ValueAndGradient valueAndGradient(NDArray x, Function<NDArray, NDArray> f) {
        NDList out = evaluate(x, gradientTuner, fixedRows, part -> {
            ValueAndGradient vg = Autograd.valueAndGradient(part, f);
            return new NDList(vg.value(), vg.gradient());
        });
        return new ValueAndGradient(out.get(0), out.get(1));
    }

    /**
     * Rows per chunk that a call of {@code rows} rows would use now for its first {@code rows − rows mod 16} rows
     * ({@code gradient} or forward-only calls; {@code rows} itself for calls of fewer than 16 rows).
     */
    public int chunkRows(int rows, boolean gradient) {
        int aligned = rows - rows % ALIGN;
        if (aligned == 0) {
            return rows;
        }
        ChunkTuner tuner = gradient ? gradientTuner : forwardTuner;
        if (tuner == null) {
            return Math.min(gradient ? fixedRows : fixedForwardRows, aligned);
        }
        return aligned <= ChunkTuner.SPLIT_ABOVE ? aligned : tuner.best(aligned);
    }

    private NDList evaluate(NDArray x, ChunkTuner tuner, int fixedRows, Function<NDArray, NDList> one) {
        int n = Math.toIntExact(x.getShape().get(0));
        NDManager home = x.getManager();
        if (n == 0) {
            return attach(one.apply(x), home);
        }
        NDManager pieces = home.newSubManager();
        try {
            List<NDList> parts = new ArrayList<>();
            // the canonical cut: the first n − n mod 16 rows in chunks of multiples of 16 rows, the rest on its own
            int aligned = n - n % ALIGN;
            for (int from = 0; from < n; ) {
                boolean tail = from >= aligned;
                int planned = tail ? n - from : tuner == null ? Math.min(fixedRows, aligned) : tuner.next(aligned, aligned - from);
                int rows = Math.min(planned, (tail ? n : aligned) - from);
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
                if (tuner != null && !tail) {
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
        if (fixedRows != fixedForwardRows) {
            return "RowChunking[gradient " + fixedRows + " rows, forward " + fixedForwardRows + " rows]";
        }
        return fixedRows == Integer.MAX_VALUE ? "RowChunking[off]" : "RowChunking[" + fixedRows + " rows]";
    }
}
