package dev.probe.core.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.sampler.ChainRandom;
import org.junit.jupiter.api.Test;

/** The procedural space: attributes, uniform prior, renderer push-forward, the mixed proposal and its errors. */
class ProceduralSpaceTest {
    private static final ProceduralSpace SHAPES = ProceduralSpace.builder("shapes")
            .categorical("kind", 3).continuous("grey", 0.3, 1).continuous("x", 0, 16).continuous("y", 0, 16)
            .continuous("r", 2, 6).renderer(Shapes.SIDE * Shapes.SIDE, Shapes::render).build();

    @Test
    void coordinatesAreTheAttributesInOrderWithCategoriesAsWholeNumbers() {
        assertThat(SHAPES.dimension()).isEqualTo(5);
        assertThat(SHAPES.inputDimension()).isEqualTo(256);
        assertThat(SHAPES.attributes()).containsExactly("kind", "grey", "x", "y", "r");
        assertThat(SHAPES.indexOf("y")).isEqualTo(3);
        assertThat(SHAPES.levels(0)).isEqualTo(3);
        assertThat(SHAPES.bounds().lower(0)).isZero();
        assertThat(SHAPES.bounds().upper(0)).isEqualTo(2);
        assertThat(SHAPES.hasDiscreteCoordinates()).isTrue();
        assertThat(SHAPES.isDifferentiable()).isFalse();
        double[][] starts = SHAPES.initialPositions(200, new ChainRandom(3));
        for (double[] s : starts) {
            assertThat(s[0]).isIn(0.0, 1.0, 2.0);
            assertThat(s[1]).isBetween(0.3, 1.0);
            assertThat(s[4]).isBetween(2.0, 6.0);
        }
        assertThat(SHAPES.describe()).contains("kind ∈ {0..2}").contains("x ∈ [0.0, 16.0]");
    }

