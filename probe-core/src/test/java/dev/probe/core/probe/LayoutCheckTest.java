package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.space.LatentSpace;
import org.junit.jupiter.api.Test;

/** A decoder and a classifier that agree on the number of values per input but not on their layout. */
class LayoutCheckTest {

    @Test
    void shapesThatHoldTheSameSizesInAnotherOrderAreTransposed() {
        assertThat(LayoutCheck.transposed(new Shape(3, 32, 32), new Shape(32, 32, 3))).isTrue();
        assertThat(LayoutCheck.transposed(new Shape(1, 8, 16), new Shape(16, 8))).isTrue();
        // one channel first or last is the same memory; a flat input is a reshape
        assertThat(LayoutCheck.transposed(new Shape(1, 28, 28), new Shape(28, 28, 1))).isFalse();
        assertThat(LayoutCheck.transposed(new Shape(3, 32, 32), new Shape(3072))).isFalse();
        assertThat(LayoutCheck.transposed(new Shape(3, 32, 32), new Shape(3, 32, 32))).isFalse();
    }

    @Test
    void aChannelsFirstDecoderBeforeAChannelsLastClassifierIsRefusedWhenTheProbeIsBuilt() {
        // a new user's (3, 32, 32) decoder before a classifier loaded with new Shape(32, 32, 3): 3,072 values either way,
        // every image scrambled, and the probe ended "not sampled" with advice to give more budget
        try (Model decoderModel = Model.newInstance("decoder"); Model a = Model.newInstance("hwc");
                Model b = Model.newInstance("chw"); Model c = Model.newInstance("flat")) {
            SequentialBlock decoder = new SequentialBlock().add(Linear.builder().setUnits(12).build())
                    .add(LambdaBlock.singleton(x -> x.reshape(-1, 3, 2, 2), "chw"));
            decoder.initialize(decoderModel.getNDManager(), DataType.FLOAT32, new Shape(1, 2));
            LatentSpace space = LatentSpace.standardNormal(DjlBlockFunction.of("decoder", decoderModel, decoder, new Shape(2)));
            Classifier channelsLast = classifier(a, new Shape(2, 2, 3));
            assertThatThrownBy(() -> Probe.of(space, HighConfidence.of(channelsLast, 0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Layout mismatch")
                    .hasMessageContaining("produces inputs of shape (3, 2, 2) but model 'hwc' takes (2, 2, 3)")
                    .hasMessageContaining("new Shape(3, 2, 2)");
            assertThat(Probe.of(space, HighConfidence.of(classifier(b, new Shape(3, 2, 2)), 0))).isNotNull();
            assertThat(Probe.of(space, HighConfidence.of(classifier(c, new Shape(12)), 0))).isNotNull();
            // sizes that differ name the shapes, not only the flattened counts (a user read "12288 features … 3072")
            try (Model d = Model.newInstance("small")) {
                Classifier small = classifier(d, new Shape(3, 1, 2));
                assertThatThrownBy(() -> Probe.of(space, HighConfidence.of(small, 0)))
                        .hasMessageContaining("produces inputs of 12 features but the query's models take 6")
                        .hasMessageContaining("(the decoder's outputs are (3, 2, 2), model 'small' takes (3, 1, 2))");
            }
        }
    }

    @Test
    void aDecoderFollowedByARescaleKeepsItsShapeAndIsStillChecked() {
        // a new user's channels-first decoder, wrapped in a TensorFunction of its own to rescale, reached a channels-last
        // classifier scrambled without a word: andThen keeps the shapes the decoder knows
        try (Model decoderModel = Model.newInstance("decoder"); Model a = Model.newInstance("hwc")) {
            SequentialBlock decoder = new SequentialBlock().add(Linear.builder().setUnits(12).build())
                    .add(LambdaBlock.singleton(x -> x.reshape(-1, 3, 2, 2).tanh(), "chw"));
            decoder.initialize(decoderModel.getNDManager(), DataType.FLOAT32, new Shape(1, 2));
            dev.probe.core.model.TensorFunction tanh = DjlBlockFunction.of("decoder", decoderModel, decoder, new Shape(2));
            dev.probe.core.model.TensorFunction pixels = tanh.andThen("to [0, 1]", x -> x.add(1).div(2));
            assertThat(pixels.name()).isEqualTo("decoder, to [0, 1]");
            assertThat(pixels.knownOutputShape()).hasValue(new Shape(3, 2, 2));
            assertThat(pixels.isDifferentiable()).isTrue();
            double[][] z = {{0.3, -1.2}, {2, 0.5}};
            double[][] before = tanh.evaluate(z);
            double[][] after = pixels.evaluate(z);
            for (int i = 0; i < z.length; i++) {
                for (int k = 0; k < 12; k++) {
                    assertThat(after[i][k]).isCloseTo((before[i][k] + 1) / 2, org.assertj.core.data.Offset.offset(1e-6));
                }
            }
            LatentSpace space = LatentSpace.standardNormal(pixels);
            assertThatThrownBy(() -> Probe.of(space, HighConfidence.of(classifier(a, new Shape(2, 2, 3)), 0)))
                    .hasMessageContaining("Layout mismatch")
                    .hasMessageContaining("produces inputs of shape (3, 2, 2) but model 'hwc' takes (2, 2, 3)");
            // a black box declares its layout with withSampleShape, and is checked too
            Classifier blackBox = Classifier.fromLogits(dev.probe.core.model.BlackBoxFunction.of("bb", 12, 2,
                    rows -> new double[rows.length][2]).withSampleShape(2, 2, 3));
            assertThatThrownBy(() -> Probe.of(space, HighConfidence.of(blackBox, 0))).hasMessageContaining(
                    "but model 'bb' takes (2, 2, 3)");
            // a step that changes the shape is not elementwise
            dev.probe.core.model.TensorFunction cut = tanh.andThen("first half", x -> x.get(":, :6"));
            assertThatThrownBy(() -> cut.evaluate(z)).hasMessageContaining("The step 'first half' after decoder turned "
                    + "outputs of shape (2, 12) into (2, 6): andThen takes an elementwise step that keeps the shape");
        }
    }

    private static Classifier classifier(Model model, Shape sample) {
        SequentialBlock block = new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(2).build());
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1).addAll(sample));
        return Classifier.fromLogits(DjlBlockFunction.of(model.getName(), model, block, sample));
    }
}
