package dev.probe.core.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * For tabular probes: each feature's distribution in the samples against the training data, as
 * small multiples of overlaid histograms (fraction of rows per bin, training in blue, samples in
 * orange) laid out in a grid under one shared title and legend.
 *
 * <pre>{@code
 * ReportFile f = FeatureDistributions.titled("Credit features: samples vs training")
 *         .withFeatureNames("age", "income", "debt")
 *         .withMarkedRow("factual", applicant)                      // optional: a line per panel
 *         .write(dir.resolve("features.png"), training, samples);   // double[n][3], double[m][3]
 * }</pre>
 */
public final class FeatureDistributions {
    private static final int HEADER = 56;
    private static final Color MARK = new Color(40, 40, 40);

    private final String title;
    private final String[] names;
    private final int bins;
    private final int columns;
    private final int maxFeatures;
    private final String reference;
    private final String sampled;
    /** A row drawn as a vertical line in every panel (e.g. a counterfactual's factual), or {@code null}. */
    private final double[] marked;
    private final String markedName;

    private FeatureDistributions(String title, String[] names, int bins, int columns, int maxFeatures, String reference) {
        this(title, names, bins, columns, maxFeatures, reference, "samples", null, null);
    }

    private FeatureDistributions(String title, String[] names, int bins, int columns, int maxFeatures, String reference,
            String sampled, double[] marked, String markedName) {
        this.marked = marked;
        this.markedName = markedName;
        this.sampled = sampled;
        this.title = title;
        this.names = names;
        this.bins = bins;
        this.columns = columns;
        this.maxFeatures = maxFeatures;
        this.reference = reference;
    }

    /** Features named {@code x_0, x_1, …}, 20 bins, 3 panels per row, at most 24 panels. */
    public static FeatureDistributions titled(String title) {
        return new FeatureDistributions(title, null, 20, 3, 24, "training");
    }

    /** One name per feature column. */
    public FeatureDistributions withFeatureNames(String... featureNames) {
        return new FeatureDistributions(title, featureNames.clone(), bins, columns, maxFeatures, reference, sampled, marked,
                markedName);
    }

    /** What the reference rows are, for the legend (default {@code "training"}; e.g. {@code "space draws"}). */
    public FeatureDistributions withReferenceName(String name) {
        Require.that(name != null && !name.isBlank(), "the reference rows need a name");
        return new FeatureDistributions(title, names, bins, columns, maxFeatures, name, sampled, marked, markedName);
    }

    /** What the sample rows are, for the legend (default {@code "samples"}; e.g. {@code "attained samples"}). */
    public FeatureDistributions withSampleName(String name) {
        Require.that(name != null && !name.isBlank(), "the sample rows need a name");
        return new FeatureDistributions(title, names, bins, columns, maxFeatures, reference, name, marked, markedName);
    }

    /**
     * One row drawn as a vertical line in every panel and named in the legend, e.g. the factual of counterfactuals
     * ({@code withMarkedRow("factual", applicant)}), so a reader sees which features moved from it.
     */
    public FeatureDistributions withMarkedRow(String name, double[] row) {
        Require.that(name != null && !name.isBlank(), "the marked row needs a name");
        Require.that(row != null, "the marked row must not be null");
        return new FeatureDistributions(title, names, bins, columns, maxFeatures, reference, sampled, row.clone(), name);
    }

    public FeatureDistributions withBins(int newBins) {
        Require.that(newBins >= 1, "bins must be ≥ 1, got " + newBins);
        return new FeatureDistributions(title, names, newBins, columns, maxFeatures, reference, sampled, marked,
                markedName);
    }

    /** Panels per row. */
    public FeatureDistributions withColumns(int newColumns) {
        Require.that(newColumns >= 1, "columns must be ≥ 1, got " + newColumns);
        return new FeatureDistributions(title, names, bins, newColumns, maxFeatures, reference, sampled, marked,
                markedName);
    }

    public FeatureDistributions withMaxFeatures(int max) {
        Require.that(max >= 1, "maxFeatures must be ≥ 1, got " + max);
        return new FeatureDistributions(title, names, bins, columns, max, reference, sampled, marked, markedName);
    }

    public ReportFile write(Path file, double[][] training, double[][] samples) {
        return PngFile.write(render(training, samples), file);
    }

