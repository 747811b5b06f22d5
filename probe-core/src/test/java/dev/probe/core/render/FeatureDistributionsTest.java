package dev.probe.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureDistributionsTest {
    @TempDir
    Path dir;

    @Test
    void onePanelPerFeatureWithBothDistributions() {
        double[][] training = LatentScatterTest.gaussian(1000, 5, 0, 1);
        double[][] samples = LatentScatterTest.gaussian(200, 5, 1.5, 2);

        ReportFile file = FeatureDistributions.titled("Features")
                .withFeatureNames("age", "income", "debt", "tenure", "score")
                .write(dir.resolve("features.png"), training, samples);

        BufferedImage png = Images.read(file.path());
        int panelW = 300;
        int panelH = 186;
        int header = 56;
        assertThat(png.getWidth()).isEqualTo(3 * panelW);
        assertThat(png.getHeight()).isEqualTo(header + 2 * panelH);
        for (int f = 0; f < 5; f++) {
            int x = (f % 3) * panelW;
            int y = header + (f / 3) * panelH;
            assertThat(Images.tinted(png, ChartStyle.REFERENCE, x, y, panelW, panelH)).as("training, panel %d", f)
                    .isGreaterThan(200);
            assertThat(Images.tinted(png, ChartStyle.SAMPLES, x, y, panelW, panelH)).as("samples, panel %d", f)
                    .isGreaterThan(200);
        }
        assertThat(Images.inked(png, 2 * panelW, header + panelH, panelW, panelH)).as("sixth cell stays empty")
                .isZero();
    }

    @Test
    void theLegendNamesWhatTheReferenceRowsAre() {
        double[][] reference = LatentScatterTest.gaussian(300, 2, 0, 1);
        double[][] samples = LatentScatterTest.gaussian(100, 2, 1, 1);
        BufferedImage training = FeatureDistributions.titled("F").render(reference, samples);
        BufferedImage draws = FeatureDistributions.titled("F").withReferenceName("space draws").render(reference, samples);
        int header = 56;
        int differing = 0;
        for (int y = 0; y < training.getHeight(); y++) {
            for (int x = 0; x < training.getWidth(); x++) {
                if (training.getRGB(x, y) != draws.getRGB(x, y)) {
                    assertThat(y).as("only the header's legend changes").isLessThan(header);
                    differing++;
                }
            }
        }
        assertThat(differing).as("the legend's label").isPositive();
        assertThatThrownBy(() -> FeatureDistributions.titled("F").withReferenceName(" "))
                .hasMessageContaining("need a name");
    }

    @Test
    void constantAndNonFiniteColumnsStillDraw() {
        double[][] training = {{1, Double.NaN}, {1, 2}, {1, 3}};
        double[][] samples = {{1, 2.5}, {1, Double.POSITIVE_INFINITY}};

        BufferedImage png = FeatureDistributions.titled("Edge cases").render(training, samples);

        assertThat(png.getWidth()).isEqualTo(2 * 450);
        assertThat(Images.tinted(png, ChartStyle.SAMPLES)).isPositive();
    }

    @Test
    void theLegendSaysHowManyTrainingRowsHaveMissingValues() {
        double[][] training = {{1, Double.NaN}, {1, 2}, {Double.NEGATIVE_INFINITY, 3}, {2, 2}};
        FeatureDistributions plot = FeatureDistributions.titled("F");
        assertThat(FeatureDistributions.incomplete(training)).isEqualTo(2);
        assertThat(plot.referenceLegend(4, 2))
                .isEqualTo("training (4 rows, 2 with missing or non-finite values, left out of those features' panels)");
        assertThat(plot.referenceLegend(4, 0)).isEqualTo("training (4 rows)");
    }

    @Test
    void histogramFractionsSumToOne() {
        Histogram h = new Histogram(0, 1, 4);
        double[] f = h.fractions(new double[] {0, 0.1, 0.3, 0.6, 1.0, Double.NaN});

        assertThat(f).containsExactly(0.4, 0.2, 0.2, 0.2);
        double[][] outline = h.outline(f);
        assertThat(outline[0]).containsExactly(0, 0, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 1, 1);
        assertThat(outline[1]).containsExactly(0, 0.4, 0.4, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0);
    }

    @Test
    void badInputNamesTheCause() {
        double[][] two = {{1, 2}};
        assertThatThrownBy(() -> FeatureDistributions.titled("t").withFeatureNames("a").render(two, two))
                .hasMessage("got 1 feature names for 2 features");
        assertThatThrownBy(() -> FeatureDistributions.titled("t").render(two, new double[][] {{1, 2, 3}}))
                .hasMessage("samples row 0 has 3 values, expected 2");
        assertThatThrownBy(() -> FeatureDistributions.titled("t").render(two, new double[0][]))
                .hasMessageContaining("need at least one training row and one sample");
    }

    @Test
    void aMarkedRowIsALineInEveryPanelAtItsValue() {
        double[][] reference = LatentScatterTest.gaussian(300, 2, 0, 1);
        double[][] samples = LatentScatterTest.gaussian(100, 2, 1, 1);
        BufferedImage plain = FeatureDistributions.titled("F").render(reference, samples);
        BufferedImage marked = FeatureDistributions.titled("F").withMarkedRow("factual", new double[] {0.5, -0.5})
                .render(reference, samples);
        int header = 56;
        int panelW = 450;
        int[] changed = new int[2];
        for (int y = header; y < plain.getHeight(); y++) {
            for (int x = 0; x < plain.getWidth(); x++) {
                if (plain.getRGB(x, y) != marked.getRGB(x, y)) {
                    changed[x / panelW]++;
                }
            }
        }
        assertThat(changed[0]).as("the line in panel 0").isGreaterThan(50);
        assertThat(changed[1]).as("the line in panel 1").isGreaterThan(50);
        assertThatThrownBy(() -> FeatureDistributions.titled("F").withMarkedRow("factual", new double[] {1})
                .render(reference, samples)).hasMessageContaining("the marked row has 1 values for 2 features");
    }

    @Test
    void aLongTitleFitsTheImage() {
        // a gate side's "NO VERDICT (another side of its gate attained nothing): Attained samples (127 of 128) vs space
        // draws" ran off a two-feature image mid-word
        String title = "NO VERDICT (another side of its gate attained nothing): Attained samples (127 of 128) vs space "
                + "draws, and more words than any image holds at sixteen points in a bold font";
        java.awt.image.BufferedImage png = FeatureDistributions.titled(title).render(new double[][] {{0, 1}, {1, 0}, {0.5, 0.5}},
                new double[][] {{0.2, 0.8}, {0.4, 0.6}});
        org.assertj.core.api.Assertions.assertThat(Images.inked(png, png.getWidth() - 8, 0, 8, 28))
                .as("ink at the right edge of the title band").isZero();
        org.assertj.core.api.Assertions.assertThat(Images.inked(png, 0, 0, png.getWidth(), 28)).isPositive();
    }
}
