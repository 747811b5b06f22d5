package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.TestModels;
import dev.probe.core.model.TorchScriptFunction;
import dev.probe.core.query.Ambivalent;
import dev.probe.core.query.FixedLabel;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.query.PredictionRisky;
import dev.probe.core.query.TargetConfidence;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import dev.probe.core.space.LatentSpace;
import org.junit.jupiter.api.Test;

/** Every bad input fails before sampling with a message naming the cause and the fix. */
class BadInputTest {
    private static final Classifier MODEL = TestModels.logisticRegression("logreg", new double[] {1, 1}, 0);
    private static final InputSpace BOX = InputSpace.box(new double[] {-1, -1}, new double[] {1, 1});
    private static final SamplerConfig CONFIG = SamplerConfig.builder().chains(2).warmup(5).draws(5).seed(1).build();

    @Test
    void decoderOutputNotMatchingTheClassifierInput() {
        try (TorchScriptFunction decoder = TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("decoder.pt"), new Shape(2))) {
            assertThatThrownBy(() -> Probe.of(LatentSpace.standardNormal(decoder), HighConfidence.of(MODEL, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Shape mismatch")
                    .hasMessageContaining("inputs of 4 features")
                    .hasMessageContaining("take 2");
        }
    }

    @Test
    void nonFiniteModelOutputs() {
        Classifier nan = Classifier.fromProbabilities(BlackBoxFunction.of("broken", 2, 2,
                rows -> java.util.Arrays.stream(rows).map(r -> new double[] {Double.NaN, 1}).toArray(double[][]::new)));
        assertThatThrownBy(() -> Probe.of(BOX, HighConfidence.of(nan, 1)).sample(CONFIG))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'broken' returned NaN")
                .hasMessageContaining("must be finite");
        Classifier inf = Classifier.fromLogits(BlackBoxFunction.of("overflow", 2, 2,
                rows -> java.util.Arrays.stream(rows).map(r -> new double[] {Double.POSITIVE_INFINITY, 0}).toArray(double[][]::new)));
        assertThatThrownBy(() -> Probe.of(BOX, HighConfidence.of(inf, 1)).sample(CONFIG))
                .hasMessageContaining("'overflow' returned Infinity");
    }

    @Test
    void classIndexOutOfRange() {
        assertThatThrownBy(() -> HighConfidence.of(MODEL, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class 2 is out of range")
                .hasMessageContaining("0..1");
        assertThatThrownBy(() -> FixedLabel.of(MODEL, -1)).hasMessageContaining("class -1 is out of range");
        assertThatThrownBy(() -> Ambivalent.between(MODEL, 0, 3)).hasMessageContaining("class 3 is out of range");
    }

    @Test
    void ambivalentPairWithIEqualToJ() {
        assertThatThrownBy(() -> Ambivalent.between(MODEL, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("i = j = 1")
                .hasMessageContaining("HighConfidence");
    }

    @Test
    void probabilitiesThatDoNotSumToOne() {
        Classifier bad = Classifier.fromProbabilities(BlackBoxFunction.of("scores", 2, 2,
                rows -> java.util.Arrays.stream(rows).map(r -> new double[] {0.3, 0.3}).toArray(double[][]::new)));
        assertThatThrownBy(() -> Probe.of(BOX, PredictionRisky.entropy(bad)).sample(CONFIG))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sums to 0.6")
                .hasMessageContaining("Classifier.fromLogits");
        assertThatThrownBy(() -> TargetConfidence.of(MODEL, new double[] {0.5, 0.6}))
                .hasMessageContaining("sums to 1.1");
    }

    @Test
    void emptyBox() {
        assertThatThrownBy(() -> InputSpace.builder(2).bound(1, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Empty box: feature 1")
                .hasMessageContaining("strictly smaller");
    }

    @Test
    void fixedFeatureOutsideItsBounds() {
        assertThatThrownBy(() -> InputSpace.builder(2).bounds(new double[] {0, 0}, new double[] {1, 1}).fix(0, 3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Fixed feature 0 = 3.0 lies outside its bounds [0.0, 1.0]");
    }

    @Test
    void nonPositiveSigmaOrTemperature() {
        assertThatThrownBy(() -> HighConfidence.of(MODEL, 1).withSigma(0)).hasMessageContaining("σ must be positive");
        assertThatThrownBy(() -> Ambivalent.between(MODEL, 0, 1).withSigmas(0.05, -1)).hasMessageContaining("σ must be positive");
        assertThatThrownBy(() -> PredictionRisky.entropy(MODEL).temperature(0)).hasMessageContaining("Temperature τ must be positive");
        assertThatThrownBy(() -> FixedLabel.of(MODEL, 1).temperature(-2)).hasMessageContaining("Temperature τ must be positive");
    }

    @Test
    void torchScriptFileMissingOrNotAModule() {
        assertThatThrownBy(() -> TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("missing.pt"), new Shape(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("torch.jit.trace");
        assertThatThrownBy(() -> TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("not-a-module.pt"), new Shape(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("as a TorchScript module")
                .hasMessageContaining("not TorchScript");
    }
}
