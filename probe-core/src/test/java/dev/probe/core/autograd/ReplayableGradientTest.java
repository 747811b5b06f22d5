package dev.probe.core.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.probe.Probe;
import dev.probe.core.query.Ambivalent;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.EnergyGradient;
import dev.probe.core.space.LatentSpace;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradients through DJL autograd are replayable: DJL 0.35.1 frees the scalars of {@code x.mul(2)} while the
 * graph still reads them, which made 1–3 in 5,000 gradients wrong (NaN, ±1e9, or plausible) before
 * {@link GraphMemoryGuard}.
 */
class ReplayableGradientTest {

    @Test
    void scalarsClosedDuringTheForwardPassAreKeptUntilTheGuardCloses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDManager scratch = manager.newSubManager();
            GraphMemoryGuard guard = GraphMemoryGuard.install(scratch);
            NDArray x = scratch.create(new float[] {1, 2, 3});
            x.mul(2).div(3).add(1);
            NDManager nested = scratch.newSubManager();
            nested.create(new float[] {4}).close();
            assertThat(GraphMemoryGuard.supported()).isTrue();
            assertThat(guard.retained()).as("scalars of mul, div, add and the nested array").isEqualTo(4);
            guard.close();
            assertThat(guard.retained()).isZero();
            scratch.close();
        }
    }

    @Test
    void theBackwardPassReadsTheMemoryOfAScalarDjlHasAlreadyClosed() {
        try (NDManager manager = NDManager.newBaseManager();
                NDManager scratch = manager.newSubManager();
                GraphMemoryGuard guard = GraphMemoryGuard.install(scratch);
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray x = scratch.create(new float[] {1, 2});
            x.setRequiresGradient(true);
            NDArray y = x.mul(3f); // DJL creates the scalar 3 from a Java buffer, multiplies, and closes it
            assertThat(guard.retainedBuffers()).hasSize(1);
            guard.retainedBuffers().get(0).putFloat(0, 100f); // what a reuse of the freed memory does
            collector.backward(y.sum());
            assertThat(x.getGradient().toFloatArray()).as("dy/dx read from the closed scalar").containsExactly(100f, 100f);
        }
    }

    @Test
    void repeatedGradientsOfAProbeEnergyAreBitwiseIdentical() {
        Engine.getInstance().setRandomSeed(11);
        try (Model decoderModel = Model.newInstance("decoder"); Model classifierModel = Model.newInstance("classifier");
                NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock decoder = new SequentialBlock().add(Linear.builder().setUnits(32).build())
                    .add(Activation.tanhBlock()).add(Linear.builder().setUnits(6).build()).add(Activation.sigmoidBlock());
            decoder.initialize(decoderModel.getNDManager(), DataType.FLOAT32, new Shape(1, 3));
            decoderModel.setBlock(decoder);
            SequentialBlock classifier = new SequentialBlock().add(Linear.builder().setUnits(16).build())
                    .add(Activation.reluBlock()).add(Linear.builder().setUnits(4).build());
            classifier.initialize(classifierModel.getNDManager(), DataType.FLOAT32, new Shape(1, 6));
            classifierModel.setBlock(classifier);
            Classifier c = Classifier.fromLogits(DjlBlockFunction.of(classifierModel, new Shape(6)));
            LatentSpace space = LatentSpace.standardNormal(DjlBlockFunction.of(decoderModel, new Shape(3)));
            Energy energy = Probe.of(space, Ambivalent.between(c, 1, 2)).energy();
            NDArray x = manager.create(new float[] {0.3f, -1.2f, 0.8f, 1.5f, 0.1f, -0.4f, -2f, 0.7f, 0.2f}, new Shape(3, 3));

            float[][] first = evaluate(energy, x);
            List<ByteBuffer> pressure = new ArrayList<>();
            int deviations = 0;
            for (int i = 0; i < 10_000; i++) {
                if (i % 250 == 0) {
                    pressure.clear();
                    System.gc();
                }
                pressure.add(ByteBuffer.allocateDirect(4 + i % 64)); // churn the allocator the scalars come from
                float[][] again = evaluate(energy, x);
                if (!Arrays.equals(first[0], again[0]) || !Arrays.equals(first[1], again[1])) {
                    deviations++;
                }
            }
            assertThat(deviations).as("gradient evaluations differing from the first of 10,000").isZero();
            assertThat(manager.getManagedArrays()).hasSize(1);
        }
    }

    private static float[][] evaluate(Energy energy, NDArray x) {
        try (NDManager step = x.getManager().newSubManager()) {
            EnergyGradient eg = energy.valueAndGradient(x);
            eg.value().attach(step);
            eg.gradient().attach(step);
            return new float[][] {eg.value().toFloatArray(), eg.gradient().toFloatArray()};
        }
    }
}
