package dev.probe.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracePlotTest {
    @TempDir
    Path dir;

    /** AR(1) energies around a per-chain level. */
    static double[][] energies(int chains, int draws, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] e = new double[chains][draws];
        for (int c = 0; c < chains; c++) {
            double x = 10 + c;
            for (int t = 0; t < draws; t++) {
                x = 0.9 * x + 0.1 * (5 + c % 3) + random.nextGaussian() * 0.5;
                e[c][t] = x;
            }
        }
        return e;
    }

    @Test
    void drawsOneLinePerChain() {
        ReportFile file = TracePlot.titled("Energy trace").write(dir.resolve("trace.png"), energies(4, 300, 1));

        BufferedImage png = Images.read(file.path());
        assertThat(png.getWidth()).isEqualTo(800);
        assertThat(png.getHeight()).isEqualTo(500);
        for (int c = 0; c < 4; c++) {
            assertThat(Images.tinted(png, ChartStyle.PALETTE[c])).as("chain %d", c).isGreaterThan(100);
        }
    }

    @Test
    void manyChainsAreCappedAndNonFiniteEnergiesDoNotBreakTheChart() {
        double[][] e = energies(40, 100, 2);
        e[0][10] = Double.POSITIVE_INFINITY;
        e[1][20] = Double.NaN;

        BufferedImage png = TracePlot.titled("40 chains").render(e);

        assertThat(Images.variance(png)).isPositive();
        assertThat(Images.tinted(png, ChartStyle.PALETTE[2])).isGreaterThan(100);
    }

    @Test
    void aLongTitleKeepsItsStartInsideTheImage() {
        // XChart centres a title too long for the chart and cuts both ends: "ONVERGED, no verdict: Energy per …"
        String title = "NOT CONVERGED, no verdict: Energy per population, sorted (populations that agree overlap), "
                + "and a reviewer's longer description of what the lines mean";
        BufferedImage png = TracePlot.titled(title).render(energies(4, 50, 1));
        assertThat(Images.inked(png, 0, 0, 6, 30)).as("ink at the left edge of the title band").isZero();
        assertThat(Images.inked(png, png.getWidth() - 6, 0, 6, 30)).as("at the right edge").isZero();
        assertThat(Images.inked(png, 0, 0, png.getWidth(), 30)).as("the title is drawn").isPositive();
    }

    @Test
    void emptyInputNamesTheChain() {
        assertThatThrownBy(() -> TracePlot.titled("t").render(new double[][] {{1, 2}, {}}))
                .hasMessage("chain 1 has no draws");
        assertThatThrownBy(() -> TracePlot.titled("t").render(new double[0][])).hasMessage("no chains to plot");
    }

    @Test
    void populationsGetTheirOwnLabels() {
        double[][] sorted = energies(4, 200, 3);
        for (double[] row : sorted) {
            java.util.Arrays.sort(row);
        }
        BufferedImage png = TracePlot.titled("Energy per population, sorted").withLabels("rank", "population")
                .render(sorted);

        for (int c = 0; c < 4; c++) {
            assertThat(Images.tinted(png, ChartStyle.PALETTE[c])).as("population %d", c).isGreaterThan(100);
        }
        assertThatThrownBy(() -> TracePlot.titled("t").withLabels(" ", "population")).hasMessage("labels must not be blank");
    }
}
