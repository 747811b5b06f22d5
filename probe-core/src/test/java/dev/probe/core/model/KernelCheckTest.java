package dev.probe.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;

class KernelCheckTest {

    /** Channel counts that are multiples of 16 take no padded kernels: engine and Java agree on any machine. */
    @Test
    void javaReferenceAgreesWithTheEngineOnAlignedChannels() {
        assertThat(KernelCheck.worstDifference(KernelCheck.Pass.FORWARD, 16, 16)).isLessThanOrEqualTo(KernelCheck.TOLERANCE);
        assertThat(KernelCheck.worstDifference(KernelCheck.Pass.INPUT_GRADIENT, 16, 16))
                .isLessThanOrEqualTo(KernelCheck.TOLERANCE);
        assertThat(KernelCheck.worstDifference(KernelCheck.Pass.INPUT_GRADIENT, 1, 32))
                .isLessThanOrEqualTo(KernelCheck.TOLERANCE);
    }

    @Test
    void resultIsComputedOnceAndAgreesWithItsCases() {
        KernelCheck.Result r = KernelCheck.result();
        assertThat(KernelCheck.result()).isSameAs(r);
        boolean casesSound = KernelCheck.worstDifference(KernelCheck.Pass.FORWARD, 20, 4) <= KernelCheck.TOLERANCE
                && KernelCheck.worstDifference(KernelCheck.Pass.FORWARD, 17, 4) <= KernelCheck.TOLERANCE
                && KernelCheck.worstDifference(KernelCheck.Pass.INPUT_GRADIENT, 2, 1) <= KernelCheck.TOLERANCE
                && KernelCheck.worstDifference(KernelCheck.Pass.INPUT_GRADIENT, 2, 20) <= KernelCheck.TOLERANCE;
        // the faulty kernels read uninitialised memory, so a case can pass by chance: only a pass is compared
        if (r.sound()) {
            assertThat(casesSound).as("a re-run of the cases of a sound check").isTrue();
        }
        assertThat(r.failures().isEmpty()).isEqualTo(r.sound());
        if (!r.sound()) {
            assertThat(r.describe()).contains("ONEDNN_MAX_CPU_ISA=SSE41");
        }
    }

    private static Block lenetLike(NDManager m, boolean aligned) {
        Conv2d.Builder first = Conv2d.builder().setFilters(20).setKernelShape(new Shape(5, 5));
        Conv2d.Builder second = Conv2d.builder().setFilters(50).setKernelShape(new Shape(5, 5));
        SequentialBlock b = new SequentialBlock()
                .add(aligned ? AlignedConv2d.of(first) : first.build()).add(Activation::relu)
                .add(aligned ? AlignedConv2d.of(second) : second.build()).add(Activation::relu)
                .add(ai.djl.nn.Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(3).build());
        b.initialize(m, DataType.FLOAT32, new Shape(1, 1, 12, 12));
        return b;
    }

    @Test
    void findsTheConvolutionWeightsThatNeedPaddedChannels() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(KernelCheck.unalignedConvolutions(lenetLike(m, false))).hasSize(2)
                    .anySatisfy(l -> assertThat(l).contains("Conv2d").endsWith("weight (20, 1, 5, 5)"))
                    .anySatisfy(l -> assertThat(l).endsWith("weight (50, 20, 5, 5)"));
            assertThat(KernelCheck.unalignedConvolutions(lenetLike(m, true))).isEmpty();
            SequentialBlock aligned = new SequentialBlock()
                    .add(Conv2d.builder().setFilters(32).setKernelShape(new Shape(3, 3)).build())
                    .add(Conv2d.builder().setFilters(64).setKernelShape(new Shape(3, 3)).build())
                    .add(ai.djl.nn.Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(5).build());
            aligned.initialize(m, DataType.FLOAT32, new Shape(1, 1, 12, 12));
            assertThat(KernelCheck.unalignedConvolutions(aligned)).as("1 -> 32 -> 64 channels, and a linear layer").isEmpty();
        }
    }

    @Test
    void refusesAModelWithSuchLayersExactlyOnAnUnsoundMachine() {
        String before = System.getProperty(KernelCheck.PROPERTY);
        try (NDManager m = NDManager.newBaseManager()) {
            Block plain = lenetLike(m, false);
            System.clearProperty(KernelCheck.PROPERTY);
            if (KernelCheck.result().sound()) {
                KernelCheck.ensure("lenet", plain);
            } else {
                assertThatThrownBy(() -> KernelCheck.ensure("lenet", plain)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("Model 'lenet'").hasMessageContaining("(50, 20, 5, 5)")
                        .hasMessageContaining("ONEDNN_MAX_CPU_ISA=SSE41").hasMessageContaining("AlignedConv2d");
            }
            KernelCheck.ensure("aligned lenet", lenetLike(m, true));
            System.setProperty(KernelCheck.PROPERTY, "warn");
            KernelCheck.ensure("lenet", plain);
            System.setProperty(KernelCheck.PROPERTY, "off");
            KernelCheck.ensure("lenet", plain);
            System.setProperty(KernelCheck.PROPERTY, "sometimes");
            assertThatThrownBy(() -> KernelCheck.ensure("lenet", plain)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fail, warn or off");
        } finally {
            if (before == null) {
                System.clearProperty(KernelCheck.PROPERTY);
            } else {
                System.setProperty(KernelCheck.PROPERTY, before);
            }
        }
    }
}
