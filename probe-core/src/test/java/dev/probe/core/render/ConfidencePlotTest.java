package dev.probe.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfidencePlotTest {
    @TempDir
    Path dir;

    /** Softmax of random logits, so rows are probability vectors. */
    static double[][] probabilities(int n, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] p = new double[n][classes];
        for (double[] row : p) {
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                row[k] = Math.exp(2 * random.nextGaussian() + (k == 3 ? 2 : 0));
                sum += row[k];
            }
            for (int k = 0; k < classes; k++) {
                row[k] /= sum;
            }
        }
        return p;
    }

    @Test
    void writesAnEightHundredByFiveHundredBoxPlot() {
        ReportFile file = ConfidencePlot.titled("Confidence").withClassNames("zero", "one", "two", "three")
                .write(dir.resolve("confidence.png"), probabilities(200, 4, 1));

        BufferedImage png = Images.read(file.path());
        assertThat(png.getWidth()).isEqualTo(800);
        assertThat(png.getHeight()).isEqualTo(500);
        assertThat(Images.variance(png)).isPositive();
        int quarter = png.getWidth() / 4;
        for (int k = 0; k < 4; k++) {   // XChart outlines every box in blue
            assertThat(Images.tinted(png, Color.BLUE, k * quarter, 0, quarter, png.getHeight())).as("box %d", k)
                    .isGreaterThan(30);
        }
    }

    @Test
    void aRegressorsRawOutputsAreLabelledAsOutputsOnTheirOwnScale() {
        // a decision function's scores in [0.2, 0.4] were labelled "predicted probability" per "class", on 0..1
        SplittableRandom random = new SplittableRandom(3);
        double[][] scores = new double[200][1];
        for (double[] row : scores) {
            row[0] = 0.3 + 0.03 * random.nextGaussian();
        }
        org.knowm.xchart.BoxChart raw = ConfidencePlot.titled("Output").ofRawOutputs().chart(scores);
        assertThat(raw.getYAxisTitle()).isEqualTo("model output");
        assertThat(raw.getXAxisTitle()).isEqualTo("output");
        assertThat(raw.getStyler().getYAxisMin()).as("fitted to the values, not from 0").isNull();
        org.knowm.xchart.BoxChart probabilities = ConfidencePlot.titled("Confidence").chart(scores);
        assertThat(probabilities.getYAxisTitle()).isEqualTo("predicted probability");
        assertThat(probabilities.getStyler().getYAxisMin()).isEqualTo(0.0);
        assertThat(Images.variance(ConfidencePlot.titled("Output").ofRawOutputs().render(scores))).isPositive();
    }

    @Test
    void manyClassesAreCutToTheMostConfidentOnes() {
        BufferedImage png = ConfidencePlot.titled("1000 classes").withMaxClasses(5)
                .withSize(600, 400).render(probabilities(50, 1000, 2));

        assertThat(png.getWidth()).isEqualTo(600);
        assertThat(Images.tinted(png, Color.BLUE)).isPositive();
    }

    @Test
    void theMostConfidentClassesAreKeptInIndexOrder() {
        double[][] p = {{0.1, 0.5, 0.0, 0.3, 0.1}, {0.1, 0.3, 0.0, 0.5, 0.1}};

        assertThat(ConfidencePlot.mostConfident(p, 2)).containsExactly(1, 3);
        assertThat(ConfidencePlot.mostConfident(p, 5)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aQuestionsClassesAreDrawnWhateverTheirMeanAndTheXAxisSaysSo() {
        // a new user's "ambivalent 0 vs 25" over 50 classes drew the 20 of highest mean: neither 0 nor 25
        double[][] p = probabilities(50, 50, 4);
        for (double[] row : p) {
            java.util.Arrays.fill(row, 1.0 / 50);
            row[0] = row[25] = 0.0; // the two least probable on average
            row[7] = 3.0 / 50;
            row[8] = 1.0 / 50 - 1.0 / 50 / 48;
        }
        assertThat(ConfidencePlot.mostConfident(p, 20, new int[] {0, 25})).hasSize(20).contains(0, 25, 7)
                .isSorted();
        org.knowm.xchart.BoxChart chart = ConfidencePlot.titled("Confidence").withClassesShown(0, 25).chart(p);
        assertThat(chart.getSeriesMap()).hasSize(20).containsKeys("0", "25", "7");
        assertThat(chart.getXAxisTitle()).isEqualTo("class (20 of 50 classes: the question's 0, 25, and the highest mean)");
        assertThat(chart.getTitle()).isEqualTo("Confidence");
        // without them the two are left out; with every class drawn the axis is just "class"
        assertThat(ConfidencePlot.titled("Confidence").chart(p).getSeriesMap()).doesNotContainKeys("0", "25");
        assertThat(ConfidencePlot.titled("Confidence").withClassesShown(0, 25).chart(new double[][] {{0.5, 0.5}})
                .getXAxisTitle()).isEqualTo("class");
    }

    @Test
    void manyBoxesStayWithinTheirSpacingAndSmallProbabilitiesKeepTheirScale() {
        // XChart draws a box (1 - plotContentSize) of the plot wide: 20 boxes ran into each other at 0.92
        for (int n : new int[] {2, 10, 20, 50}) {
            org.knowm.xchart.BoxChart chart = ConfidencePlot.titled("c").withMaxClasses(n).chart(probabilities(30, n, 5));
            double content = chart.getStyler().getPlotContentSize();
            double boxOverSpacing = (1 - content) / (content / n);
            assertThat(boxOverSpacing).as("box width over spacing at %d classes", n).isLessThanOrEqualTo(0.8 + 1e-9);
            assertThat(content).isGreaterThanOrEqualTo(0.92);
        }
        // probabilities between 0.007 and 0.04 had ticks all labelled "0.0", which XChart then left blank
        java.text.DecimalFormat f = new java.text.DecimalFormat(
                ConfidencePlot.titled("c").chart(probabilities(30, 3, 6)).getStyler().getYAxisDecimalPattern());
        assertThat(java.util.List.of(f.format(0.01), f.format(0.02), f.format(0.005), f.format(0.5)))
                .containsExactly("0.01", "0.02", "0.005", "0.5");
    }

    @Test
    void badInputNamesTheCause() {
        double[][] ragged = {{0.5, 0.5}, {1.0}};
        assertThatThrownBy(() -> ConfidencePlot.titled("t").render(ragged))
                .hasMessage("probabilities row 1 has 1 values, expected 2");
        assertThatThrownBy(() -> ConfidencePlot.titled("t").withClassNames("a").render(new double[][] {{0.5, 0.5}}))
                .hasMessage("got 1 class names for 2 classes");
        assertThatThrownBy(() -> ConfidencePlot.titled("t").withClassNames("a", "a").render(new double[][] {{0.5, 0.5}}))
                .hasMessage("class name 'a' appears twice");
        assertThatThrownBy(() -> ConfidencePlot.titled("t").render(new double[0][]))
                .hasMessage("no probabilities to plot");
    }
}
