package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Report captions. A question about two models (a contrast) shows both models' probabilities. The captions of
 * draws that missed the target: two-decimal probabilities of a draw that barely missed read like a
 * hit (p = 0.998 at tolerance 0.002 shows {@code 2:1.00} in "MISSED the target"), so each missed caption carries its
 * target distance with the decimals it takes to differ from the tolerance.
 */
class SampleGridsTest {
    @Test
    void aMissedDrawsDistanceIsWrittenSoThatItDiffersFromTheTolerance() {
        assertThat(SampleGrids.distinct(0.35, 0.1)).isEqualTo(".35");
        assertThat(SampleGrids.distinct(0.10002, 0.1)).isEqualTo(".10002");
        assertThat(SampleGrids.distinct(0.00201, 0.002)).isEqualTo(".00201");
        assertThat(SampleGrids.distinct(0.1004, 0.1)).isEqualTo(".1004");
        assertThat(SampleGrids.distinct(1.0, 0.1)).isEqualTo("1.00");
    }

    @Test
    void atAToleranceFinerThanTwoDecimalsAHitsCaptionCarriesItsDistance() {
        // a reviewer's hits and misses at tolerance 0.002 were all captioned "0:.34 1:.33 2:.33"
        String[] captions = {"0:.34 1:.33 2:.33", "0:.34 1:.33 2:.33"};
        assertThat(SampleGrids.withDistances(captions, java.util.List.of(1, 0), new double[] {0.0019999, 0.00042}, 0.002))
                .containsExactly("0:.34 1:.33 2:.33 d=.00042", "0:.34 1:.33 2:.33 d=.0019");
        assertThat(SampleGrids.withDistances(captions, java.util.List.of(1, 0), new double[] {0, 0}, 1e-6))
                .as("all 0: a cutoff counterfactual past its hinge").containsExactly(captions);
        assertThat(SampleGrids.withDistances(captions, java.util.List.of(1, 0), new double[] {0.05, 0.02}, 0.1))
                .containsExactly(captions);
    }

