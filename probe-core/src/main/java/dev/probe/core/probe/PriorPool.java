package dev.probe.core.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.RowChunking;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.query.OutputEnergy;
import dev.probe.core.runtime.Devices;
import dev.probe.core.runtime.HeapBudget;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.space.SampleSpace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * {@code P} independent prior draws of a space with every model's outputs at each, computed once by a
 * forward-only pass ({@link RowChunking#forward}: no autograd, draws generated {@value #BATCH} at a time and
 * evaluated in the pipeline's tuned row chunks) and shared by every query over the same
 * (space, models) pair: the ten high-confidence classes, the 45 ambivalent pairs and the interpolation
 * steps of one generator and classifier all re-weight one pool. It stores the sampled coordinates and the
 * models' outputs (class probabilities), not the inputs (pixels); a level-set query's energy
 * ({@link OutputEnergy}) is re-evaluated on the stored outputs without running any network.
 *
 * <p>{@link #of} caches one pool per (space, models, size, seed) for the life of the JVM (keys compare spaces and
 * models by identity; a space that is no longer referenced frees its pools, and a space keeps its
 * {@value #POOLS_PER_SPACE} most recently used pools: an evicted pool is drawn again, identically, when asked for). Draws come from the fixed
 * stream {@link #SEED}, so a pool does not depend on which query asked first and runs replay. Uses:
 * starting points of MCMC chains (chosen ∝ {@code exp(−G)}), and the initial particles of population
 * sampling, where independent populations take disjoint parts ({@link #part}).
 *
 * <pre>{@code
 * PriorPool pool = PriorPool.of(space, List.of(classifier), 32768);
 * double[] g = pool.energies(Ambivalent.between(classifier, 1, 7));
 * System.out.println(pool);   // PriorPool[32768 draws, 4.1 s, ...]
 * }</pre>
 */
public final class PriorPool {
    /** Seed of the shared pools' draws, unless a probe asks for another ({@code Probe.withPoolSeed}). */
    public static final long SEED = 0x5EED_9001L;
    /** Prior draws generated and transferred per block. */
    static final int BATCH = 1024;
    /** Pools kept per space, least recently used evicted first (a loop over model versions kept every version's). */
    static final int POOLS_PER_SPACE = 16;
    private static final Map<SampleSpace, Map<List<Object>, PriorPool>> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final String space;
    private final List<ModelUnderTest> models;
    private final int dimension;
    private final float[] coordinates;
    private final float[][] outputs;
    private final int[] widths;
    private final double seconds;
    private final long seed;

    private PriorPool(String space, List<ModelUnderTest> models, int dimension, float[] coordinates, float[][] outputs,
            int[] widths, double seconds, long seed) {
        this.seed = seed;
        this.space = space;
        this.models = models;
        this.dimension = dimension;
        this.coordinates = coordinates;
        this.outputs = outputs;
        this.widths = widths;
        this.seconds = seconds;
    }

    /** A default size: 32,768 draws for small spaces, fewer for wide ones (about 32 MB of coordinates at most). */
    public static int defaultSize(int dimension) {
        return (int) Math.max(4096, Math.min(32768, (8L << 20) / Math.max(1, dimension)));
    }

    /** The pool of {@code size} draws for (space, models), computed on first use and cached for the JVM. */
    public static PriorPool of(SampleSpace space, List<? extends ModelUnderTest> models, int size) {
        return of(space, models, size, SEED);
    }

    /**
     * The pool of {@code size} draws for (space, models) from the stream {@code seed}, computed on first use and cached
     * for the JVM (one per seed: probes that share a seed share the pool).
     */
    public static PriorPool of(SampleSpace space, List<? extends ModelUnderTest> models, int size, long seed) {
        List<Object> key = key(models, size, seed);
        Map<List<Object>, PriorPool> pools;
        synchronized (CACHE) {
            pools = CACHE.computeIfAbsent(space, s -> new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, PriorPool> eldest) {
                    return size() > POOLS_PER_SPACE;
                }
            });
        }
        synchronized (pools) {
            PriorPool pool = pools.get(key);
            if (pool == null) {
                pool = compute(space, models, size, seed);
                pools.put(key, pool);
            }
            return pool;
        }
    }

    /** The cache key of a pool: its size, seed and the models by identity. */
    private static List<Object> key(List<? extends ModelUnderTest> models, int size, long seed) {
        List<Object> key = new ArrayList<>(models.size() + 2);
        key.add(size);
        key.add(seed);
        for (ModelUnderTest m : models) {
            key.add(new Identity(m));
        }
        return key;
    }

    /** The cached pool of {@code size} draws for (space, models) from {@code seed}, if one was computed; never computes. */
    static java.util.Optional<PriorPool> ifComputed(SampleSpace space, List<? extends ModelUnderTest> models, int size,
            long seed) {
        List<Object> key = key(models, size, seed);
        Map<List<Object>, PriorPool> pools;
        synchronized (CACHE) {
            pools = CACHE.get(space);
        }
        if (pools == null) {
            return java.util.Optional.empty();
        }
        synchronized (pools) {
            return java.util.Optional.ofNullable(pools.get(key));
        }
    }

    /**
     * A lower bound of the heap a pool takes per draw while populations start from it: its coordinates and every
     * model's outputs (floats), a query's energies, and half the pool copied as starting draws (a new user's pool that
     * fit by its own arrays alone ran out of heap there).
     */
    static long bytesPerDraw(SampleSpace space, List<? extends ModelUnderTest> models) {
        int d = space.dimension();
        return 4L * (d + models.stream().mapToLong(ModelUnderTest::outputDimension).sum()) + 8 + (8L * d + 16) / 2;
    }

    /** A fresh, uncached pool from the stream {@code seed} (for independent repetitions). */
    public static PriorPool compute(SampleSpace space, List<? extends ModelUnderTest> models, int size, long seed) {
        if (!space.hasProperPrior()) {
            throw new IllegalArgumentException("A prior pool needs independent prior draws, but " + space.describe()
                    + " has no proper prior. Bound every coordinate, or start chains with screening instead.");
        }
        if (size < 1) {
            throw new IllegalArgumentException("A prior pool needs at least one draw, got " + size);
        }
        int widest = Math.max(space.dimension(), models.stream().mapToInt(ModelUnderTest::outputDimension).max().orElse(1));
        if ((long) size * widest > Integer.MAX_VALUE - 8) {
            // one Java array per model holds the pool's values: beyond that a bare NegativeArraySizeException
            throw new IllegalArgumentException("A prior pool of " + size + " draws holds " + size + " × " + widest
                    + " values in one array, more than Java allows (" + (Integer.MAX_VALUE - 8) + "): give a pool of at most "
                    + (Integer.MAX_VALUE - 8) / widest + " draws (setting pool; the built-in size is "
                    + defaultSize(space.dimension()) + ").");
        }
        long perDraw = bytesPerDraw(space, models);
        HeapBudget.require(size * perDraw, "A prior pool of " + size + " draws",
                "give a pool " + HeapBudget.wellBelow(perDraw, "draws") + " (setting pool; the built-in size is "
                        + defaultSize(space.dimension()) + ")");
        long begin = System.nanoTime();
        int d = space.dimension();
        ChainRandom random = new ChainRandom(seed);
        float[] coordinates = new float[size * d];
        float[][] out = new float[models.size()][];
        int[] widths = new int[models.size()];
        for (int m = 0; m < widths.length; m++) {
            widths[m] = models.get(m).outputDimension();
            out[m] = new float[size * widths[m]];
        }
        int total = 0;
        for (int w : widths) {
            total += w;
        }
        RowChunking chunking = RowChunking.configured(ProbeEnergy.pipeline(space, models));
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            for (int from = 0; from < size; from += BATCH) {
                dev.probe.core.sampler.Interrupts.check("building a prior pool (draw " + from + " of " + size + ")");
                int n = Math.min(BATCH, size - from);
                double[][] draws = space.priorDraws(n, random);
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < d; k++) {
                        coordinates[(from + i) * d + k] = (float) draws[i][k];
                    }
                }
                try (NDManager scope = manager.newSubManager()) {
                    float[] flat = java.util.Arrays.copyOfRange(coordinates, from * d, (from + n) * d);
                    NDArray z = scope.create(flat, new Shape(n, d));
                    // every model's outputs side by side, [n, Σ widths], forward-only in tuned row chunks
                    float[] y = chunking.forward(z, s -> allOutputs(space.toInput(s), models))
                            .toType(DataType.FLOAT32, false).toFloatArray();
                    noNaN(space, models, draws, y, total);
                    if (from == 0) {
                        BatchIndependence.atPriorDraws(space, models, draws);
                    }
                    for (int i = 0; i < n; i++) {
                        int column = 0;
                        for (int m = 0; m < widths.length; m++) {
                            System.arraycopy(y, i * total + column, out[m], (from + i) * widths[m], widths[m]);
                            column += widths[m];
                        }
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        return new PriorPool(space.describe(), List.copyOf(models), d, coordinates, out, widths, seconds, seed);
    }

    /** Refuses non-finite outputs at these prior draws ({@link PriorDrawCheck}): rows {@code [n, total]} of {@code y}. */
    private static void noNaN(SampleSpace space, List<? extends ModelUnderTest> models, double[][] draws, float[] y,
            int total) {
        double[] bad = new double[draws.length];
        for (int i = 0; i < draws.length; i++) {
            for (int k = 0; k < total; k++) {
                if (!Float.isFinite(y[i * total + k])) {
                    bad[i] = Double.NaN;
                }
            }
        }
        PriorDrawCheck.noNaN(space, models, "the prior pool", draws, bad);
    }

    private static NDArray allOutputs(NDArray x, List<? extends ModelUnderTest> models) {
        NDList outputs = new NDList();
        for (ModelUnderTest m : models) {
            NDArray y = m.output(x);
            outputs.add(y.getDataType() == DataType.FLOAT32 ? y : y.toType(DataType.FLOAT32, false));
        }
        return outputs.size() == 1 ? outputs.get(0) : NDArrays.concat(outputs, 1);
    }

    /** Number of draws {@code P}. */
    public int size() {
        return coordinates.length / dimension;
    }

    /** Seconds the forward pass took (for reports). */
    public double seconds() {
        return seconds;
    }

    /** Sampled coordinates per draw. */
    public int dimension() {
        return dimension;
    }

    /** The models whose outputs are stored, in order. */
    public List<ModelUnderTest> models() {
        return models;
    }

    /** Coordinates of draw {@code i}. */
    public double[] coordinates(int i) {
        double[] out = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            out[k] = coordinates[i * dimension + k];
        }
        return out;
    }

    /** Coordinate {@code k} of draw {@code i}. */
    double coordinate(int i, int k) {
        return coordinates[i * dimension + k];
    }

    /** Model outputs of draw {@code i}: {@code [model][output]}. */
    public double[][] outputs(int i) {
        double[][] out = new double[widths.length][];
        for (int m = 0; m < widths.length; m++) {
            out[m] = new double[widths[m]];
            for (int k = 0; k < widths[m]; k++) {
                out[m][k] = outputs[m][i * widths[m] + k];
            }
        }
        return out;
    }

    /**
     * The query's energy {@code G} at every draw, from the stored outputs (non-finite outputs give {@code NaN}).
     *
     * @throws IllegalArgumentException if the query asks about other models than the pool stores
     */
    public double[] energies(OutputEnergy query) {
        List<ModelUnderTest> asked = query.models();
        boolean same = asked.size() == models.size();
        for (int m = 0; same && m < asked.size(); m++) {
            same = asked.get(m) == models.get(m);
        }
        if (!same) {
            throw new IllegalArgumentException("The pool stores the outputs of " + names(models) + " but "
                    + query.describe() + " asks about " + names(asked) + ". Use the pool of the query's own models.");
        }
        double[] g = new double[size()];
        for (int i = 0; i < g.length; i++) {
            double e = query.energyOfOutputs(outputs(i));
            g[i] = Double.isFinite(e) ? e : Double.NaN;
        }
        return g;
    }

    /** Indices {@code [from, to)} of part {@code r} of {@code parts} disjoint, equal parts (independent populations). */
    public int[] part(int r, int parts) {
        if (parts < 1 || r < 0 || r >= parts || parts > size()) {
            throw new IllegalArgumentException("Part " + r + " of " + parts + " does not exist in a pool of " + size()
                    + " draws");
        }
        int per = size() / parts;
        return new int[] {r * per, (r + 1) * per};
    }

    private static String names(List<? extends ModelUnderTest> models) {
        return models.stream().map(ModelUnderTest::name).toList().toString();
    }

    /** The seed of the stream this pool's draws came from. */
    public long seed() {
        return seed;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "PriorPool[%d draws, %.1f s, %s, models %s]", size(), seconds, space,
                names(models));
    }

    /** Identity-compared key part. */
    private record Identity(Object ref) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.ref == ref;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(ref);
        }
    }
}
