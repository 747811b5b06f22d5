package dev.probe.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentScatterTest {
    @TempDir
    Path dir;

    static double[][] gaussian(int n, int d, double shift, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian() + (j == 0 ? shift : 0);
            }
        }
        return x;
    }

    @Test
    void twoDimensionsArePlottedAsTheyAre() {
        ReportFile file = LatentScatter.titled("Latent")
                .write(dir.resolve("latent.png"), gaussian(500, 2, 0, 1), gaussian(100, 2, 2.5, 2));

        BufferedImage png = Images.read(file.path());
        assertThat(png.getWidth()).isEqualTo(800);
        assertThat(png.getHeight()).isEqualTo(500);
        assertThat(Images.tinted(png, ChartStyle.REFERENCE)).as("prior points").isGreaterThan(500);
        assertThat(Images.tinted(png, ChartStyle.SAMPLES)).as("sample points").isGreaterThan(300);
    }

    @Test
    void samplesShiftedAlongTheFirstAxisLieRightOfThePrior() {
        BufferedImage png = LatentScatter.titled("Latent").render(gaussian(500, 2, -3, 1), gaussian(200, 2, 3, 2));

        int half = png.getWidth() / 2;
        int left = Images.tinted(png, ChartStyle.SAMPLES, 0, 0, half, png.getHeight());
        int right = Images.tinted(png, ChartStyle.SAMPLES, half, 0, half, png.getHeight());
        assertThat(right).isGreaterThan(10 * Math.max(left, 1));
    }

    @Test
    void moreDimensionsAreProjectedAndOneIsJittered() {
        BufferedImage pca = LatentScatter.titled("8-d").render(gaussian(300, 8, 0, 3), gaussian(50, 8, 3, 4));
        BufferedImage line = LatentScatter.titled("1-d").render(gaussian(300, 1, 0, 5), gaussian(50, 1, 2, 6));

        assertThat(Images.tinted(pca, ChartStyle.SAMPLES)).isGreaterThan(100);
        assertThat(Images.tinted(line, ChartStyle.SAMPLES)).isGreaterThan(100);
        assertThat(Images.tinted(line, ChartStyle.REFERENCE)).isGreaterThan(100);
    }

    @Test
    void atMostAThousandPointsPerSeriesAreDrawnAndTheLegendSaysSo() {
        // the suite's scatter plots drew up to 5,000 translucent points: one blot, 110 KB per PNG on average
        org.knowm.xchart.XYChart chart = LatentScatter.titled("many").chart(gaussian(2000, 5, 0, 1), gaussian(3040, 5, 2, 2));
        assertThat(chart.getSeriesMap()).containsOnlyKeys("prior (1000 of 2000 shown)", "samples (1000 of 3040 shown)");
        assertThat(chart.getSeriesMap().get("samples (1000 of 3040 shown)").getXData()).hasSize(1000);
        double[][] rows = gaussian(3040, 1, 0, 3);
        double[][] shown = LatentScatter.evenlySpaced(rows, 1000);
        assertThat(shown[0]).isSameAs(rows[0]);
        assertThat(shown[999]).isSameAs(rows[3036]); // the last chain keeps its share
        assertThat(LatentScatter.evenlySpaced(rows, 4000)).isSameAs(rows);
        assertThat(LatentScatter.titled("few").chart(gaussian(10, 2, 0, 1), gaussian(5, 2, 0, 2)).getSeriesMap())
                .containsOnlyKeys("prior (10)", "samples (5)");
    }

    @Test
    void rawUnitsAreStandardisedBeforeTheProjection() {
        // a bank's features in raw units: sds 10,000, 1,000, 100 and 1; the samples differ from the space draws only in
        // the last, by 3 of its sds. Unstandardised, PC1 and PC2 were the two widest features and the samples sat on the
        // draws; standardised, the shift makes PC1.
        double[] sd = {10_000, 1_000, 100, 1};
        double[][] draws = gaussian(600, 4, 0, 1);
        double[][] samples = gaussian(300, 4, 0, 2);
        for (double[][] rows : new double[][][] {draws, samples}) {
            for (double[] row : rows) {
                for (int k = 0; k < 4; k++) {
                    row[k] = row[k] * sd[k] + (rows == samples && k == 3 ? 3 : 0);
                }
            }
        }
        org.knowm.xchart.XYChart chart = LatentScatter.titled("bank").chart(draws, samples);
        double[] drawsX = chart.getSeriesMap().get("prior (600)").getXData();
        double[] samplesX = chart.getSeriesMap().get("samples (300)").getXData();
        double drawsMean = java.util.Arrays.stream(drawsX).average().orElseThrow();
        double drawsSd = Math.sqrt(java.util.Arrays.stream(drawsX).map(v -> (v - drawsMean) * (v - drawsMean)).average()
                .orElseThrow());
        double shift = java.util.Arrays.stream(samplesX).average().orElseThrow() - drawsMean;
        assertThat(Math.abs(shift) / drawsSd).as("the samples' shift along axis 1, in the draws' spread").isGreaterThan(2);
        assertThat(chart.getXAxisTitle())
                .matches("toward the samples: their mean lies (2\\.[89]|3\\.[01])[0-9] standardised units from the prior.s");
        assertThat(LatentScatter.scales(new double[][] {{1, 5}, {3, 5}}, new double[0][])).containsExactly(1, 1);
    }

    @Test
    void samplesThatDifferFromAnIsotropicPriorInTwoOfSixCoordinatesShowTheirDepartureOnAxisOne() {
        // a new user's 6-d latent: attained samples differed from the prior in z0 and z1 only, and PCA's axes over the
        // isotropic prior (18.4% and 18.1% of the variance) were arbitrary directions where they looked like noise
        double[][] prior = gaussian(2000, 6, 0, 11);
        double[][] samples = gaussian(300, 6, 0, 12);
        for (double[] row : samples) {
            row[0] = 0.3 * row[0] + 1.5;
            row[1] = 0.3 * row[1] + 1.5;
        }
        org.knowm.xchart.XYChart chart = LatentScatter.titled("t").chart(prior, samples);
        double[] priorX = chart.getSeriesMap().get("prior (1000 of 2000 shown)").getXData();
        double[] samplesX = chart.getSeriesMap().get("samples (300)").getXData();
        double priorMean = java.util.Arrays.stream(priorX).average().orElseThrow();
        double samplesMean = java.util.Arrays.stream(samplesX).average().orElseThrow();
        // the shift is 1.5·√2 = 2.1 standardised units, all of it on axis 1
        assertThat(samplesMean - priorMean).isCloseTo(2.12, org.assertj.core.api.Assertions.within(0.15));
        assertThat(chart.getXAxisTitle())
                .matches("toward the samples: their mean lies 2\\.[01][0-9] standardised units from the prior.s");
    }

    @Test
    void eitherSetMayBeEmptyButDimensionsMustAgree() {
        assertThat(Images.variance(LatentScatter.titled("prior only").render(gaussian(50, 3, 0, 1), new double[0][])))
                .isPositive();
        assertThatThrownBy(() -> LatentScatter.titled("t").render(gaussian(5, 2, 0, 1), gaussian(5, 3, 0, 2)))
                .hasMessage("samples row 0 has 3 values, expected 2");
        assertThatThrownBy(() -> LatentScatter.titled("t").render(new double[0][], new double[0][]))
                .hasMessage("no points to plot");
    }

    @Test
    void theReferencePointsAreNamedAndAPcaTitleFitsTheWidth() {
        // a tabular report said "over draws from the space" above a legend "prior (512)", and its PCA title was cut
        org.knowm.xchart.XYChart chart = LatentScatter.titled("Attained samples (128 of 128) over space draws")
                .withReferenceName("space draws").withSampleName("attained samples")
                .chart(gaussian(300, 6, 0, 3), gaussian(50, 6, 3, 4));
        assertThat(chart.getSeriesMap()).containsOnlyKeys("space draws (300)", "attained samples (50)");
        assertThat(chart.getTitle()).isEqualTo("Attained samples (128 of 128) over space draws (6-d, axis 1 from the mean "
                + "of the space draws to theirs)");
        // samples around the draws' own mean: no direction to show, a PCA
        assertThat(LatentScatter.titled("Samples").chart(gaussian(300, 6, 0, 3), gaussian(50, 6, 0, 4)).getTitle())
                .isEqualTo("Samples (PCA, 6-d)");
        assertThat(LatentScatter.titled("x").chart(gaussian(10, 2, 0, 1), gaussian(5, 2, 0, 2)).getSeriesMap())
                .containsKey("prior (10)");
    }

    @Test
    void namedCoordinatesTitleTheAxesOfOneAndTwoDimensions() {
        org.knowm.xchart.XYChart two = LatentScatter.titled("t").withCoordinateNames(java.util.List.of("age", "income / 2.5"))
                .chart(gaussian(10, 2, 0, 1), gaussian(5, 2, 0, 2));
        assertThat(two.getXAxisTitle()).isEqualTo("age");
        assertThat(two.getYAxisTitle()).isEqualTo("income / 2.5");
        assertThat(LatentScatter.titled("t").withCoordinateNames(java.util.List.of("debt"))
                .chart(gaussian(10, 1, 0, 1), gaussian(5, 1, 0, 2)).getXAxisTitle()).isEqualTo("debt");
        assertThat(LatentScatter.titled("t").chart(gaussian(10, 2, 0, 1), gaussian(5, 2, 0, 2)).getXAxisTitle())
                .isEqualTo("z_0");
        assertThatThrownBy(() -> LatentScatter.titled("t").withCoordinateNames(java.util.List.of("a"))
                .chart(gaussian(10, 2, 0, 1), gaussian(5, 2, 0, 2))).hasMessageContaining("got 1 coordinate names for 2");
    }
}