    /**
     * Kernels that move every coordinate continuously are refused on a procedural space: smoothed MALA handed a new
     * user's renderer the category 2.80, and the renderer's message told the user to pass whole numbers.
     */
    @Test
    void continuousKernelsAreRefusedOnDiscreteCoordinates() {
        var probe = dev.probe.core.probe.Probe.of(SHAPES, dev.probe.core.query.HighConfidence.of(Shapes.classifier(), 1));
        var config = dev.probe.core.sampler.SamplerConfig.builder().chains(4).warmup(10).draws(10).seed(5).build();
        assertThatThrownBy(() -> probe.sample(config, dev.probe.core.sampler.SmoothedMala.of(0.01, 0.5, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SmoothedMALA moves every coordinate continuously, but ProceduralSpace[shapes")
                .hasMessageContaining("RandomWalkMetropolis.of(space.proposal(), 0.5)");
        assertThatThrownBy(() -> probe.samplePopulations(config, dev.probe.core.probe.Sampling.populations(null,
                dev.probe.core.sampler.Mala.of(0.1)))).hasMessageStartingWith("MALA moves every coordinate continuously");
        assertThat(probe.sample(config, probe.defaultKernel()).size()).isEqualTo(40);
    }

    @Test
    void rendererDrawsTheShapesAndTensorAndArrayPathsAgree() {
        double[] square = SHAPES.render(new double[] {0, 0.5, 8, 8, 2});
        // pixel centres j + ½ within 2 of 8: columns and rows 6..9, a 4 x 4 block of grey 0.5
        assertThat(java.util.Arrays.stream(square).filter(v -> v == 0.5).count()).isEqualTo(16);
        assertThat(square[6 * 16 + 6]).isEqualTo(0.5);
        assertThat(square[5 * 16 + 6]).isZero();
        double[] roundedKind = SHAPES.render(new double[] {0.8, 0.5, 8, 8, 2}); // categorical value 0.8 is category 1
        assertThat(roundedKind).isEqualTo(SHAPES.render(new double[] {1, 0.5, 8, 8, 2}));
        double[][] rows = {{0, 0.5, 8, 8, 2}, {1, 0.9, 3.5, 12, 3}, {2, 0.7, 8, 8, 5}};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = SHAPES.toInput(m.create(new float[] {0, 0.5f, 8, 8, 2, 1, 0.9f, 3.5f, 12, 3, 2, 0.7f, 8, 8, 5},
                    new Shape(3, 5)));
            float[] flat = x.toFloatArray();
            double[][] expected = SHAPES.toInputs(rows);
            for (int r = 0; r < 3; r++) {
                for (int j = 0; j < 256; j++) {
                    assertThat((double) flat[r * 256 + j]).isCloseTo(expected[r][j], org.assertj.core.api.Assertions.within(1e-6));
                }
            }
        }
    }

    @Test
    void theClassifierIsRightOnWholeShapes() {
        ChainRandom random = new ChainRandom(17);
        var classifier = Shapes.classifier();
        int n = 3000;
        double[][] images = new double[n][];
        int[] kinds = new int[n];
        for (int i = 0; i < n; i++) {
            double r = 2 + 4 * random.nextDouble();
            kinds[i] = random.nextInt(3);
            // whole shapes: the centre at least r + 0.5 from every border
            double x = r + 0.5 + (15 - 2 * r) * random.nextDouble();
            double y = r + 0.5 + (15 - 2 * r) * random.nextDouble();
            images[i] = Shapes.render(new double[] {kinds[i], 0.3 + 0.7 * random.nextDouble(), x, y, r});
        }
        double[][] p = classifier.outputs(images);
        int right = 0;
        for (int i = 0; i < n; i++) {
            int best = p[i][0] >= p[i][1] && p[i][0] >= p[i][2] ? 0 : p[i][1] >= p[i][2] ? 1 : 2;
            right += best == kinds[i] ? 1 : 0;
        }
        System.out.println("classifier accuracy on whole shapes: " + right + "/" + n);
        assertThat(right / (double) n).isGreaterThan(0.9);
    }

    @Test
    void badDefinitionsNameTheirFix() {
        assertThatThrownBy(() -> ProceduralSpace.builder("g").categorical("k", 1)).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> ProceduralSpace.builder("g").continuous("x", 1, 1)).hasMessageContaining("lo < hi");
        assertThatThrownBy(() -> ProceduralSpace.builder("g").continuous("x", 0, 1).continuous("x", 0, 2))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> ProceduralSpace.builder("g").continuous("x", 0, 1).build()).hasMessageContaining("renderer(");
        ProceduralSpace wrong = ProceduralSpace.builder("g").continuous("x", 0, 1).renderer(3, a -> new double[2]).build();
        assertThatThrownBy(() -> wrong.render(new double[] {0.5})).hasMessageContaining("returned 2 values")
                .hasMessageContaining("declares 3");
    }

    @Test
    void attributesOutsideTheSpaceAreRefusedNotDrawnAsAnotherScene() {
        // a user replaying attributes from a log got kind 7 drawn as kind 2, NaN as kind 0, and r = 9 drawn unchecked
        assertThatThrownBy(() -> SHAPES.render(new double[] {7, 0.5, 8, 8, 2})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Attribute 'kind' of 'shapes' is categorical with values 0..2 but got 7.0");
        assertThatThrownBy(() -> SHAPES.render(new double[] {-1, 0.5, 8, 8, 2})).hasMessageContaining("got -1.0");
        assertThatThrownBy(() -> SHAPES.render(new double[] {Double.NaN, 0.5, 8, 8, 2})).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> SHAPES.toInputs(new double[][] {{0, 0.5, 8, 8, 2}, {1, 0.5, 8, 8, 9}}))
                .hasMessageContaining("Attribute 'r' of 'shapes' is continuous on [2.0, 6.0] but got 9.0");
        assertThatThrownBy(() -> SHAPES.render(new double[] {1, Double.NaN, 8, 8, 2})).hasMessageContaining("'grey'");
        // the bounds themselves, a category rounded from within half a step, and a bound's float32 rounding are drawn
        assertThat(SHAPES.render(new double[] {2.4, 1, 16, 0, 6})).isEqualTo(SHAPES.render(new double[] {2, 1, 16, 0, 6}));
        assertThat(SHAPES.render(new double[] {0, (float) 0.3, 8, 8, 2})).hasSize(256);
        // the tensor path carries float32 values of the bounds: 0.3f lies above 0.3 by 1.2e-8, inside the slack
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(SHAPES.toInput(m.create(new float[] {2, 0.3f, 16, 0, 6}, new Shape(1, 5))).getShape())
                    .isEqualTo(new Shape(1, 256));
        }
        assertThat(SHAPES.coordinateNames()).as("plots and samples.csv name the attributes")
                .containsExactly("kind", "grey", "x", "y", "r");
    }

