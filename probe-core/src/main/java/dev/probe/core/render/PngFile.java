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

    /** Paints an XChart chart at its own size. */
    static BufferedImage paint(Chart<?, ?> chart) {
        Headless.ensure();
        return BitmapEncoder.getBufferedImage(chart);
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
