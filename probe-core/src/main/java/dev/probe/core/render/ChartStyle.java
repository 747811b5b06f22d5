package dev.probe.core.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The one look every chart shares: white background, readable sans-serif fonts, a colour-blind-safe palette. */
final class ChartStyle {
    /** Tableau 10, which stays distinguishable for the common colour-vision deficiencies. */
    static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};
    /** Reference data (prior draws, training data). */
    static final Color REFERENCE = PALETTE[0];
    /** What the probe generated. */
    static final Color SAMPLES = PALETTE[1];
    static final String FONT = Font.SANS_SERIF;

    private ChartStyle() {
    }

    /** Applies the shared look; {@code scale} shrinks fonts for small panels (1 = full size). */
    static void apply(AxesChartStyler styler, double scale) {
        Headless.ensure();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setChartFontColor(Color.DARK_GRAY);
        styler.setAxisTickLabelsColor(Color.DARK_GRAY);
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(FONT, Font.BOLD, size(16, scale)));
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, size(14, scale)));
        styler.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, size(12, scale)));
        styler.setLegendFont(new Font(FONT, Font.PLAIN, size(13, scale)));
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setSeriesColors(PALETTE);
        styler.setLocale(Locale.ROOT);
        styler.setAntiAlias(true);
        styler.setToolTipsEnabled(false);
    }

    /** Smallest title font {@link #fitTitle} shrinks to before it shortens the title. */
    static final int SMALLEST_TITLE_POINTS = 11;

    /**
     * Fits the chart's one-line title to its {@code width}: a smaller font first (down to {@value #SMALLEST_TITLE_POINTS}
     * points), then the title cut at its end with "…". XChart centres a title too long for the chart and cuts both of
     * its ends, so a not-converged probe's trace was titled "ONVERGED, no verdict: …", its mark cut off.
     */
    static void fitTitle(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, int width) {
        String title = chart.getTitle();
        if (title == null || title.isEmpty()) {
            return;
        }
        Styler styler = chart.getStyler();
        Font font = styler.getChartTitleFont();
        java.awt.font.FontRenderContext context = new java.awt.font.FontRenderContext(null, true, true);
        double room = width - 24;
        while (font.getSize2D() > SMALLEST_TITLE_POINTS && font.getStringBounds(title, context).getWidth() > room) {
            font = font.deriveFont(font.getSize2D() - 1);
        }
        styler.setChartTitleFont(font);
        if (font.getStringBounds(title, context).getWidth() > room) {
            String cut = title;
            while (cut.length() > 1 && font.getStringBounds(cut + "…", context).getWidth() > room) {
                cut = cut.substring(0, cut.length() - 1);
            }
            chart.setTitle(cut.stripTrailing() + "…");
        }
    }

    /**
     * One step of making a title fit: a point smaller down to {@value #SMALLEST_TITLE_POINTS}, then a few characters
     * shorter, ending in "…". False when it cannot be shortened further.
     */
    static boolean shortenTitle(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        Styler styler = chart.getStyler();
        Font font = styler.getChartTitleFont();
        if (font.getSize2D() > SMALLEST_TITLE_POINTS) {
            styler.setChartTitleFont(font.deriveFont(font.getSize2D() - 1));
            return true;
        }
        String title = chart.getTitle();
        String kept = title.endsWith("…") ? title.substring(0, title.length() - 1) : title;
        if (kept.length() <= 8) {
            return false;
        }
        chart.setTitle(kept.substring(0, kept.length() - 4).stripTrailing() + "…");
        return true;
    }

    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /** Bounds around [lo, hi] that land on a 1-2-5 step giving about {@code ticks} intervals. */
    static double[] niceBounds(double lo, double hi, int ticks) {
        double raw = (hi - lo) / ticks;
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return new double[] {lo, hi};
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude * (raw <= magnitude ? 1 : raw <= 2 * magnitude ? 2 : raw <= 5 * magnitude ? 5 : 10);
        return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
    }

    private static int size(int points, double scale) {
        return Math.max(9, (int) Math.round(points * scale));
    }
}