    @Test
    void renderThreadsGiveTheSameInputsAndTheRenderersOwnErrors() {
        ProceduralSpace threaded = ProceduralSpace.builder("shapes")
                .categorical("kind", 3).continuous("grey", 0.3, 1).continuous("x", 0, 16).continuous("y", 0, 16)
                .continuous("r", 2, 6).renderer(Shapes.SIDE * Shapes.SIDE, Shapes::render).renderThreads(3).build();
        double[][] rows = SHAPES.priorDraws(101, new ChainRandom(5));
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ProceduralSpace recording = ProceduralSpace.builder("where").continuous("x", 0, 1).renderer(1, a -> {
            threads.add(Thread.currentThread().getName());
            return new double[] {a[0]};
        }).renderThreads(2).build();
        recording.toInputs(new double[64][1]);
        assertThat(threads).as("rows rendered off the caller's thread").isNotEmpty()
                .doesNotContain(Thread.currentThread().getName());
        assertThat(threaded.toInputs(rows)).isDeepEqualTo(SHAPES.toInputs(rows));
        try (NDManager m = NDManager.newBaseManager()) {
            float[] flat = new float[rows.length * 5];
            for (int r = 0; r < rows.length; r++) {
                for (int k = 0; k < 5; k++) {
                    flat[r * 5 + k] = (float) rows[r][k];
                }
            }
            NDArray x = m.create(flat, new Shape(rows.length, 5));
            assertThat(threaded.toInput(x).toFloatArray()).isEqualTo(SHAPES.toInput(x).toFloatArray());
        }
        ProceduralSpace failing = ProceduralSpace.builder("g").continuous("x", 0, 1).renderer(1, a -> {
            if (a[0] > 0.5) {
                throw new IllegalArgumentException("no scene at x = " + a[0]);
            }
            return new double[] {a[0]};
        }).renderThreads(2).build();
        // the renderer's own error, from its thread, with the generator and the attributes it threw at
        assertThatThrownBy(() -> failing.toInputs(new double[][] {{0.1}, {0.2}, {0.7}})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The renderer of 'g' threw java.lang.IllegalArgumentException: no scene at x = 0.7 "
                        + "at the attributes x = 0.7").hasRootCauseMessage("no scene at x = 0.7");
        assertThatThrownBy(() -> ProceduralSpace.builder("g").renderThreads(0)).hasMessageContaining("at least 1");
    }

    @Test
    void aRendererThatDrawsNaNIsNamedWithTheAttributesItDrewItAt() {
        // the model's own check named only "input feature 1 of row 2 of a batch of 3", not the scene
        ProceduralSpace nan = ProceduralSpace.builder("g").categorical("shape", 3).continuous("b", 0, 1)
                .renderer(2, a -> new double[] {a[0], a[1] > 0.9 ? Double.NaN : a[1]}).build();
        assertThatThrownBy(() -> nan.toInputs(new double[][] {{0, 0.1}, {1, 0.5}, {2, 0.95}}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The renderer of 'g' returned NaN at input feature 1 for the attributes shape = 2.0, b = 0.95. "
                        + "Make it draw finite values for every attribute vector inside the space's bounds, or narrow the "
                        + "bounds (categories, ranges) to what it can draw.");
    }
}
