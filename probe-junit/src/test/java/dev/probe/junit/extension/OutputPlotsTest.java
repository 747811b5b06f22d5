package dev.probe.junit.extension;

import static dev.probe.junit.extension.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.model.Regressor;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeModelContrast;
import dev.probe.junit.annotations.ProbeRisky;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The reports' output plots: a contrast's report showed only the judged model's probabilities; a decision
 * function's report has its plot too (drawn as outputs, not probabilities: {@code ConfidencePlotTest}).
 */
class OutputPlotsTest {

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 60, draws = 20, seed = "5", maxRhat = 10,
            minAttainedEss = 0)
    static class Outputs {
        @ProbedModel static final Classifier A = Fixtures.threeClasses();
        @ProbedModel static final Classifier B = Classifier.fromLogits(DjlBlockFunction.of(
                Fixtures.linear("rotated", new double[][] {{0, 3}, {-3, -3}, {3, 0}}, new double[] {0, 0, 0}),
                new Shape(2)));
        @ProbedModel static final Regressor SCORE = Regressor.of(DjlBlockFunction.of(
                Fixtures.linear("score", new double[][] {{20, 20}}, new double[] {100}), new Shape(2)));
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeModelContrast(models = {"A", "B"})
        void contrast(ProbeAnswer answer) {}

        @ProbeRisky(model = "SCORE", alpha = 100, tolerance = 5)
        void risky(ProbeAnswer answer) {}
    }

    @Test
    void everyModelOfAContrastHasItsOutputPlot() {
        Path reports = Path.of("target/probe-reports-fixtures-outputs");
        EngineExecutionResults events = run(Outputs.class, Map.of("probe.reportDir", reports.toString()));
        events.testEvents().assertStatistics(s -> s.started(2).failed(0));
        Path contrast = reports.resolve("OutputPlotsTest$Outputs/contrast/contrast");
        assertThat(contrast.resolve("confidence.png")).isNotEmptyFile();
        assertThat(contrast.resolve("confidence-rotated.png")).as("the second model's plot").isNotEmptyFile();
        // the title says what attaining a contrast means (both models may pick one class, with probabilities apart)
        assertThat(contrast.resolve("diagnostics.txt")).content().contains("contrast A vs B (total variation ≥ 0.90)");
        assertThat(reports.resolve("OutputPlotsTest$Outputs/risky/risky/confidence.png")).isNotEmptyFile();
        // a Gibbs question uses no prior pool: its settings say so instead of listing a pool size that never ran
        assertThat(reports.resolve("OutputPlotsTest$Outputs/risky/risky/diagnostics.txt")).content()
                .contains("pool=none").doesNotContain("pool=32768");
    }
}
