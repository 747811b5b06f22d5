package dev.probe.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.RowChunking;
import dev.probe.core.sampler.Energy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The network alone, per batch size: a workload's energy evaluated on {@code n} prior draws, with gradients
 * (tuned row chunks, and the whole batch in one call) and forward-only (tuned chunks: what scoring a prior
 * pool costs). Each figure is the median of repeated calls over about {@code seconds}, after warm-up calls
 * that also let the chunk tuner settle.
 */
final class NetworkSweep {
    record Point(int rows, double gradientRowsPerSecond, int gradientChunk, double wholeGradientRowsPerSecond,
            double forwardRowsPerSecond, int forwardChunk, double gradientCpuMsPerRow, double wholeGradientCpuMsPerRow,
            double forwardCpuMsPerRow) {}

    /** Median seconds per call and mean process CPU seconds per call. */
    private record Timing(double seconds, double cpuSeconds) {}

    private NetworkSweep() {}

    static Point measure(Workload w, int rows, double seconds) {
        RowChunking tuned = RowChunking.tuned("bench sweep " + w.name());
        Energy chunked = w.energy(tuned);
        Energy whole = w.energy(RowChunking.none());
        try (NDManager base = NDManager.newBaseManager()) {
            NDArray z = priorDraws(base, rows);
            int warmup = rows <= 64 ? 2 : 8; // 8 calls time every candidate chunk size 3 times
            Timing gradient = median(base, z, x -> chunked.valueAndGradient(x), warmup, seconds);
            Timing forward = median(base, z, x -> chunked.value(x), warmup, seconds);
            // the whole batch collapses at large sizes (seconds per call): one warm-up call, then at least one timed
            Timing wholeGradient = median(base, z, x -> whole.valueAndGradient(x), 1, rows > 1024 ? 0 : seconds);
            return new Point(rows, rows / gradient.seconds(), tuned.chunkRows(rows, true), rows / wholeGradient.seconds(),
                    rows / forward.seconds(), tuned.chunkRows(rows, false), 1000 * gradient.cpuSeconds() / rows,
                    1000 * wholeGradient.cpuSeconds() / rows, 1000 * forward.cpuSeconds() / rows);
        }
    }

    private static NDArray priorDraws(NDManager m, int rows) {
        Random r = new Random(rows);
        float[] z = new float[rows * 5];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        return m.create(z, new Shape(rows, 5));
    }

    /** Median seconds of {@code call} on {@code x}, each call in a scratch manager that is closed afterwards. */
    private static Timing median(NDManager home, NDArray x, Consumer<NDArray> call, int warmup, double seconds) {
        for (int i = 0; i < warmup; i++) {
            once(home, x, call);
        }
        List<Double> times = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int least = seconds > 0 ? 3 : 1;
        double cpu = Machine.cpuSeconds();
        while (times.size() < least || System.nanoTime() < end) {
            times.add(once(home, x, call));
        }
        cpu = (Machine.cpuSeconds() - cpu) / times.size();
        Collections.sort(times);
        return new Timing(times.get(times.size() / 2), cpu);
    }

    private static double once(NDManager home, NDArray x, Consumer<NDArray> call) {
        long t = System.nanoTime();
        try (NDManager scratch = home.newSubManager()) {
            x.attach(scratch);
            call.accept(x);
            x.attach(home);
        }
        return (System.nanoTime() - t) / 1e9;
    }
}
