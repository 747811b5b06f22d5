package dev.probe.core.autograd;

import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the rows per chunk for one pipeline by timing the chunks it evaluates anyway: the first chunks
 * of large calls cycle through the candidate sizes {@code 16·2^k} (round robin until each is timed
 * {@value #SAMPLES} times), later chunks use the size with the smallest time per row. Every timed chunk is
 * real work, so tuning costs only the slower candidates' extra time, once per pipeline and JVM. Each
 * candidate keeps its fastest time (the one least disturbed by other processes), and every
 * {@value #REVISIT}th chunk afterwards tries a neighbour of the best size (half, then double), so a choice
 * made while the machine was busy is corrected later.
 *
 * <p>Candidates are multiples of 16 rows, and {@link RowChunking} asks only about the first
 * {@code n − n mod 16} rows of a call (the rest are always evaluated on their own): on the machines measured,
 * batches of multiples of 16 rows gave every row bitwise the same results, so the timed choice does not change
 * samples.
 */
final class ChunkTuner {
    /** Smallest candidate chunk. */
    static final int SMALLEST = RowChunking.ALIGN;
    /** Calls of at most this many rows are not split (beyond the canonical cut of {@link RowChunking}). */
    static final int SPLIT_ABOVE = 64;
    /** Timed chunks per candidate; the fastest (least disturbed by other load) counts. */
    static final int SAMPLES = 3;
    /** After tuning, every this many chunks one is a neighbour of the best size. */
    static final int REVISIT = 32;

    private final Map<Integer, double[]> timings = new TreeMap<>(); // size -> {best seconds per row, count}
    private long settledChunks;

    /** Rows of the next chunk of a call of {@code total} rows with {@code remaining} rows left. */
    synchronized int next(int total, int remaining) {
        if (total <= SPLIT_ABOVE) {
            return remaining;
        }
        int explore = -1;
        int fewest = SAMPLES;
        for (int size = SMALLEST; size <= total; size *= 2) {
            int count = (int) timings.getOrDefault(size, new double[] {0, 0})[1];
            if (count < fewest) {
                fewest = count;
                explore = size;
            }
        }
        if (explore > 0) {
            return Math.min(explore, remaining);
        }
        int best = best(total);
        settledChunks++;
        if (settledChunks % REVISIT == 0) {
            int neighbour = (settledChunks / REVISIT) % 2 == 1 ? best / 2 : best * 2;
            if (neighbour >= SMALLEST && neighbour <= total) {
                return Math.min(neighbour, remaining);
            }
        }
        return Math.min(best, remaining);
    }

    /** Records a chunk of {@code rows} rows that was planned as {@code planned} rows and took {@code nanos}. */
    synchronized void record(int rows, int planned, long nanos) {
        if (rows != planned || rows < SMALLEST || Integer.bitCount(rows / SMALLEST) != 1 || rows % SMALLEST != 0) {
            return; // only full chunks of a candidate size are comparable
        }
        double perRow = nanos / 1e9 / rows;
        double[] t = timings.computeIfAbsent(rows, k -> new double[] {Double.POSITIVE_INFINITY, 0});
        t[0] = Math.min(t[0], perRow);
        t[1]++;
    }

    /** The fastest measured candidate of at most {@code total} rows ({@code total} if none is measured). */
    synchronized int best(int total) {
        int best = total;
        double fastest = Double.POSITIVE_INFINITY;
        for (Map.Entry<Integer, double[]> e : timings.entrySet()) {
            if (e.getKey() <= total && e.getValue()[1] > 0 && e.getValue()[0] < fastest) {
                fastest = e.getValue()[0];
                best = e.getKey();
            }
        }
        return best;
    }

    /** Whether every candidate up to {@code total} rows has been timed {@value #SAMPLES} times. */
    synchronized boolean isSettled(int total) {
        if (total <= SPLIT_ABOVE) {
            return true;
        }
        for (int size = SMALLEST; size <= total; size *= 2) {
            if (timings.getOrDefault(size, new double[] {0, 0})[1] < SAMPLES) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized String toString() {
        StringBuilder sb = new StringBuilder("ChunkTuner[");
        timings.forEach((size, t) -> sb.append(String.format(java.util.Locale.ROOT, " %d:%.3gms/row×%d", size,
                t[0] * 1e3, (int) t[1])));
        return sb.append(" ]").toString();
    }
}
