package dev.probe.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.probe.core.autograd.Autograd;
import dev.probe.core.autograd.ForwardOnly;
import dev.probe.core.autograd.ValueAndGradient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One-channel images reach the block as a channels-last view: same outputs and gradients as plain NCHW. */
class ImageInputTest {
    private static final Model MODEL = cnn();

    private static Model cnn() {
        Engine.getInstance().setRandomSeed(3);
        SequentialBlock block = new SequentialBlock()
                .add(Conv2d.builder().setFilters(16).setKernelShape(new Shape(3, 3)).build()) // 16: see KernelCheck
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
        Model model = Model.newInstance("tiny-cnn");
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 6, 5));
        model.setBlock(block);
        return model;
    }

    @AfterAll
    static void close() {
        MODEL.close();
    }

    @Test
    void channelsLastViewGivesTheNchwOutputsAndGradients() {
        DjlBlockFunction f = DjlBlockFunction.of(MODEL, new Shape(1, 6, 5));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(7, 30));
            ParameterStore ps = new ParameterStore(m, false);
            float[] nchw = MODEL.getBlock().forward(ps, new NDList(x.reshape(7, 1, 6, 5)), false).singletonOrThrow()
                    .toFloatArray();
            float[] viaAdapter = f.apply(x).toFloatArray();
            float[] forwardOnly = ForwardOnly.apply(x, f::apply).toFloatArray();
            for (int i = 0; i < nchw.length; i++) {
                assertThat(viaAdapter[i]).isCloseTo(nchw[i], within(1e-5f));
                assertThat(forwardOnly[i]).isCloseTo(nchw[i], within(1e-5f));
            }
            // gradient of output 2 with respect to pixel (row 0, pixel 13), against central differences
            ValueAndGradient vg = Autograd.valueAndGradient(x, z -> f.apply(z).get(":, 2"));
            double h = 1e-2;
            NDArray plus = x.get("0:1").duplicate();
            NDArray minus = x.get("0:1").duplicate();
            plus.setScalar(new ai.djl.ndarray.index.NDIndex(0, 13), plus.getFloat(0, 13) + (float) h);
            minus.setScalar(new ai.djl.ndarray.index.NDIndex(0, 13), minus.getFloat(0, 13) - (float) h);
            double fd = (f.apply(plus).getFloat(0, 2) - f.apply(minus).getFloat(0, 2)) / (2 * h);
            assertThat((double) vg.gradient().getFloat(0, 13)).isCloseTo(fd, within(1e-3 + 1e-2 * Math.abs(fd)));
            assertThat(vg.gradient().getShape()).isEqualTo(new Shape(7, 30));
        }
    }
}
