package dev.probe.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.RowChunking;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.probe.Probe;
import dev.probe.core.query.Ambivalent;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.query.Query;
import dev.probe.core.query.TargetConfidence;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.Energy;
import dev.probe.core.space.LatentSpace;
import dev.probe.examples.models.BundledModel;
import dev.probe.examples.models.BundledModels;
import dev.probe.examples.models.LoadedModel;
import java.util.List;
import java.util.function.Function;

/**
 * One of the example suite's probes as a benchmark workload: the bundled MNIST VAE decoder (5 → 400 → 784)
 * and the bundled MNIST CNN (paper 000, Table 3), with the suite's queries (MnistLevelSetsTest).
 */
record Workload(String name, Probe probe) {
    /** Forward FLOPs per row: decoder 2·(5·400 + 400·784), CNN conv 2·26²·32·9 + 2·24²·64·288, FC 2·9216·128 + 2·128·10. */
    static final double FORWARD_FLOPS = 2.0 * (5 * 400 + 400 * 784)
            + 2.0 * 26 * 26 * 32 * 9 + 2.0 * 24 * 24 * 64 * 32 * 9 + 2.0 * 9216 * 128 + 2.0 * 128 * 10;
    /**
     * FLOPs per row of a forward+backward pass: parameters are frozen, so backward computes only input
     * gradients, which cost what the forward pass of each convolution and linear layer costs.
     */
    static final double FORWARD_BACKWARD_FLOPS = 2 * FORWARD_FLOPS;

    /** The suite's three MNIST level-set probes: high confidence (class 3), ambivalent 1 vs 7, interpolation 8→9 midpoint. */
    static List<Workload> suite(LoadedModel cnnModel, LoadedModel vaeModel) {
        Classifier cnn = Classifier.fromLogits(DjlBlockFunction.of(cnnModel.model(), new Shape(1, 28, 28)));
        LatentSpace space = LatentSpace.standardNormal(
                DjlBlockFunction.of("mnist-vae-decoder", vaeModel.model(), vaeModel.decoder(), new Shape(5)));
        return List.of(
                new Workload("high confidence 3", Probe.of(space, HighConfidence.of(cnn, 3))),
                new Workload("ambivalent 1 vs 7", Probe.of(space, Ambivalent.between(cnn, 1, 7).withSigmas(0.1, 0.1))),
                new Workload("interpolation 8→9 5/10",
                        Probe.of(space, TargetConfidence.of(cnn, TargetConfidence.interpolation(10, 8, 9, 11).get(5)))));
    }

    static LoadedModel load(BundledModel m) {
        return BundledModels.load(m);
    }

    /** The probe's energy {@code |z|²/2 + G(g(z))} with large batches split by {@code chunking}. */
    Energy energy(RowChunking chunking) {
        Query query = probe.query();
        Function<NDArray, NDArray> u = s -> probe.space().priorEnergy(s).add(query.energy(probe.space().toInput(s)));
        return Energies.differentiable(probe.space().dimension(), u, chunking);
    }
}
