package dev.probe.core.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

class ChunkTunerTest {

    /** Runs calls of {@code total} rows against a cost model (nanoseconds per chunk of n rows); returns the chunk sizes used. */
    private static List<Integer> calls(ChunkTuner tuner, int total, int calls, IntToLongFunction nanos) {
        List<Integer> sizes = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            for (int from = 0; from < total; ) {
                int planned = tuner.next(total, total - from);
                int rows = Math.min(planned, total - from);
                tuner.record(rows, planned, nanos.applyAsLong(rows));
                sizes.add(rows);
                from += rows;
            }
        }
        return sizes;
    }

    @Test
    void smallCallsAreNeverSplit() {
        ChunkTuner tuner = new ChunkTuner();
        assertThat(calls(tuner, 64, 3, n -> 1000L * n)).containsExactly(64, 64, 64);
        assertThat(tuner.isSettled(64)).isTrue();
    }

    @Test
    void triesEveryCandidateThenKeepsTheFastestPerRow() {
        ChunkTuner tuner = new ChunkTuner();
        // per-row cost falls up to 128 rows, then collapses (the allocator churn of big activations)
        IntToLongFunction cost = n -> n <= 128 ? 2_000_000L + 1_000_000L * n : 9_000_000L * n;
        List<Integer> sizes = calls(tuner, 1024, 20, cost);
        assertThat(tuner.isSettled(1024)).isTrue();
        // round robin, smallest first; the call's last 16 rows are a partial (unrecorded) 1024 chunk
        assertThat(sizes.subList(0, 9)).containsExactly(16, 32, 64, 128, 256, 512, 16, 1024, 32);
        assertThat(sizes).contains(16, 32, 64, 128, 256, 512, 1024);
        int best = tuner.best(1024);
        assertThat(best).isEqualTo(128);
        // once settled, chunks use the best size, and every 32nd a neighbour (half, then double)
        ChunkTuner settled = new ChunkTuner();
        calls(settled, 1024, 20, cost);
        List<Integer> later = calls(settled, 1024, 40, cost);
        assertThat(later.stream().filter(n -> n != best).distinct()).containsExactlyInAnyOrder(64, 256);
        assertThat(later.stream().filter(n -> n == best).count()).isGreaterThan(later.size() * 9 / 10);
        assertThat(settled.best(1024)).isEqualTo(128);
    }

    @Test
    void picksTheMinimumOfAUShapedCost() {
        ChunkTuner tuner = new ChunkTuner();
        // seconds per row: fixed overhead per call (favours big chunks) plus churn above 128 rows
        IntToLongFunction cost = n -> 2_000_000L + 100_000L * n + (n > 128 ? 400_000L * n : 0);
        calls(tuner, 1024, 30, cost);
        assertThat(tuner.best(1024)).isEqualTo(128);
        assertThat(tuner.best(100)).isEqualTo(64);
        assertThat(tuner.toString()).contains("128:");
    }

    @Test
    void partialChunksAreNotRecorded() {
        ChunkTuner tuner = new ChunkTuner();
        tuner.record(100, 128, 1);
        tuner.record(48, 48, 1);
        assertThat(tuner.toString()).isEqualTo("ChunkTuner[ ]");
        tuner.record(32, 32, 1000);
        assertThat(tuner.toString()).contains("32:");
    }
}