    /** {@code training} and {@code samples} are rows with one column per feature. */
    public BufferedImage render(double[][] training, double[][] samples) {
        Require.that(training != null && samples != null, "training and samples must not be null");
        Require.that(training.length > 0 && samples.length > 0, "need at least one training row and one sample, got "
                + training.length + " and " + samples.length);
        int features = training[0].length;
        Require.that(features > 0, "rows have no features");
        Require.rowsOfLength(training, features, "training");
        Require.rowsOfLength(samples, features, "samples");
        Require.that(marked == null || marked.length == features,
                "the marked row has " + (marked == null ? 0 : marked.length) + " values for " + features + " features");
        Require.that(names == null || names.length == features,
                "got " + (names == null ? 0 : names.length) + " feature names for " + features + " features");

        int shown = Math.min(features, maxFeatures);
        int cols = Math.min(columns, shown);
        int rows = (shown + cols - 1) / cols;
        int panelW = cols == 1 ? 800 : Math.max(260, 900 / cols);
        int panelH = (int) Math.round(panelW * 0.62);
        BufferedImage out = new BufferedImage(cols * panelW, HEADER + rows * panelH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            header(g, out.getWidth(), shown < features ? title + " (" + shown + " of " + features + " features)" : title,
                    training.length, incomplete(training), samples.length);
            for (int f = 0; f < shown; f++) {
                BufferedImage panel = PngFile.paint(panel(f, column(training, f), column(samples, f), panelW, panelH));
                g.drawImage(panel, (f % cols) * panelW, HEADER + (f / cols) * panelH, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The reference rows' legend: how many, and how many have values no panel can draw. */
    String referenceLegend(int rows, int incompleteRows) {
        return reference + " (" + rows + " rows" + (incompleteRows > 0 ? ", " + incompleteRows + " with missing or "
                + "non-finite values, left out of those features' panels" : "") + ")";
    }

    /** Rows with a NaN or infinite value: each panel draws only its feature's finite values. */
    static int incomplete(double[][] rows) {
        int n = 0;
        for (double[] row : rows) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private XYChart panel(int f, double[] train, double[] sample, int w, int h) {
        XYChart chart = new XYChartBuilder().width(w).height(h)
                .title(names == null ? "x_" + f : names[f]).build();
        XYStyler styler = chart.getStyler();
        ChartStyle.apply(styler, 0.85);
        styler.setLegendVisible(false);
        styler.setAxisTitlesVisible(false);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        styler.setYAxisMin(0.0);
        styler.setXAxisDecimalPattern("0.##");
        styler.setYAxisDecimalPattern("0.##");
        styler.setChartPadding(6);
        Histogram histogram = Histogram.spanning(train, sample, bins);
        boolean mark = marked != null && Double.isFinite(marked[f]);
        double low = mark ? Math.min(histogram.low(), marked[f]) : histogram.low();
        double high = mark ? Math.max(histogram.high(), marked[f]) : histogram.high();
        double[] bounds = ChartStyle.niceBounds(low, high, 4);
        styler.setXAxisMin(bounds[0]);
        styler.setXAxisMax(bounds[1]);
        double[][] ref = histogram.outline(histogram.fractions(train));
        double[][] smp = histogram.outline(histogram.fractions(sample));
        add(chart, reference, ref, ChartStyle.REFERENCE, 100);
        add(chart, "samples", smp, ChartStyle.SAMPLES, 60);
        if (mark) {
            double top = Math.max(max(ref[1]), max(smp[1]));
            XYSeries line = chart.addSeries(markedName, new double[] {marked[f], marked[f]}, new double[] {0, top});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(MARK);
            line.setLineWidth(2.2f);
        }
        return chart;
    }

    private static void add(XYChart chart, String name, double[][] outline, Color colour, int fillAlpha) {
        XYSeries series = chart.addSeries(name, outline[0], outline[1]);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(colour);
        series.setLineWidth(1.8f);
        series.setFillColor(ChartStyle.translucent(colour, fillAlpha));
    }

    private void header(Graphics2D g, int width, String text, int trainingRows, int incompleteRows, int sampleRows) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.DARK_GRAY);
        g.drawString(fitted(g, text, width - 24), 12, 22);
        g.setFont(new Font(ChartStyle.FONT, Font.PLAIN, 13));
        int x = 12;
        x = swatch(g, x, ChartStyle.REFERENCE, referenceLegend(trainingRows, incompleteRows));
        x = swatch(g, x + 24, ChartStyle.SAMPLES, sampled + " (" + sampleRows + " rows)");
        if (marked != null) {
            g.setColor(MARK);
            g.fillRect(x + 24, 40, 14, 3);
            g.setColor(Color.DARK_GRAY);
            g.drawString(markedName, x + 44, 46);
            x += 44 + g.getFontMetrics().stringWidth(markedName);
        }
        g.drawString("fraction of rows per bin", x + 24, 46);
    }

    /**
     * The title in a bold font of 16 points, smaller down to {@value ChartStyle#SMALLEST_TITLE_POINTS} and then cut with
     * "…" to fit {@code width} pixels (a gate side's "NO VERDICT (…)" title ran off the image mid-word); sets the font.
     */
    static String fitted(Graphics2D g, String text, int width) {
        Font font = new Font(ChartStyle.FONT, Font.BOLD, 16);
        while (font.getSize() > ChartStyle.SMALLEST_TITLE_POINTS && g.getFontMetrics(font).stringWidth(text) > width) {
            font = font.deriveFont((float) font.getSize() - 1);
        }
        g.setFont(font);
        String cut = text;
        while (cut.length() > 1 && g.getFontMetrics().stringWidth(cut) > width) {
            cut = cut.substring(0, cut.length() - 2).stripTrailing() + "…";
        }
        return cut;
    }

    private static int swatch(Graphics2D g, int x, Color colour, String label) {
        g.setColor(ChartStyle.translucent(colour, 90));
        g.fillRect(x, 35, 14, 14);
        g.setColor(colour);
        g.drawRect(x, 35, 14, 14);
        g.setColor(Color.DARK_GRAY);
        g.drawString(label, x + 20, 46);
        return x + 20 + g.getFontMetrics().stringWidth(label);
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static double[] column(double[][] rows, int f) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][f];
        }
        return c;
    }
}
