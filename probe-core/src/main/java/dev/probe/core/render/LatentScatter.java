package dev.probe.core.render;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Where the samples sit among prior draws, as a 2-D scatter (prior in blue, samples in orange, drawn
 * on top). Two dimensions are plotted as they are; more are standardised (each coordinate divided by its standard
 * deviation over the prior points, so features in raw units weigh alike) and projected: where the samples' mean lies
 * at least {@value #MIN_SHIFT} standardised units from the prior's, onto the direction from the one to the other and
 * the first principal component of what that direction leaves (the samples' departure from the prior is then the
 * horizontal axis, however many directions the prior spreads alike in); else onto the first two principal components
 * of prior ∪ samples (the axes say how much variance each keeps); one dimension is
 * plotted against a vertical jitter, prior in a band around 0 and samples around 1. At most 1,000 points per set are
 * drawn, evenly spaced through its rows (the legend says "1000 of 3040 shown").
 *
 * <pre>{@code
 * ReportFile f = LatentScatter.titled("Latent codes of ambivalent digits")
 *         .write(dir.resolve("latent.png"), priorDraws, samples);   // double[n][d], double[m][d]
 * }</pre>
 */
public final class LatentScatter {
    private final String title;
    private final int width;
    private final int height;

    private final String sampled;
    private final String reference;
    /** Names of the coordinates (axes of 1-d and 2-d plots), or {@code null}: {@code z_0, z_1}. */
    private final java.util.List<String> names;

    private LatentScatter(String title, int width, int height, String sampled, String reference) {
        this(title, width, height, sampled, reference, null);
    }

    private LatentScatter(String title, int width, int height, String sampled, String reference,
            java.util.List<String> names) {
        this.names = names;
        this.title = title;
        this.width = width;
        this.height = height;
        this.sampled = sampled;
        this.reference = reference;
    }

    /** 800×500. */
    public static LatentScatter titled(String title) {
        return new LatentScatter(title, 800, 500, "samples", "prior");
    }

    public LatentScatter withSize(int newWidth, int newHeight) {
        Require.that(newWidth >= 100 && newHeight >= 100, "size must be at least 100×100");
        return new LatentScatter(title, newWidth, newHeight, sampled, reference, names);
    }

    /** What the sample points are, for the legend (default {@code "samples"}; e.g. {@code "attained samples"}). */
    public LatentScatter withSampleName(String name) {
        Require.that(name != null && !name.isBlank(), "the samples need a name");
        return new LatentScatter(title, width, height, name, reference, names);
    }

    /** What the reference points are, for the legend (default {@code "prior"}; e.g. {@code "space draws"}). */
    public LatentScatter withReferenceName(String name) {
        Require.that(name != null && !name.isBlank(), "the reference points need a name");
        return new LatentScatter(title, width, height, sampled, name, names);
    }

    /** The coordinates' names, for the axes when there are one or two (e.g. {@code space.coordinateNames()}). */
    public LatentScatter withCoordinateNames(java.util.List<String> coordinateNames) {
        Require.that(coordinateNames != null, "the coordinate names must not be null");
        return new LatentScatter(title, width, height, sampled, reference, java.util.List.copyOf(coordinateNames));
    }

    private String name(int k) {
        return names == null ? "z_" + k : names.get(k);
    }

    public ReportFile write(Path file, double[][] prior, double[][] samples) {
        return PngFile.write(render(prior, samples), file);
    }

    /** {@code prior} and {@code samples} are rows of the same latent dimension; either may be empty. */
    public BufferedImage render(double[][] prior, double[][] samples) {
        return PngFile.paint(chart(prior, samples));
    }

    /** The chart {@link #render} paints. */
    XYChart chart(double[][] prior, double[][] samples) {
        Require.that(prior != null && samples != null, "prior and samples must not be null");
        Require.that(prior.length + samples.length > 0, "no points to plot");
        int d = (prior.length > 0 ? prior : samples)[0].length;
        Require.that(d > 0, "latent dimension is 0");
        Require.rowsOfLength(prior, d, "prior");
        Require.rowsOfLength(samples, d, "samples");
        Require.that(names == null || names.size() == d, "got " + (names == null ? 0 : names.size())
                + " coordinate names for " + d + " coordinates");

        double[][] p;
        double[][] s;
        String xTitle;
        String yTitle;
        String fullTitle = title;
        if (d == 1) {
            p = jittered(prior, 0.0, 1);
            s = jittered(samples, 1.0, 2);
            xTitle = name(0);
            yTitle = "jitter (" + reference + " ≈ 0, " + sampled + " ≈ 1)";
        } else if (d == 2) {
            p = prior;
            s = samples;
            xTitle = name(0);
            yTitle = name(1);
        } else {
            // standardised first: in raw units (income in dollars beside age in years) the widest feature alone made PC1
            double[] scale = scales(prior, samples);
            double[][] priorScaled = scaled(prior, scale);
            double[][] samplesScaled = scaled(samples, scale);
            double[] shift = meanShift(priorScaled, samplesScaled);
            double norm = shift == null ? 0 : Math.sqrt(dot(shift, shift));
            if (norm >= MIN_SHIFT) {
                // the samples' departure from the prior first: over an isotropic 6-d prior, PCA's axes were arbitrary
                // directions and attained samples that differed in two coordinates looked like noise (a new user's)
                double[] u = new double[d];
                for (int k = 0; k < d; k++) {
                    u[k] = shift[k] / norm;
                }
                double[] origin = mean(priorScaled);
                PrincipalComponents rest = PrincipalComponents.fit(without(priorScaled, u), without(samplesScaled, u));
                p = alongShift(priorScaled, u, origin, rest);
                s = alongShift(samplesScaled, u, origin, rest);
                xTitle = String.format(Locale.ROOT, "toward the %s: their mean lies %.2f standardised units from the %s's",
                        sampled, norm, reference);
                yTitle = String.format(Locale.ROOT, "PC1 of the rest (%.1f%% of its variance)", 100 * rest.explained(0));
                fullTitle = title + " (" + d + "-d, axis 1 from the mean of the " + reference + " to theirs)";
            } else {
                PrincipalComponents pca = PrincipalComponents.fit(priorScaled, samplesScaled);
                p = project(pca, priorScaled);
                s = project(pca, samplesScaled);
                xTitle = String.format(Locale.ROOT, "PC1 of standardised coordinates (%.1f%% of variance)",
                        100 * pca.explained(0));
                yTitle = String.format(Locale.ROOT, "PC2 (%.1f%% of variance)", 100 * pca.explained(1));
                fullTitle = title + " (PCA, " + d + "-d)";
            }
        }

        XYChart chart = new XYChartBuilder().width(width).height(height).title(fullTitle)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        ChartStyle.apply(styler, 1.0);
        ChartStyle.fitTitle(chart, width);
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setMarkerSize(6);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setXAxisDecimalPattern("0.##");
        styler.setYAxisDecimalPattern("0.##");
        if (d == 1) {
            styler.setYAxisTicksVisible(false);
            styler.setYAxisMin(-0.5);
            styler.setYAxisMax(1.5);
            styler.setPlotGridHorizontalLinesVisible(false);
        }
        add(chart, reference, p, ChartStyle.translucent(ChartStyle.REFERENCE, 110));
        add(chart, sampled, s, ChartStyle.translucent(ChartStyle.SAMPLES, 210));
        return chart;
    }

    /**
     * At most {@value #MAX_POINTS} points per series are drawn, evenly spaced through the rows (so every chain keeps its
     * share): more only pile up into one blot and made the suite's scatter PNGs 110 KB each on average; the legend says
     * how many of how many are shown. The projection is fitted on every row.
     */
    static final int MAX_POINTS = 1000;

    private static void add(XYChart chart, String name, double[][] all, Color colour) {
        double[][] points = evenlySpaced(all, MAX_POINTS);
        String label = points.length == all.length ? name + " (" + all.length + ")"
                : String.format(Locale.ROOT, "%s (%d of %d shown)", name, points.length, all.length);
        addSeries(chart, label, points, colour);
    }

    /** {@code max} rows of {@code rows} at evenly spaced positions (all of them when there are no more). */
    static double[][] evenlySpaced(double[][] rows, int max) {
        if (rows.length <= max) {
            return rows;
        }
        double[][] out = new double[max][];
        for (int i = 0; i < max; i++) {
            out[i] = rows[(int) ((long) i * rows.length / max)];
        }
        return out;
    }

    private static void addSeries(XYChart chart, String name, double[][] points, Color colour) {
        if (points.length == 0) {
            return;
        }
        double[] x = new double[points.length];
        double[] y = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            x[i] = points[i][0];
            y[i] = points[i][1];
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(colour);
    }

    /**
     * Each coordinate's standard deviation over the reference points (over the samples when there are fewer than two
     * reference points), 1 where it is constant: the samples' departure from the reference then shows in the projection.
     */
    static double[] scales(double[][] reference, double[][] samples) {
        double[][] rows = reference.length >= 2 ? reference : samples;
        int d = (reference.length > 0 ? reference : samples)[0].length;
        double[] sum = new double[d];
        double[] sq = new double[d];
        for (double[] row : rows) {
            for (int k = 0; k < d; k++) {
                sum[k] += row[k];
                sq[k] += row[k] * row[k];
            }
        }
        double[] sd = new double[d];
        for (int k = 0; k < d; k++) {
            double mean = sum[k] / rows.length;
            double v = Math.max(0, sq[k] / rows.length - mean * mean);
            sd[k] = v > 1e-24 * Math.max(1, mean * mean) ? Math.sqrt(v) : 1;
        }
        return sd;
    }

    private static double[][] scaled(double[][] rows, double[] scale) {
        double[][] out = new double[rows.length][scale.length];
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < scale.length; k++) {
                out[i][k] = rows[i][k] / scale[k];
            }
        }
        return out;
    }

    private static double[][] project(PrincipalComponents pca, double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = pca.project(rows[i], 2);
        }
        return out;
    }

    /**
     * Below this distance (in standardised units) between the samples' mean and the reference's, the samples do not
     * sit apart from the reference along one direction (two symmetric pieces, a shell), and the plot is a PCA.
     */
    static final double MIN_SHIFT = 0.5;

    /** The samples' mean less the reference's, or {@code null} when either has fewer than two rows. */
    private static double[] meanShift(double[][] reference, double[][] samples) {
        if (reference.length < 2 || samples.length < 2) {
            return null;
        }
        double[] a = mean(samples);
        double[] b = mean(reference);
        for (int k = 0; k < a.length; k++) {
            a[k] -= b[k];
        }
        return a;
    }

    private static double[] mean(double[][] rows) {
        double[] m = new double[rows[0].length];
        for (double[] row : rows) {
            for (int k = 0; k < m.length; k++) {
                m[k] += row[k] / rows.length;
            }
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /** The rows with their component along the unit vector {@code u} removed. */
    private static double[][] without(double[][] rows, double[] u) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double along = dot(rows[i], u);
            out[i] = new double[u.length];
            for (int k = 0; k < u.length; k++) {
                out[i][k] = rows[i][k] - along * u[k];
            }
        }
        return out;
    }

    /** (position along {@code u} from {@code origin}, first principal component of the rest) of every row. */
    private static double[][] alongShift(double[][] rows, double[] u, double[] origin, PrincipalComponents rest) {
        double[][] residual = without(rows, u);
        double o = dot(origin, u);
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[] {dot(rows[i], u) - o, rest.project(residual[i], 1)[0]};
        }
        return out;
    }

    /** (value, centre ± 0.3) with a fixed seed, so the same data always give the same picture. */
    private static double[][] jittered(double[][] rows, double centre, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[] {rows[i][0], centre + 0.6 * (random.nextDouble() - 0.5)};
        }
        return out;
    }
}
