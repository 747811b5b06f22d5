package dev.probe.core.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A PNG grid of generated images, each upscaled with a caption under it (e.g. predicted class and
 * confidence). Images are rows of {@code double}s in [0, 1]: {@code h·w} grey values or {@code 3·h·w}
 * RGB values, channel-first. At most {@link #withMaxImages max} images are drawn; the title says how
 * many were left out.
 *
 * <pre>{@code
 * ReportFile f = ImageGrid.grey(28, 28)
 *         .withTitle("Ambivalent digits")
 *         .write(dir.resolve("samples.png"), pixels, new String[] {"7: 0.51", "1: 0.49"});
 * }</pre>
 */
public final class ImageGrid {
    private static final int PAD = 8;
    private static final int CAPTION_FONT = 13;
    private static final int MIN_CELL_WIDTH = 64;
    /** Widest a cell grows to fit its caption. */
    private static final int MAX_CAPTION_WIDTH = 240;
    /** Narrowest width a heading wraps at, in pixels. */
    private static final int MIN_HEADING_WIDTH = 640;
    /** Height of a heading line, in pixels. */
    private static final int HEADING_LINE = 20;

    private final Pixels pixels;
    private final int columns;
    private final int scale;
    private final int maxImages;
    private final String title;

    private ImageGrid(Pixels pixels, int columns, int scale, int maxImages, String title) {
        this.pixels = pixels;
        this.columns = columns;
        this.scale = scale;
        this.maxImages = maxImages;
        this.title = title;
    }

    /** Grey images of {@code height × width} values. */
    public static ImageGrid grey(int height, int width) {
        return of(1, height, width);
    }

    /** RGB images stored channel-first: all red values, then green, then blue. */
    public static ImageGrid rgb(int height, int width) {
        return of(3, height, width);
    }

    /** {@code channels} is 1 (grey) or 3 (RGB); defaults: ×3 upscaling, at most 64 images, square-ish layout. */
    public static ImageGrid of(int channels, int height, int width) {
        return new ImageGrid(new Pixels(channels, height, width), 0, 3, 64, "");
    }

    /** Images per row; 0 (the default) picks a square-ish layout. */
    public ImageGrid withColumns(int newColumns) {
        Require.that(newColumns >= 0, "columns must be ≥ 0, got " + newColumns);
        return new ImageGrid(pixels, newColumns, scale, maxImages, title);
    }

    /** How many screen pixels one image pixel becomes along each side. */
    public ImageGrid withScale(int newScale) {
        Require.that(newScale >= 1, "scale must be ≥ 1, got " + newScale);
        return new ImageGrid(pixels, columns, newScale, maxImages, title);
    }

    public ImageGrid withMaxImages(int newMax) {
        Require.that(newMax >= 1, "maxImages must be ≥ 1, got " + newMax);
        return new ImageGrid(pixels, columns, scale, newMax, title);
    }

    public ImageGrid withTitle(String newTitle) {
        return new ImageGrid(pixels, columns, scale, maxImages, newTitle == null ? "" : newTitle);
    }

    /** Writes the grid as PNG; {@code captions} may be {@code null}, else one per image. */
    public ReportFile write(Path file, double[][] images, String[] captions) {
        return PngFile.write(render(images, captions), file);
    }

    /** Draws the grid; {@code captions} may be {@code null}, else one per image. */
    public BufferedImage render(double[][] images, String[] captions) {
        check(images, captions);
        Headless.ensure();
        int shown = Math.min(images.length, maxImages);
        int cols = columns > 0 ? Math.min(columns, shown) : (int) Math.ceil(Math.sqrt(shown));
        int rows = (shown + cols - 1) / cols;
        int tileW = pixels.width() * scale;
        int tileH = pixels.height() * scale;
        // every caption and the heading are drawn whole: a cell is as wide as its widest caption (at most
        // MAX_CAPTION_WIDTH), the image as wide as its heading
        int widest = 0;
        int headingW = 0;
        List<String> headingLines = List.of();
        int cellW = 0;
        // pixels outside [0, 1] (a tanh generator's [−1, 1]) were clamped: 39 of 48 images of a user's grid were black
        // where the model saw a clear shape. The grid's own range is drawn black to white instead, and the heading says so
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < shown; i++) {
            for (double v : images[i]) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double black = Math.min(0, lo);
        double white = Math.max(1, hi);
        String range = rangeNote(lo, hi);
        String heading = heading(shown, images.length, range);
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D m = scratch.createGraphics();
        try {
            m.setFont(new Font(ChartStyle.FONT, Font.PLAIN, CAPTION_FONT));
            for (int i = 0; captions != null && i < shown; i++) {
                widest = Math.max(widest, m.getFontMetrics().stringWidth(captions[i] == null ? "" : captions[i]));
            }
            cellW = Math.max(Math.max(tileW, MIN_CELL_WIDTH), Math.min(widest + 6, MAX_CAPTION_WIDTH));
            m.setFont(new Font(ChartStyle.FONT, Font.BOLD, 15));
            // the heading wraps at the grid's width (at least MIN_HEADING_WIDTH): a one-line title made a 7-column grid
            // 2,064 pixels wide, the grid in its left 800, so the captions were small on a screen
            headingLines = wrap(heading, m.getFontMetrics(), Math.max(PAD + cols * (cellW + PAD), MIN_HEADING_WIDTH) - 2 * PAD);
            for (String line : headingLines) {
                headingW = Math.max(headingW, m.getFontMetrics().stringWidth(line));
            }
        } finally {
            m.dispose();
        }
        int captionH = captions == null ? 0 : CAPTION_FONT + 6;
        int cellH = tileH + captionH;
        int headerH = heading.isEmpty() ? 0 : 8 + HEADING_LINE * headingLines.size();

        BufferedImage out = new BufferedImage(Math.max(PAD + cols * (cellW + PAD), headingW + 2 * PAD),
                headerH + PAD + rows * (cellH + PAD), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.DARK_GRAY);
            if (headerH > 0) {
                g.setFont(new Font(ChartStyle.FONT, Font.BOLD, 15));
                for (int l = 0; l < headingLines.size(); l++) {
                    g.drawString(headingLines.get(l), PAD, 20 + HEADING_LINE * l);
                }
            }
            g.setFont(new Font(ChartStyle.FONT, Font.PLAIN, CAPTION_FONT));
            for (int i = 0; i < shown; i++) {
                int x = PAD + (i % cols) * (cellW + PAD);
                int y = headerH + PAD + (i / cols) * (cellH + PAD);
                int tx = x + (cellW - tileW) / 2;
                g.drawImage(pixels.toImage(images[i], black, white), tx, y, tileW, tileH, null);
                g.setColor(Color.LIGHT_GRAY);
                g.drawRect(tx - 1, y - 1, tileW + 1, tileH + 1);
                if (captions != null) {
                    g.setColor(Color.BLACK);
                    drawCentred(g, captions[i] == null ? "" : captions[i], x, cellW, y + tileH + CAPTION_FONT + 2);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * The heading's note on pixels outside [0, 1], which are drawn from min(0, lowest) black to max(1, highest) white:
     * both ranges (a [0, 255] generator's pixels 4.39 to 248 were headed "0.00 to 248", the range drawn, as if it were
     * theirs); empty for pixels in [0, 1].
     */
    static String rangeNote(double lowest, double highest) {
        if (!(lowest < 0 || highest > 1)) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "pixels %.3g to %.3g, outside [0, 1]: %.3g drawn black, %.3g white",
                lowest, highest, Math.min(0, lowest), Math.max(1, highest));
    }

    private String heading(int shown, int total, String range) {
        String note = shown < total ? "showing " + shown + " of " + total : "";
        note = range.isEmpty() ? note : note.isEmpty() ? range : note + "; " + range;
        if (title.isEmpty()) {
            return note;
        }
        return note.isEmpty() ? title : title + " (" + note + ")";
    }

    /** {@code text} broken at spaces into lines of at most {@code width} pixels (a longer word keeps a line to itself). */
    static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String longer = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && fm.stringWidth(longer) > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(longer);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static void drawCentred(Graphics2D g, String text, int x, int width, int baseline) {
        FontMetrics fm = g.getFontMetrics();
        String s = text;
        while (s.length() > 1 && fm.stringWidth(s) > width) {
            s = s.substring(0, s.length() - 2) + "…";
        }
        g.drawString(s, x + (width - fm.stringWidth(s)) / 2, baseline);
    }

    private void check(double[][] images, String[] captions) {
        Require.that(images != null && images.length > 0, "no images to draw");
        for (int i = 0; i < images.length; i++) {
            Require.that(images[i] != null && images[i].length == pixels.length(), "image " + i + " has "
                    + (images[i] == null ? "no" : images[i].length) + " values but a " + pixels.shape()
                    + " image (channels×height×width) needs " + pixels.length());
        }
        Require.that(captions == null || captions.length == images.length,
                "got " + (captions == null ? 0 : captions.length) + " captions for " + images.length + " images");
    }
}
