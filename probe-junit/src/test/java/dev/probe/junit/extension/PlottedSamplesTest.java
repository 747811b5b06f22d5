package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.diagnostics.InvalidProposals;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Provenance;
import dev.probe.core.sampler.SamplerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A report never shows a sample under a title it does not meet: the latent and feature plots of a counterfactual
 * showed every draw as "samples", though 83% had not flipped. They now show the attained samples, and say so.
 */
class PlottedSamplesTest {
    private static ProbeResult withDistances(double... distances) {
        int n = distances.length;
        double[][] x = new double[n][2];
        double[][] outputs = new double[n][2];
        SamplerConfig config = SamplerConfig.builder().chains(1).warmup(1).draws(n).seed(1).build();
        Diagnostics d = new Diagnostics(new double[] {0.5}, new double[] {1, 1}, new double[] {n, n}, 1, n, 1, 1,
                InvalidProposals.NONE, InvalidProposals.NONE, 1, 0, 0.1, 0);
        return new ProbeResult(new Provenance("q", "box", "k", config, d), 1, x, x, List.of("m"),
                new double[][][] {outputs}, new double[n], distances);
    }

    @Test
    void onlyAttainedSamplesArePlottedUnderTheProbesTitle() {
        ReportFiles.Plotted p = ReportFiles.Plotted.of(withDistances(0.05, 0.5, 0.1, 0.3), 0.1);
        assertThat(p.rows()).containsExactly(0, 2);
        assertThat(p.title()).isEqualTo("Attained samples (2 of 4)");
        assertThat(p.legend()).isEqualTo("attained samples");
    }

    @Test
    void picturesOfEvidenceThatDidNotConvergeSaySoInTheirTitle() {
        // a grid titled "256 of 256 samples attain the target" read as a clean pass with R-hat 1.44 (a new user)
        assertThat(SampleGrids.noVerdict(Outcome.NOT_CONVERGED)).isEqualTo("NOT CONVERGED, no verdict: ");
        // a not-sampled probe's pictures said so nowhere ("Predicted probability per class" as a pass's), a reviewer's
        assertThat(SampleGrids.noVerdict(Outcome.NOT_SAMPLED)).isEqualTo("NOT SAMPLED, no verdict: ");
        // a failed probe's pictures read as a pass's (a reviewer's)
        assertThat(SampleGrids.noVerdict(Outcome.FAILED)).isEqualTo("FAILED: ");
        for (Outcome o : new Outcome[] {Outcome.PASSED, Outcome.SKIPPED}) {
            assertThat(SampleGrids.noVerdict(o)).as("%s", o).isEmpty();
        }
    }

    @Test
    void whenNoneAttainsEverySampleIsShownAsMissing() {
        ReportFiles.Plotted p = ReportFiles.Plotted.of(withDistances(0.5, 0.4), 0.1);
        assertThat(p.rows()).containsExactly(0, 1);
        assertThat(p.title()).isEqualTo("Samples (none attains the target)");
    }

    @Test
    void gridCaptionsMarkTheDrawsTheOracleLabelsOtherwise() {
        // a reviewer found 5 of a failed gate's 14 wrong draws among the 48 shown, unmarked
        String[] captions = {"1:.99", "1:.98", "1:.97"};
        int marked = SampleGrids.markLabelledOtherwise(captions, java.util.List.of(4, 7, 9),
                new dev.probe.junit.ProbeAnswer.LabelledOtherwise(new int[] {1, 1, 1, 1, 1, 1, 1, 3, 1, 1},
                        new boolean[] {false, false, false, false, false, false, false, true, false, false}));
        assertThat(marked).isEqualTo(1);
        assertThat(captions).containsExactly("1:.99", "1:.98 oracle 3", "1:.97");
    }

    @Test
    void smallImagesAreDrawnLargeEnoughToReview() {
        assertThat(SampleGrids.tileScale(8, 8)).isEqualTo(8);     // 64 pixels, not 24
        assertThat(SampleGrids.tileScale(28, 28)).isEqualTo(3);   // 84, as before
        assertThat(SampleGrids.tileScale(8, 16)).isEqualTo(4);
    }
}
