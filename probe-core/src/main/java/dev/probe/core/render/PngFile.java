package dev.probe.core.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Turns charts into images and writes images as PNG files (creating parent folders). */
final class PngFile {
    private PngFile() {
    }

    /**
     * Paints an XChart chart at its own size. XChart centres the title over the plot, not the image, and cuts a title
     * too long for that at both ends ("ONVERGED, no verdict: …" of a trace with its legend outside): while the title
     * runs off an edge, it is painted again smaller, then shortened ({@link ChartStyle#shortenTitle}).
     */
    static BufferedImage paint(Chart<?, ?> chart) {
        Headless.ensure();
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        for (int tries = 0; tries < 60 && titleRunsOff(image, chart) && ChartStyle.shortenTitle(chart); tries++) {
            image = BitmapEncoder.getBufferedImage(chart);
        }
        return image;
    }

    /** Columns at either edge of an image that a title leaves blank. */
    static final int TITLE_MARGIN = 6;

    /** Whether the title's band has ink in the image's outermost {@value #TITLE_MARGIN} columns. */
    static boolean titleRunsOff(BufferedImage image, Chart<?, ?> chart) {
        String title = chart.getTitle();
        if (title == null || title.isEmpty() || !chart.getStyler().isChartTitleVisible()) {
            return false;
        }
        int band = Math.min(image.getHeight(), (int) Math.ceil(chart.getStyler().getChartTitleFont().getSize2D() * 1.6)
                + chart.getStyler().getChartTitlePadding() + 4);
        for (int y = 0; y < band; y++) {
            for (int k = 0; k < TITLE_MARGIN; k++) {
                if ((image.getRGB(k, y) & 0xFFFFFF) != 0xFFFFFF
                        || (image.getRGB(image.getWidth() - 1 - k, y) & 0xFFFFFF) != 0xFFFFFF) {
                    return true;
                }
            }
        }
        return false;
    }

    static ReportFile write(BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer available in javax.imageio");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return ReportFile.of(file, ReportFile.PNG);
    }
}
