package dev.probe.core.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RowChunkingTest {
    /** A small network-like energy: rows through tanh(x W), then a row norm; gradient (1 - h²) W-weighted. */
    private static final Function<NDArray, NDArray> NET = x -> {
        NDArray w = x.getManager().arange(0f, 15f).reshape(5, 3).div(15).sub(0.4);
        return x.matMul(w).tanh().square().sum(new int[] {1}).add(x.square().sum(new int[] {1}).div(2));
    };

    private static NDArray batch(NDManager m, int rows, int seed) {
        Random r = new Random(seed);
        float[] z = new float[rows * 5];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        return m.create(z, new Shape(rows, 5));
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(RowChunking.PROPERTY);
    }

    /**
     * Engines pick their blocking from the batch size, so a row's bits can depend on the batch it is in: on the
     * Fashion-MNIST VAE + CNN, 127- and 129-row calls and a 65-row chunk changed values or gradients of some rows
     * against other cuts of the same call, and the tuner's timed chunk size (128 against 64) changed the samples
     * of two suite probes. So every call is cut the same way, whatever the chunk size, tuned or fixed: its first
     * {@code n − n mod 16} rows in chunks of multiples of 16 rows, its last {@code n mod 16} rows on their own.
     */
    @Test
    void everyChunkSizeCutsACallTheSameCanonicalWay() {
        try (NDManager m = NDManager.newBaseManager()) {
            java.util.List<RowChunking> chunkings = new java.util.ArrayList<>(java.util.List.of(RowChunking.fixed(16),
                    RowChunking.fixed(32), RowChunking.fixed(64), RowChunking.fixed(100), RowChunking.none()));
            chunkings.add(RowChunking.tuned("canonical cut " + System.nanoTime()));
            for (int n : new int[] {7, 16, 40, 65, 72, 100, 127, 129, 130, 250, 280, 300, 519}) {
                int aligned = n - n % 16;
                for (RowChunking chunking : chunkings) {
                    java.util.List<long[]> cuts = new java.util.ArrayList<>(); // {from, rows}
                    long[] next = {0};
                    NDArray x = batch(m, n, n);
                    java.util.function.Function<NDArray, NDArray> recording = part -> {
                        long rows = part.getShape().get(0);
                        cuts.add(new long[] {next[0], rows});
                        next[0] = (next[0] + rows) % n;
                        return NET.apply(part);
                    };
                    ValueAndGradient vg = chunking.valueAndGradient(x, recording);
                    chunking.forward(x, recording);
                    assertThat(vg.value().getShape()).isEqualTo(new Shape(n));
                    for (long[] cut : cuts) {
                        if (cut[0] < aligned) {
                            assertThat(cut[1] % 16).as("%s, %d-row call: chunk at row %d", chunking, n, cut[0]).isZero();
                            assertThat(cut[0] + cut[1]).as("%s, %d-row call: chunk at row %d", chunking, n, cut[0])
                                    .isLessThanOrEqualTo(aligned);
                        } else {
                            assertThat(cut).as("%s, %d-row call: the last n mod 16 rows", chunking, n)
                                    .containsExactly(aligned, n - aligned);
                        }
                    }
                }
            }
        }
    }

    @Test
    void chunkedValuesAndGradientsEqualTheWholeBatch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = batch(m, 1000, 1);
            ValueAndGradient whole = RowChunking.none().valueAndGradient(x, NET);
            ValueAndGradient chunked = RowChunking.fixed(96).valueAndGradient(x, NET);
            NDArray forward = RowChunking.fixed(96).forward(x, NET);
            assertThat(chunked.value().getShape()).isEqualTo(new Shape(1000));
            assertThat(chunked.gradient().getShape()).isEqualTo(new Shape(1000, 5));
            float[] v = whole.value().toFloatArray();
            float[] g = whole.gradient().toFloatArray();
            float[] cv = chunked.value().toFloatArray();
            float[] cg = chunked.gradient().toFloatArray();
            float[] fv = forward.toFloatArray();
            for (int i = 0; i < v.length; i++) {
                assertThat(cv[i]).isCloseTo(v[i], within(1e-5f * Math.max(1, Math.abs(v[i]))));
                assertThat(fv[i]).isCloseTo(v[i], within(1e-5f * Math.max(1, Math.abs(v[i]))));
            }
            for (int i = 0; i < g.length; i++) {
                assertThat(cg[i]).isCloseTo(g[i], within(1e-5f * Math.max(1, Math.abs(g[i]))));
            }
            // gradient of |x|²/2 + Σ tanh(xW)²: check one entry by central differences
            double h = 1e-2;
            NDArray plus = x.get("0:1").duplicate();
            NDArray minus = x.get("0:1").duplicate();
            float x0 = plus.getFloat(0, 0);
            plus.setScalar(new ai.djl.ndarray.index.NDIndex(0, 0), (float) (x0 + h));
            minus.setScalar(new ai.djl.ndarray.index.NDIndex(0, 0), (float) (x0 - h));
            double fd = (NET.apply(plus).getFloat(0) - NET.apply(minus).getFloat(0)) / (2 * h);
            assertThat((double) cg[0]).isCloseTo(fd, within(1e-2 * Math.max(1, Math.abs(fd))));
        }
    }

    @Test
    void sameChunkSizeGivesBitwiseTheSameResults() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = batch(m, 700, 2);
            float[] a = RowChunking.fixed(64).valueAndGradient(x, NET).gradient().toFloatArray();
            float[] b = RowChunking.fixed(64).valueAndGradient(x, NET).gradient().toFloatArray();
            assertThat(b).containsExactly(a);
        }
    }

    @Test
    void nativeMemoryStaysFlatAndResultsLandInTheInputsManager() {
        try (NDManager home = NDManager.newBaseManager()) {
            NDArray x = batch(home, 200, 3);
            int before = home.getManagedArrays().size();
            RowChunking chunking = RowChunking.fixed(64);
            for (int i = 0; i < 10; i++) {
                try (NDManager step = home.newSubManager()) {
                    x.attach(step);
                    ValueAndGradient eg = chunking.valueAndGradient(x, NET);
                    NDArray f = chunking.forward(x, NET);
                    assertThat(eg.value().getManager()).isSameAs(step);
                    assertThat(eg.gradient().getManager()).isSameAs(step);
                    assertThat(f.getManager()).isSameAs(step);
                    assertThat(x.getManager()).isSameAs(step);
                    // x, the value, the gradient and the forward result: nothing else is left behind
                    assertThat(step.getManagedArrays()).hasSize(4);
                    x.attach(home);
                }
            }
            assertThat(home.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void forwardOnlyRecordsNoGraphAndRestoresTheGradMode() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = batch(m, 8, 4);
            x.setRequiresGradient(true);
            boolean[] inside = new boolean[2];
            boolean previous = JniUtils.isGradMode();
            JniUtils.setGradMode(true); // libtorch's default in a new thread
            try {
                NDArray y = ForwardOnly.apply(x, z -> {
                    inside[0] = ForwardOnly.isActive();
                    inside[1] = JniUtils.isGradMode();
                    return NET.apply(z);
                });
                assertThat(JniUtils.isGradMode()).isTrue();
                // x requires a gradient, yet no graph was recorded for y
                assertThat(JniUtils.getGradientFunctionNames((PtNDArray) NET.apply(x))).isNotBlank();
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    assertThatThrownBy(() -> collector.backward(y.sum())).hasMessageContaining("does not require grad");
                }
            } finally {
                JniUtils.setGradMode(previous);
            }
            assertThat(inside[0]).isTrue();
            assertThat(inside[1]).isFalse();
            assertThat(ForwardOnly.isActive()).isFalse();
            // gradients still work afterwards
            ValueAndGradient eg = Autograd.valueAndGradient(x, NET);
            assertThat(eg.gradient().getShape()).isEqualTo(new Shape(8, 5));
            assertThat(eg.gradient().abs().sum().getFloat()).isGreaterThan(0f);
        }
    }

    @Test
    void forwardOnlyInsideAGradientEvaluationIsAClearError() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = batch(m, 4, 5);
            assertThatThrownBy(() -> Autograd.valueAndGradient(x, z -> ForwardOnly.apply(z, NET)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("inside a gradient evaluation");
        }
    }

    @Test
    void configurationPropertyChoosesTheChunking() {
        System.setProperty(RowChunking.PROPERTY, "48");
        assertThat(RowChunking.configured("k").chunkRows(1000, true)).isEqualTo(48);
        System.setProperty(RowChunking.PROPERTY, "50");
        assertThat(RowChunking.configured("k").chunkRows(1000, true)).as("a multiple of 16").isEqualTo(48);
        System.setProperty(RowChunking.PROPERTY, "off");
        assertThat(RowChunking.configured("k").chunkRows(1000, false)).as("all but the last 1000 mod 16 rows").isEqualTo(992);
        assertThat(RowChunking.configured("k").chunkRows(10, false)).isEqualTo(10);
        System.setProperty(RowChunking.PROPERTY, "auto");
        assertThat(RowChunking.configured("k").toString()).startsWith("RowChunking[auto");
        // unset: fixed sizes, a function of the call's rows alone (replayable on any model)
        System.clearProperty(RowChunking.PROPERTY);
        if (System.getenv("PROBE_CHUNK") == null) {
            RowChunking byDefault = RowChunking.configured("k");
            assertThat(byDefault.chunkRows(1000, true)).isEqualTo(RowChunking.DEFAULT_GRADIENT_ROWS);
            assertThat(byDefault.chunkRows(1000, false)).isEqualTo(RowChunking.DEFAULT_FORWARD_ROWS);
            assertThat(byDefault.chunkRows(48, true)).isEqualTo(48);
            assertThat(byDefault.toString()).isEqualTo("RowChunking[gradient 64 rows, forward 128 rows]");
        }
        System.setProperty(RowChunking.PROPERTY, "default");
        assertThat(RowChunking.configured("k").chunkRows(1000, false)).isEqualTo(RowChunking.DEFAULT_FORWARD_ROWS);
        System.setProperty(RowChunking.PROPERTY, "lots");
        assertThatThrownBy(() -> RowChunking.configured("k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probe.chunk")
                .hasMessageContaining("default, auto, off or a positive number");
        assertThatThrownBy(() -> RowChunking.fixed(0)).hasMessageContaining("must be positive");
    }

    @Test
    void tunedChunkingSharesTimingsPerPipelineAndSplitsLargeCallsOnly() {
        RowChunking a = RowChunking.tuned("pipeline-test");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = batch(m, 256, 6);
            for (int i = 0; i < 12; i++) {
                a.valueAndGradient(x, NET);
            }
        }
        RowChunking b = RowChunking.tuned("pipeline-test");
        int chosen = b.chunkRows(256, true);
        assertThat(chosen).isIn(16, 32, 64, 128, 256);
        assertThat(b.chunkRows(40, true)).as("32 rows in one chunk, the last 8 on their own").isEqualTo(32);
        assertThat(b.chunkRows(48, true)).isEqualTo(48);
        assertThat(b.toString()).contains("256:");
    }
}