    /**
     * A black-box image model (an ONNX session, a Java model) declares the shape its flat rows had, and its inputs are
     * drawn as images (a reviewer's black-box 8×8 classifier got no grids, and no picture of its missed draws).
     */
    @Test
    void aBlackBoxWithASampleShapeIsAnImageModel() {
        dev.probe.core.model.BlackBoxFunction flat = dev.probe.core.model.BlackBoxFunction.of("cnn", 64, 4,
                rows -> new double[rows.length][4]);
        assertThat(SampleGrids.imageShape(flat)).isEmpty();
        assertThat(SampleGrids.imageShape(flat.withSampleShape(1, 8, 8))).hasValueSatisfying(s -> assertThat(s)
                .containsExactly(1, 8, 8));
        assertThat(SampleGrids.imageShape(flat.withSampleShape(8, 8))).hasValueSatisfying(s -> assertThat(s)
                .containsExactly(1, 8, 8));
        assertThat(SampleGrids.imageShape(flat.withSampleShape(4, 4, 4))).isEmpty(); // 4 channels: no image
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> flat.withSampleShape(1, 28, 28))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Black-box model 'cnn' has 64 inputs, but the "
                        + "sample shape [1, 28, 28] holds 784. Give positive dimensions whose product is 64, e.g. (1, H, W) "
                        + "for an image of H·W pixels.");
        assertThat(flat.withSampleShape(1, 8, 8).evaluate(new double[][] {new double[64]})[0]).hasSize(4);
    }

    @Test
    void theMissedGridShowsTheClosestMissesFirst() {
        // it showed 48 draws spread over 128 misses, without the closest one (0.228) that the message named
        double[] distances = {0.9, 0.228, 0.5, 0.05, 0.3};
        assertThat(SampleGrids.closest(java.util.List.of(0, 1, 2, 4), distances, 3)).containsExactly(1, 4, 2);
    }

    @Test
    void aQuestionAboutTwoModelsCaptionsBothModelsProbabilities() {
        double[][] first = {{0.05, 0.91, 0.04}, {0.5, 0.2, 0.3}};
        double[][] second = {{0.7, 0.12, 0.18}, {0.1, 0.1, 0.8}};
        // a contrast asks where the models disagree: each caption shows both models' top classes, labelled a and b
        assertThat(SampleGrids.captions(java.util.List.of(first, second), java.util.List.of(0, 1), new int[0]))
                .containsExactly("a 1:.91 b 0:.70", "a 0:.50 b 2:.80");
        // one model, the question's classes: as before
        assertThat(SampleGrids.captions(java.util.List.<double[][]>of(first), java.util.List.of(1), new int[] {0, 2}))
                .containsExactly("0:.50 2:.30");
    }

    @Test
    void aMissedDrawsCaptionNamesTheTopClassWhenTheQuestionsClassesDoNot() {
        // a draw that missed "ambivalent 1 vs 7" showed only "1:.05 7:.12": not what the model called it (an 8)
        double[][] p = {{0.01, 0.05, 0.02, 0.0, 0.0, 0.0, 0.0, 0.12, 0.8, 0.0}, {0.0, 0.45, 0.0, 0.0, 0.0, 0.0, 0.0, 0.55, 0.0, 0.0}};
        assertThat(SampleGrids.captions(java.util.List.<double[][]>of(p), java.util.List.of(0, 1), new int[] {1, 7}, true))
                .containsExactly("1:.05 7:.12 top 8:.80", "1:.45 7:.55");
        assertThat(SampleGrids.captions(java.util.List.<double[][]>of(p), java.util.List.of(0), new int[] {1, 7}))
                .containsExactly("1:.05 7:.12");
        // the question's classes on top, the miss caused by another class: it is named ("0:.44 1:.45" read like a hit)
        double[][] q = {{0.44, 0.447, 0.113}, {0.5, 0.498, 0.002}};
        assertThat(SampleGrids.captions(java.util.List.<double[][]>of(q), java.util.List.of(0, 1), new int[] {0, 1}, true))
                .containsExactly("0:.44 1:.45 other 2:.11", "0:.50 1:.50");
    }

    @dev.probe.junit.ProbeSettings(sampler = dev.probe.junit.SamplerKind.SMC, populations = 2, particles = 16, seed = "7")
    static class TanhPixels {
        @dev.probe.junit.ProbedModel static final dev.probe.core.model.Classifier MODEL = Fixtures.images();
        /** Pixels in [−1, 1], as a tanh generator makes them, before a classifier of [0, 1] images. */
        @dev.probe.junit.Generator static final dev.probe.core.space.SampleSpace PIXELS = dev.probe.core.space.InputSpace.box(
                filled(-1), filled(1));

        @dev.probe.junit.annotations.ProbeHighConfidence(classes = 1)
        void confident(dev.probe.junit.ProbeAnswer answer) {}

        private static double[] filled(double v) {
            double[] x = new double[64];
            java.util.Arrays.fill(x, v);
            return x;
        }
    }

    /**
     * Images outside [0, 1] get a note in the diagnostics (and on the console): three new users' tanh generators before
     * [0, 1] classifiers gave masses a factor of 2 from what they meant, with only the grid's title to show it.
     */
    @Test
    void imagesOutsideTheUnitRangeAreNoted() throws Exception {
        Fixtures.run(TanhPixels.class, java.util.Map.of("probe.reportDir", "target/probe-reports-pixels",
                "probe.notConverged", "abort", "probe.notSampled", "abort"));
        String diagnostics = java.nio.file.Files.readString(java.nio.file.Path.of(
                "target/probe-reports-pixels/SampleGridsTest$TanhPixels/confident/1/diagnostics.txt"));
        assertThat(diagnostics).containsPattern("input range +the images given to 'images' span \\[-1\\.00, "
                + "(0|1)\\.\\d\\d\\], outside \\[0, 1\\]\\. If it was trained on \\[0, 1\\] pixels, rescale");
    }
}
