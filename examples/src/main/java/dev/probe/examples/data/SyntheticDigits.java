package dev.probe.examples.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The "synthetic digits" source domain of the domain-shift experiment (BAYES-PROBE §4.8 used SVHN,
 * which is not reachable offline): printed digits rendered with Java2D from the fonts the machine has,
 * 28×28 grey in [0, 1] like MNIST, with random font and style, size, aspect, rotation, offset, stroke
 * width, grey background and ink levels, SVHN-like neighbour digits cut by the border (30% of the
 * images) and pixel noise. The target domain is MNIST's handwriting.
 *
 * <p>Deterministic given the seed on one machine. Fonts differ between machines (a fresh CI machine may
 * have others), so the committed artefacts are the trained weights, not the images; with no physical
 * font at all the generator falls back to Java's logical fonts ({@code Serif}, {@code SansSerif},
 * {@code Monospaced}, {@code Dialog}, {@code DialogInput}), which every JDK provides.
 *
 * <pre>{@code
 * ImageDataset train = SyntheticDigits.generate("synth-train", 20_000, 1L);
 * ImageDataset test = SyntheticDigits.generate("synth-test", 2_000, 2L);
 * }</pre>
 */
public final class SyntheticDigits {
    private static final int SIDE = ImageDataset.SIDE;
    /** Java's logical fonts, present in every JDK: the fallback when no physical font draws digits. */
    public static final List<String> LOGICAL_FONTS = List.of("Dialog", "DialogInput", "Monospaced", "SansSerif", "Serif");
    private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private SyntheticDigits() {}

    /**
     * @param name the data set's name
     * @param count number of images (labels uniform over 0..9)
     * @param seed seed of every random choice
     * @return the images, labels 0..9
     */
    public static ImageDataset generate(String name, int count, long seed) {
        return generate(name, count, seed, fontFamilies());
    }

    /**
     * @param name the data set's name
     * @param count number of images
     * @param seed seed of every random choice
     * @param families font families to draw from (e.g. {@link #LOGICAL_FONTS})
     * @return the images, labels 0..9
     */
    public static ImageDataset generate(String name, int count, long seed, List<String> families) {
        if (families.isEmpty()) {
            throw new IllegalArgumentException("Synthetic digits need at least one font family, e.g. LOGICAL_FONTS.");
        }
        SplittableRandom root = new SplittableRandom(seed);
        byte[] pixels = new byte[count * ImageDataset.PIXELS];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            SplittableRandom rng = root.split();
            labels[i] = rng.nextInt(10);
            float[] img = render(labels[i], rng, families);
            for (int p = 0; p < img.length; p++) {
                pixels[i * ImageDataset.PIXELS + p] = (byte) Math.round(255 * img[p]);
            }
        }
        return new ImageDataset(name, pixels, labels, CLASSES);
    }

    /**
     * The font families used: every installed family that draws all ten digits, sorted by name, or the
     * logical fonts if there is none.
     *
     * @return family names
     */
    public static List<String> fontFamilies() {
        TreeSet<String> names = new TreeSet<>();
        String[] installed;
        try {
            installed = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(java.util.Locale.ROOT);
        } catch (RuntimeException | Error e) {
            installed = new String[0];
        }
        for (String family : installed) {
            if (LOGICAL_FONTS.contains(family)) {
                continue;
            }
            Font f = new Font(family, Font.PLAIN, 20);
            if (f.getFamily(java.util.Locale.ROOT).equals(family) && f.canDisplayUpTo("0123456789") < 0) {
                names.add(family);
            }
        }
        return names.isEmpty() ? LOGICAL_FONTS : new ArrayList<>(names);
    }

    /** One image of {@code digit}: 784 floats in [0, 1], row-major. */
    static float[] render(int digit, SplittableRandom rng, List<String> families) {
        BufferedImage canvas = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, SIDE, SIDE);
        g.setColor(Color.WHITE);
        String family = families.get(rng.nextInt(families.size()));
        int style = rng.nextInt(4); // PLAIN, BOLD, ITALIC, BOLD|ITALIC
        float size = 15 + 11 * (float) rng.nextDouble();
        Font font = new Font(family, style, 1).deriveFont(size);
        double stroke = rng.nextDouble() < 0.5 ? 0 : 2.2 * rng.nextDouble();
        double angle = Math.toRadians(-15 + 30 * rng.nextDouble());
        double aspect = 0.8 + 0.4 * rng.nextDouble();
        double dx = -3 + 6 * rng.nextDouble();
        double dy = -3 + 6 * rng.nextDouble();
        draw(g, font, digit, 14 + dx, 14 + dy, angle, aspect, stroke);
        if (rng.nextDouble() < 0.3) { // neighbours cut by the border, as in house-number crops
            double gap = size * (0.65 + 0.2 * rng.nextDouble());
            draw(g, font, rng.nextInt(10), 14 + dx - gap, 14 + dy, angle, aspect, stroke);
            if (rng.nextDouble() < 0.5) {
                draw(g, font, rng.nextInt(10), 14 + dx + gap, 14 + dy, angle, aspect, stroke);
            }
        }
        g.dispose();
        double background = 0.35 * rng.nextDouble();
        double foreground = Math.min(1, background + 0.5 + 0.5 * rng.nextDouble());
        double noise = 0.06 * rng.nextDouble();
        float[] out = new float[SIDE * SIDE];
        byte[] raw = ((java.awt.image.DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        for (int p = 0; p < out.length; p++) {
            double ink = (raw[p] & 0xff) / 255.0;
            double v = background + (foreground - background) * ink;
            v += noise * rng.nextGaussian();
            out[p] = (float) Math.max(0, Math.min(1, v));
        }
        return out;
    }

    private static void draw(Graphics2D g, Font font, int digit, double cx, double cy, double angle, double aspect,
            double stroke) {
        FontRenderContext frc = g.getFontRenderContext();
        Shape outline = font.createGlyphVector(frc, Integer.toString(digit)).getOutline();
        Rectangle2D b = outline.getBounds2D();
        AffineTransform t = new AffineTransform();
        t.translate(cx, cy);
        t.rotate(angle);
        t.scale(aspect, 1);
        t.translate(-b.getCenterX(), -b.getCenterY());
        Shape placed = t.createTransformedShape(outline);
        g.fill(placed);
        if (stroke > 0) {
            g.setStroke(new BasicStroke((float) stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(placed);
        }
    }
}
