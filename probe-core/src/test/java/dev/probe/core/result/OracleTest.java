package dev.probe.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Oracles label one sample or a batch; a batch oracle runs once per batch. */
class OracleTest {

    @Test
    void perSampleOraclesLabelBatchesRowByRow() {
        Oracle sign = Oracle.ofInput(x -> x[0] > 0 ? 1 : 0);
        assertThat(sign.labels(new double[][] {{0}, {0}}, new double[][] {{-1}, {2}})).containsExactly(0, 1);
        assertThat(Oracle.ofLatent(a -> (int) a[0]).label(new double[] {3}, new double[] {9})).isEqualTo(3);
        assertThat(Oracle.constant(4).labels(new double[2][1], new double[2][1])).containsExactly(4, 4);
    }

    @Test
    void aBatchOracleIsCalledOncePerBatch() {
        AtomicInteger calls = new AtomicInteger();
        Oracle batch = Oracle.ofInputs(rows -> {
            calls.incrementAndGet();
            return java.util.Arrays.stream(rows).mapToInt(x -> x[0] > 0 ? 1 : 0).toArray();
        });
        assertThat(batch.labels(new double[3][1], new double[][] {{-1}, {1}, {2}})).containsExactly(0, 1, 1);
        assertThat(calls.get()).isEqualTo(1);
        assertThat(batch.label(new double[1], new double[] {5})).isEqualTo(1);
        Oracle broken = Oracle.ofInputs(rows -> new int[1]);
        assertThatThrownBy(() -> broken.labels(new double[2][1], new double[2][1]))
                .hasMessageContaining("labelled 1 of 2 inputs");
    }
}
