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

    @Test
    void aResultRefusesOracleLabelsThatAreNotClassesOfTheModel() {
        // a client's oracle returned 7 on a 3-class model: both sides of a gate were 100% "misclassified" and it passed
        int n = 8;
        double[][] x = new double[n][];
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {i};
            p[i] = i % 2 == 0 ? new double[] {0.8, 0.1, 0.1} : new double[] {0.1, 0.1, 0.8};
        }
        dev.probe.core.diagnostics.Diagnostics d = new dev.probe.core.diagnostics.Diagnostics(new double[] {0.5, 0.5},
                new double[] {1}, new double[] {n}, 1, n, 1, 1, dev.probe.core.diagnostics.InvalidProposals.NONE,
                dev.probe.core.diagnostics.InvalidProposals.NONE, 0, 0, 0.1);
        ProbeResult r = new ProbeResult(new Provenance("q", "s", "MALA", dev.probe.core.sampler.SamplerConfig.builder()
                .chains(2).warmup(0).draws(4).build(), d), 2, x, x, java.util.List.of("m"), new double[][][] {p},
                new double[n], new double[n]);
        assertThat(r.misclassified("m", Oracle.ofInput(v -> (int) v[0] % 2 == 0 ? 0 : 2)).estimate()).isZero();
        assertThatThrownBy(() -> r.misclassified("m", Oracle.constant(7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labelled a sample 7, but model 'm' has 3 classes (0..2)");
        assertThatThrownBy(() -> r.misclassifiedAmongAttained("m", Oracle.constant(-1), 0.1))
                .hasMessageContaining("labelled a sample -1");
        // a new user asked for the model by its @ProbedModel field name: the message says how models are named
        assertThatThrownBy(() -> r.outputs("classifier")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No model named 'classifier' in this result; its models are [m]")
                .hasMessageContaining("a TorchScript file's name without .pt").hasMessageContaining("not by the @ProbedModel");
    }
}
