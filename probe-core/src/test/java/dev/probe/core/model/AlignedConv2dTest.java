package dev.probe.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import dev.probe.core.autograd.Autograd;
import dev.probe.core.autograd.ValueAndGradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link AlignedConv2d} computes DJL's convolution of its own parameters, values and input gradients, on any
 * machine. The reference is the same convolution in float64, which libtorch computes without oneDNN (so
 * without the channel-tail fault {@code KernelCheck} looks for).
 */
class AlignedConv2dTest {

    @ParameterizedTest(name = "{0} -> {1} channels, {2}x{2} kernel, padding {3}")
    @CsvSource({"1, 20, 5, 0", "20, 50, 5, 0", "16, 1, 3, 1", "32, 16, 3, 1"})
    void equalsTheUnpaddedConvolutionInValueAndInputGradient(int channels, int filters, int kernel, int padding) {
        int side = 12;
        try (NDManager m = NDManager.newBaseManager()) {
            Conv2d conv = AlignedConv2d.of(Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                    .optPadding(new Shape(padding, padding)));
            conv.initialize(m, DataType.FLOAT32, new Shape(1, channels, side, side));
            NDArray weight = conv.getParameters().get("weight").getArray();
            NDArray bias = conv.getParameters().get("bias").getArray();
            float[] weightBefore = weight.toFloatArray();
            m.getEngine().setRandomSeed(7);
            NDArray x = m.randomUniform(0, 1, new Shape(3, channels * side * side));
            long out = conv.getOutputShapes(new Shape[] {new Shape(3, channels, side, side)})[0].size() / 3;
            NDArray readout = m.randomNormal(new Shape(3, out));

            ValueAndGradient aligned = Autograd.valueAndGradient(x, z -> conv.forward(new ParameterStore(m, false),
                    new NDList(z.reshape(3, channels, side, side)), false).singletonOrThrow()
                    .reshape(3, out).mul(readout).sum(new int[] {1}));
            NDArray w64 = weight.toType(DataType.FLOAT64, true);
            NDArray b64 = bias.toType(DataType.FLOAT64, true);
            NDArray r64 = readout.toType(DataType.FLOAT64, true);
            ValueAndGradient reference = Autograd.valueAndGradient(x.toType(DataType.FLOAT64, true), z -> Conv2d.conv2d(
                    z.reshape(3, channels, side, side), w64, b64, new Shape(1, 1), new Shape(padding, padding))
                    .singletonOrThrow().reshape(3, out).mul(r64).sum(new int[] {1}));

            assertClose(aligned.value().toType(DataType.FLOAT64, false).toDoubleArray(), reference.value().toDoubleArray());
            assertClose(aligned.gradient().toType(DataType.FLOAT64, false).toDoubleArray(),
                    reference.gradient().toDoubleArray());
            assertThat(weight.getShape()).isEqualTo(new Shape(filters, channels, kernel, kernel));
            assertThat(weight.toFloatArray()).as("parameters untouched by the padding").containsExactly(weightBefore);
        }
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-4 * scale));
        }
    }

    @org.junit.jupiter.api.Test
    void refusesGroupedConvolutions() {
        assertThatThrownBy(() -> AlignedConv2d.of(Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3)).optGroups(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups = 1");
    }
}
