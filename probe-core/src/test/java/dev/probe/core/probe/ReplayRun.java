package dev.probe.core.probe;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.query.Ambivalent;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.sampler.Hmc;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.LatentSpace;
import java.util.Arrays;
import java.util.Locale;

/**
 * One same-seed probe run (MALA and HMC, warm-up adaptation included) printing a fingerprint of every sample
 * bit and the tuned step sizes; {@link ReplayAcrossJvmsTest} runs it in separate JVMs and compares.
 */
public final class ReplayRun {
    private ReplayRun() {}

    public static void main(String[] args) {
        System.out.println(fingerprint());
    }

    static String fingerprint() {
        Engine.getInstance().setRandomSeed(5); // the networks' initial weights
        try (Model decoderModel = Model.newInstance("decoder"); Model classifierModel = Model.newInstance("classifier")) {
            SequentialBlock decoder = new SequentialBlock().add(Linear.builder().setUnits(64).build())
                    .add(Activation.tanhBlock()).add(Linear.builder().setUnits(10).build()).add(Activation.sigmoidBlock());
            decoder.initialize(decoderModel.getNDManager(), DataType.FLOAT32, new Shape(1, 3));
            decoderModel.setBlock(decoder);
            SequentialBlock classifier = new SequentialBlock().add(Linear.builder().setUnits(32).build())
                    .add(Activation.reluBlock()).add(Linear.builder().setUnits(4).build());
            classifier.initialize(classifierModel.getNDManager(), DataType.FLOAT32, new Shape(1, 10));
            classifierModel.setBlock(classifier);
            Probe probe = Probe.of(LatentSpace.standardNormal(DjlBlockFunction.of(decoderModel, new Shape(3))),
                    Ambivalent.between(Classifier.fromLogits(DjlBlockFunction.of(classifierModel, new Shape(10))), 0, 1));
            SamplerConfig config = SamplerConfig.builder().chains(8).warmup(100).draws(50).seed(20261130L).build();
            ProbeResult mala = probe.sample(config, probe.defaultKernel());
            ProbeResult hmc = probe.sample(config, Hmc.of(0.1, 4));
            ProbeResult smc = probe.sample(config, Sampling.populations(
                    dev.probe.core.population.SmcConfig.builder().particles(32).populations(2).seed(config.seed()).build()));
            return String.format(Locale.ROOT, "mala %08x h=%s | hmc %08x eps=%s | smc %08x log Z=%s",
                    Arrays.deepHashCode(mala.latents()), Double.toHexString(mala.diagnostics().stepSize()),
                    Arrays.deepHashCode(hmc.latents()), Double.toHexString(hmc.diagnostics().stepSize()),
                    Arrays.deepHashCode(smc.latents()), Double.toHexString(smc.priorMass().orElseThrow().logMass()));
        }
    }
}
