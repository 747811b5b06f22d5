package dev.probe.core.render;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reading rendered PNGs back and measuring them. */
final class Images {
    private Images() {
    }

    static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalStateException(file + " is not an image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Variance of the grey level over all pixels (0 for a blank image). */
    static double variance(BufferedImage image) {
        double sum = 0;
        double sumSq = 0;
        long n = (long) image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                double g = grey(image.getRGB(x, y));
                sum += g;
                sumSq += g * g;
            }
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }

    /** Pixels in the rectangle that are not white. */
    static int inked(BufferedImage image, int x0, int y0, int width, int height) {
        int n = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Pixels in the rectangle whose hue is close to {@code colour}'s and that are clearly coloured. */
    static int tinted(BufferedImage image, Color colour, int x0, int y0, int width, int height) {
        float hue = Color.RGBtoHSB(colour.getRed(), colour.getGreen(), colour.getBlue(), null)[0];
        int n = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                int rgb = image.getRGB(x, y);
                float[] hsb = Color.RGBtoHSB(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF, null);
                float d = Math.abs(hsb[0] - hue);
                if (Math.min(d, 1 - d) < 0.04 && hsb[1] > 0.25) {
                    n++;
                }
            }
        }
        return n;
    }

    static int tinted(BufferedImage image, Color colour) {
        return tinted(image, colour, 0, 0, image.getWidth(), image.getHeight());
    }

    private static double grey(int rgb) {
        return ((rgb >> 16 & 0xFF) + (rgb >> 8 & 0xFF) + (rgb & 0xFF)) / 3.0;
    }
}
