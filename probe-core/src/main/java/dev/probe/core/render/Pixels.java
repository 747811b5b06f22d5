package dev.probe.core.render;

import java.awt.image.BufferedImage;

/**
 * One image's values, channel-first ({@code c·h·w}, {@code c} = 1 grey or 3 RGB, each in [0, 1] or in a
 * given range), as an RGB {@code BufferedImage}. Values outside the range are clamped; a non-finite value paints
 * its pixel magenta so it cannot pass for a dark or bright one.
 */
final class Pixels {
    static final int NON_FINITE = 0xFF00FF;

    private final int channels;
    private final int height;
    private final int width;

    Pixels(int channels, int height, int width) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "×" + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    int length() {
        return channels * height * width;
    }

    String shape() {
        return channels + "×" + height + "×" + width;
    }

    BufferedImage toImage(double[] values) {
        return toImage(values, 0, 1);
    }

    /** As {@link #toImage(double[])}, with {@code lo} drawn black and {@code hi} white (a generator's [−1, 1]). */
    BufferedImage toImage(double[] values, double lo, double hi) {
        double span = hi - lo;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int rgb;
                if (channels == 1) {
                    int v = level((values[i] - lo) / span);
                    rgb = v < 0 ? NON_FINITE : v << 16 | v << 8 | v;
                } else {
                    int r = level((values[i] - lo) / span);
                    int g = level((values[plane + i] - lo) / span);
                    int b = level((values[2 * plane + i] - lo) / span);
                    rgb = r < 0 || g < 0 || b < 0 ? NON_FINITE : r << 16 | g << 8 | b;
                }
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    /** 0..255, or -1 for a non-finite value. */
    private static int level(double v) {
        if (!Double.isFinite(v)) {
            return -1;
        }
        return (int) Math.round(Math.min(1.0, Math.max(0.0, v)) * 255.0);
    }
}
