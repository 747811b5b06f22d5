package dev.probe.core.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.TestModels;
import dev.probe.core.model.TorchScriptFunction;
import org.junit.jupiter.api.Test;

/** Input and latent spaces: fixed features, one-hot groups, scales, and the push-forward through a decoder. */
class SpacesTest {
    private static final InputSpace TABULAR = InputSpace.builder(5)
            .bounds(new double[] {0, 0, 0, 0, 18}, new double[] {10, 1, 1, 1, 90})
            .oneHot(1, 2, 3)
            .fix(4, 45)
            .scale(0, 2.5)
            .anchor(new double[] {5, 0, 1, 0, 45})
            .build();

    @Test
    void aProceduralSpacesFeatureNamesAreOnePerRenderedFeature() {
        ProceduralSpace.Builder b = ProceduralSpace.builder("p").continuous("a", 0, 1).renderer(2, a -> new double[] {a[0], 1});
        org.assertj.core.api.Assertions.assertThat(b.build().featureNames()).containsExactly("x_0", "x_1");
        org.assertj.core.api.Assertions.assertThat(b.featureNames("income", "age").build().featureNames())
                .containsExactly("income", "age");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.featureNames("income").build())
                .hasMessage("Generator 'p' names 1 features [income] but its renderer makes 2. Give one name per rendered "
                        + "feature.");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.featureNames("a", "a"))
                .hasMessageContaining("non-blank and distinct");
    }

    @Test
    void aOneHotColumnWhoseBoundsExcludeZeroOrOneIsRefused() {
        // bounds of a one-hot column are not used; ones that exclude 0 or 1 say the group lists other columns than meant
        // (a user's swapped indices put age [18, 90] in the group, and nothing said so)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InputSpace.builder(4)
                .bounds(new double[] {0, 18, 0, 0}, new double[] {10, 90, 1, 1}).names("debt", "age", "a", "b")
                .oneHot(1, 2, 3).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Feature 1 ('age') is in the one-hot group [1, 2, 3], so it takes 0 or 1, but its bounds "
                        + "are [18.0, 90.0]. Check the group's column indices");
        // unbounded, or [0, 1], columns are fine
        assertThat(InputSpace.builder(4).bound(0, 0, 10).oneHot(1, 2, 3).build().dimension()).isEqualTo(2);
        // a boolean marked as a one-column group: told where whole-number features are sampled as such (a new user's)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InputSpace.builder(4).oneHot(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs at least 2 columns, got [3]")
                .hasMessageContaining("describe the row as a ProceduralSpace (categorical(name, 2) for a boolean");
    }

    @Test
    void inputFeaturesCanBeNamedForReports() {
        // a tabular user's features plot said x_0..x_4
        InputSpace named = InputSpace.builder(2).bounds(new double[] {10, 0}, new double[] {200, 1}).names("income", "debt ratio")
                .build();
        assertThat(named.featureNames()).containsExactly("income", "debt ratio");
        assertThat(InputSpace.box(new double[] {0, 0}, new double[] {1, 1}).featureNames()).containsExactly("x_0", "x_1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InputSpace.builder(2).names("income"))
                .hasMessageContaining("Got 1 feature names for 2 features");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InputSpace.builder(2).names("income", " "))
                .hasMessageContaining("Feature 1 has no name");
    }

    @Test
    void fixedFeaturesAreNotSampledAndOneHotGroupsAreOneCoordinate() {
        assertThat(TABULAR.dimension()).isEqualTo(2);
        assertThat(TABULAR.inputDimension()).isEqualTo(5);
        assertThat(TABULAR.bounds().lower()).containsExactly(0, -0.5);
        assertThat(TABULAR.bounds().upper()).containsExactly(4, 2.5);
        assertThat(TABULAR.toCoordinates(TABULAR.anchor())).containsExactly(2, 1);
    }

    @Test
    void tensorAndArrayPushForwardsAgreeAndKeepOneHotValid() {
        double[][] s = {{2, 1}, {0.4, 2.4}, {3.9, -0.4}, {1, 0.49}};
        double[][] expected = {{5, 0, 1, 0, 45}, {1, 0, 0, 1, 45}, {9.75, 1, 0, 0, 45}, {2.5, 1, 0, 0, 45}};
        double[][] x = TABULAR.toInputs(s);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] flat = new float[8];
            for (int r = 0; r < 4; r++) {
                flat[2 * r] = (float) s[r][0];
                flat[2 * r + 1] = (float) s[r][1];
            }
            float[] tensor = TABULAR.toInput(m.create(flat, new Shape(4, 2))).toFloatArray();
            for (int r = 0; r < 4; r++) {
                for (int k = 0; k < 5; k++) {
                    assertThat(x[r][k]).isCloseTo(expected[r][k], within(1e-6));
                    assertThat((double) tensor[r * 5 + k]).isCloseTo(expected[r][k], within(1e-5));
                }
            }
        }
    }

    @Test
    void aDecoderOfNoLatentCoordinatesIsRefusedNamingTheShape() {
        // loaded with new Shape(0), it was accepted, then sampling threw a bare "/ by zero" (a new user's)
        // a decoder that ignores its input (the user's gave constant images)
        ai.djl.nn.Block constant = new ai.djl.nn.LambdaBlock(in -> {
            NDArray z = in.singletonOrThrow();
            return new ai.djl.ndarray.NDList(z.sum(new int[] {1}, true).add(z.getManager().ones(new Shape(z.getShape().get(0), 4))));
        });
        try (ai.djl.Model owner = ai.djl.Model.newInstance("constant")) {
            owner.setBlock(constant);
            dev.probe.core.model.DjlBlockFunction decoder = dev.probe.core.model.DjlBlockFunction.of("constant", owner,
                    constant, new Shape(0));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LatentSpace.standardNormal(decoder))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Decoder 'constant' takes 0 latent coordinates: a latent space needs at least one")
                    .hasMessageContaining("e.g. new Shape(5)");
        }
    }

    @Test
    void latentSpacePushesThroughATorchScriptDecoderWithGradients() {
        try (TorchScriptFunction decoder = TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("decoder.pt"), new Shape(2))) {
            LatentSpace space = LatentSpace.standardNormal(decoder);
            assertThat(space.dimension()).isEqualTo(2);
            assertThat(space.inputDimension()).isEqualTo(4);
            double[] x = space.toInputs(new double[][] {{0.5, -1}})[0];
            // sigmoid(A z + c), A = [[1,0],[0,1],[1,1],[1,-1]], c = [0, 0.5, -0.5, 0.25]
            double[] pre = {0.5, -0.5, -1, 1.75};
            for (int k = 0; k < 4; k++) {
                assertThat(x[k]).isCloseTo(1 / (1 + Math.exp(-pre[k])), within(1e-6));
            }
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray z = m.create(new float[] {0.5f, -1f}, new Shape(1, 2));
                assertThat(space.priorEnergy(z).toFloatArray()[0]).isCloseTo(0.625f, within(1e-6f));
            }
        }
    }
}
