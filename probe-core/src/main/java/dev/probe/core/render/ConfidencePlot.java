package dev.probe.core.render;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.style.BoxStyler;

/**
 * How confident the model was on the samples: one box per class of that class's predicted
 * probability (XChart's box style: blue box of the quartiles, red median, whiskers to the last point
 * within 1.5 IQR, red crosses beyond). With more than {@link #withMaxClasses max} classes, the classes
 * {@link #withClassesShown always shown} (a question's own) and those with the highest mean probability are drawn, and the
 * x axis's title says so.
 *
 * <pre>{@code
 * ReportFile f = ConfidencePlot.titled("Confidence on ambivalent samples")
 *         .withClassNames("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")
 *         .write(dir.resolve("confidence.png"), probabilities);   // double[n][10]
 * }</pre>
 */
public final class ConfidencePlot {
    private final String title;
    private final String[] classNames;
    private final int maxClasses;
    private final int width;
    private final int height;
    private final boolean raw;
    private final int[] shown;

    private ConfidencePlot(String title, String[] classNames, int maxClasses, int width, int height, boolean raw) {
        this(title, classNames, maxClasses, width, height, raw, new int[0]);
    }

    private ConfidencePlot(String title, String[] classNames, int maxClasses, int width, int height, boolean raw,
            int[] shown) {
        this.shown = shown;
        this.title = title;
        this.classNames = classNames;
        this.maxClasses = maxClasses;
        this.width = width;
        this.height = height;
        this.raw = raw;
    }

    /** 800×500, classes named by index, at most 20 boxes. */
    public static ConfidencePlot titled(String title) {
        return new ConfidencePlot(title, null, 20, 800, 500, false);
    }

    /** One name per class, in column order of the probabilities. */
    public ConfidencePlot withClassNames(String... names) {
        return new ConfidencePlot(title, names.clone(), maxClasses, width, height, raw, shown);
    }

    public ConfidencePlot withMaxClasses(int max) {
        Require.that(max >= 1, "maxClasses must be ≥ 1, got " + max);
        return new ConfidencePlot(title, classNames, max, width, height, raw, shown);
    }

    public ConfidencePlot withSize(int newWidth, int newHeight) {
        Require.that(newWidth >= 100 && newHeight >= 100, "size must be at least 100×100");
        return new ConfidencePlot(title, classNames, maxClasses, newWidth, newHeight, raw, shown);
    }

    /**
     * A regressor's raw outputs instead of probabilities: one box per output, the y axis fitted to the values
     * (not clipped to [0, 1]) and labelled "model output".
     */
    public ConfidencePlot ofRawOutputs() {
        return new ConfidencePlot(title, classNames, maxClasses, width, height, true, shown);
    }

    /**
     * Classes drawn even when more than {@link #withMaxClasses max} classes leave them out by their mean: a question's own
     * (a new user's "ambivalent 0 vs 25" over 50 classes showed neither 0 nor 25). Indices at or beyond the number of
     * classes are ignored; beyond {@code max} of them, the first {@code max} are drawn.
     */
    public ConfidencePlot withClassesShown(int... classes) {
        for (int c : classes) {
            Require.that(c >= 0, "class indices must be ≥ 0, got " + c);
        }
        return new ConfidencePlot(title, classNames, maxClasses, width, height, raw,
                IntStream.of(classes).distinct().toArray());
    }

    public ReportFile write(Path file, double[][] probabilities) {
        return PngFile.write(render(probabilities), file);
    }

    /** {@code probabilities[i][k]}: sample {@code i}'s predicted probability of class {@code k}. */
    public BufferedImage render(double[][] probabilities) {
        return PngFile.paint(chart(probabilities));
    }

    /** The chart {@link #render} paints. */
    BoxChart chart(double[][] probabilities) {
        Require.that(probabilities != null && probabilities.length > 0, "no probabilities to plot");
        int classes = probabilities[0].length;
        Require.that(classes > 0, "probabilities have no classes (row 0 is empty)");
        Require.rowsOfLength(probabilities, classes, "probabilities");
        Require.that(classNames == null || classNames.length == classes,
                "got " + (classNames == null ? 0 : classNames.length) + " class names for " + classes + " classes");
        if (classNames != null) {
            Set<String> seen = new HashSet<>();
            for (String name : classNames) {
                Require.that(seen.add(name), "class name '" + name + "' appears twice");
            }
        }
        int[] kept = IntStream.of(shown).filter(c -> c < classes).limit(maxClasses).toArray();
        int[] drawn = mostConfident(probabilities, maxClasses, kept);
        String unit = raw ? "output" : "class";
        // the selection is told on the x axis, which spans the plot: in the title it ran past an 800-px image's edge
        String xTitle = drawn.length < classes
                ? unit + " (" + drawn.length + " of " + classes + " " + unit + (raw ? "s" : "es") + ": "
                        + (kept.length > 0 ? "the question's " + IntStream.of(kept).mapToObj(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(", ")) + ", and " : "")
                        + "the highest mean)"
                : unit;

        BoxChart chart = new BoxChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xTitle).yAxisTitle(raw ? "model output" : "predicted probability").build();
        BoxStyler styler = chart.getStyler();
        ChartStyle.apply(styler, 1.0);
        ChartStyle.fitTitle(chart, width);
        styler.setLegendVisible(false);
        // XChart draws every box as wide as the plot's margin, (1 - plotContentSize) of its width, whatever the number
        // of boxes: 20 boxes at the default 0.92 were 1.7 times their spacing wide and ran into each other. This keeps
        // each box within 0.8 of its spacing.
        styler.setPlotContentSize(Math.max(0.92, drawn.length / (drawn.length + 0.8)));
        if (!raw) {
            styler.setYAxisMin(0.0);
            styler.setYAxisMax(1.0);
            // "0.0" labelled ticks 0.01 … 0.04 alike, and XChart then drew none: a plot of 50 classes near 0.02 had no scale
            styler.setYAxisDecimalPattern("0.0##");
        }
        styler.setMarkerSize(5);   // size of the outlier crosses
        styler.setBoxplotCalCulationMethod(BoxStyler.BoxplotCalCulationMethod.N_LESS_1_PLUS_1);
        for (int k : drawn) {
            double[] column = new double[probabilities.length];
            for (int i = 0; i < column.length; i++) {
                column[i] = probabilities[i][k];
            }
            chart.addSeries(classNames == null ? String.valueOf(k) : classNames[k], column);
        }
        return chart;
    }

    /** The {@code max} classes with the highest mean probability, in index order (all if there are fewer). */
    static int[] mostConfident(double[][] p, int max) {
        return mostConfident(p, max, new int[0]);
    }

    /** As above, {@code kept} (distinct, at most {@code max}) among them whatever their mean. */
    static int[] mostConfident(double[][] p, int max, int[] kept) {
        int classes = p[0].length;
        if (classes <= max) {
            return IntStream.range(0, classes).toArray();
        }
        Set<Integer> always = new HashSet<>();
        IntStream.of(kept).forEach(always::add);
        double[] mean = new double[classes];
        for (double[] row : p) {
            for (int k = 0; k < classes; k++) {
                mean[k] += row[k] / p.length;
            }
        }
        int[] top = IntStream.concat(IntStream.of(kept), IntStream.range(0, classes).boxed().filter(k -> !always.contains(k))
                .sorted(Comparator.comparingDouble((Integer k) -> -mean[k])).mapToInt(Integer::intValue))
                .limit(max).toArray();
        Arrays.sort(top);
        return top;
    }
}
