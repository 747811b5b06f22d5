package dev.probe.core.render;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The energy of every chain against the draw index, one line per chain, to see whether the chains
 * mixed and agree. At most {@link #withMaxChains max} chains (16 by default) are drawn; the title
 * says how many were left out.
 *
 * <pre>{@code
 * ReportFile f = TracePlot.titled("Energy trace")
 *         .write(dir.resolve("trace.png"), energies);   // double[chains][draws]
 * }</pre>
 */
public final class TracePlot {
    private final String title;
    private final int maxChains;
    private final int width;
    private final int height;
    private final String xAxis;
    private final String series;

    private TracePlot(String title, int maxChains, int width, int height, String xAxis, String series) {
        this.title = title;
        this.maxChains = maxChains;
        this.width = width;
        this.height = height;
        this.xAxis = xAxis;
        this.series = series;
    }

    /** 800×500, at most 16 chains, x axis "draw", series "chain 0", "chain 1", … */
    public static TracePlot titled(String title) {
        return new TracePlot(title, 16, 800, 500, "draw", "chain");
    }

    public TracePlot withMaxChains(int max) {
        Require.that(max >= 1, "maxChains must be ≥ 1, got " + max);
        return new TracePlot(title, max, width, height, xAxis, series);
    }

    public TracePlot withSize(int newWidth, int newHeight) {
        Require.that(newWidth >= 100 && newHeight >= 100, "size must be at least 100×100");
        return new TracePlot(title, maxChains, newWidth, newHeight, xAxis, series);
    }

    /**
     * Other names for the x axis and the series, e.g. {@code ("rank", "population")} for the sorted energies
     * of SMC populations, whose particles have no order in time.
     */
    public TracePlot withLabels(String xAxisTitle, String seriesName) {
        Require.that(xAxisTitle != null && !xAxisTitle.isBlank() && seriesName != null && !seriesName.isBlank(),
                "labels must not be blank");
        return new TracePlot(title, maxChains, width, height, xAxisTitle, seriesName);
    }

    public ReportFile write(Path file, double[][] energies) {
        return PngFile.write(render(energies), file);
    }

    /** {@code energies[c][t]}: the energy of chain {@code c} at draw {@code t}; chains may differ in length. */
    public BufferedImage render(double[][] energies) {
        Require.that(energies != null && energies.length > 0, "no chains to plot");
        for (int c = 0; c < energies.length; c++) {
            Require.that(energies[c] != null && energies[c].length > 0, "chain " + c + " has no draws");
        }
        int shown = Math.min(energies.length, maxChains);
        String fullTitle = shown < energies.length
                ? title + " (" + series + "s 0–" + (shown - 1) + " of " + energies.length + " shown)" : title;

        XYChart chart = new XYChartBuilder().width(width).height(height).title(fullTitle)
                .xAxisTitle(xAxis).yAxisTitle("energy").build();
        XYStyler styler = chart.getStyler();
        ChartStyle.apply(styler, 1.0);
        ChartStyle.fitTitle(chart, width);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendVisible(shown > 1);
        int longest = 0;
        for (int c = 0; c < shown; c++) {
            longest = Math.max(longest, energies[c].length);
        }
        double[] xBounds = ChartStyle.niceBounds(0, Math.max(1, longest - 1), 8);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(xBounds[1]);
        styler.setXAxisDecimalPattern("#,##0");
        for (int c = 0; c < shown; c++) {
            int draws = energies[c].length;
            // One extra, undrawn point (y = NaN) at x = 0.5 keeps the x values from being equally spaced;
            // XChart otherwise puts a tick on every k-th draw and the labels run together (XChart #731).
            double[] x = new double[draws + 1];
            double[] y = new double[draws + 1];
            for (int t = 0; t < draws; t++) {
                x[t] = t;
                y[t] = Double.isFinite(energies[c][t]) ? energies[c][t] : Double.NaN;   // a gap, not a broken axis
            }
            x[draws] = 0.5;
            y[draws] = Double.NaN;
            XYSeries line = chart.addSeries(series + " " + c, x, y);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineWidth(1.2f);
        }
        return PngFile.paint(chart);
    }
}
