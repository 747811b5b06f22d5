package dev.probe.core.space;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;

/**
 * A small procedural image generator and a hand-written shape classifier for the procedural-space tests.
 *
 * <p>{@link #render}: attributes {@code [kind, grey, x, y, r]} (kind 0 square, 1 disc, 2 triangle with
 * its apex up; grey level; centre in pixels; half-size) drawn into a {@value #SIDE}×{@value #SIDE} image
 * (row-major, row 0 at the top, pixel centres at {@code i + ½}). Centres may lie near or beyond the
 * border, so shapes can be cut off.
 *
 * <p>{@link #classifier}: logits from two features of the lit pixels: the fill of their bounding box
 * (square 1, disc π/4, triangle ½) and the taper {@code t = (b − a)/w}, the mean width of the bottom third
 * of the rows minus that of the top third over the widest row (triangle ≈ 0.6, square and disc 0):
 * {@code square 25(fill − 0.89)}, {@code disc 25(0.11 − |fill − 0.78|)}, {@code triangle 25(t − 0.25)}.
 * It is right on whole shapes, and built to be fooled by a disc cut off by the bottom border: the
 * visible cap narrows upwards, so it is "a triangle".
 */
public final class Shapes {
    public static final int SIDE = 16;
    public static final int SQUARE = 0;
    public static final int DISC = 1;
    public static final int TRIANGLE = 2;

    private Shapes() {}

    /** The image of {@code [kind, grey, x, y, r]}. */
    public static double[] render(double[] a) {
        int kind = (int) a[0];
        double grey = a[1];
        double cx = a[2];
        double cy = a[3];
        double r = a[4];
        double[] image = new double[SIDE * SIDE];
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                double dx = j + 0.5 - cx;
                double dy = i + 0.5 - cy;
                boolean inside = switch (kind) {
                    case SQUARE -> Math.abs(dx) <= r && Math.abs(dy) <= r;
                    case DISC -> dx * dx + dy * dy <= r * r;
                    case TRIANGLE -> dy >= -r && dy <= r && Math.abs(dx) <= (dy + r) / 2;
                    default -> throw new IllegalArgumentException("Unknown shape kind " + kind);
                };
                image[i * SIDE + j] = inside ? grey : 0;
            }
        }
        return image;
    }

    /** Logits {@code (square, disc, triangle)} of one image. */
    public static double[] logits(double[] image) {
        int[] widths = new int[SIDE];
        int lit = 0;
        int top = SIDE;
        int bottom = -1;
        int left = SIDE;
        int right = -1;
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                if (image[i * SIDE + j] > 0.1) {
                    widths[i]++;
                    lit++;
                    top = Math.min(top, i);
                    bottom = Math.max(bottom, i);
                    left = Math.min(left, j);
                    right = Math.max(right, j);
                }
            }
        }
        if (lit == 0) {
            return new double[3];
        }
        int h = bottom - top + 1;
        int third = Math.max(1, h / 3);
        double a = 0;
        double b = 0;
        int widest = 0;
        for (int i = top; i <= bottom; i++) {
            widest = Math.max(widest, widths[i]);
        }
        for (int i = 0; i < third; i++) {
            a += widths[top + i];
            b += widths[bottom - i];
        }
        double taper = (b - a) / third / widest;
        double fill = lit / (double) (h * (right - left + 1));
        return new double[] {25 * (fill - 0.89), 25 * (0.11 - Math.abs(fill - 0.78)), 25 * (taper - 0.25)};
    }

    /** The classifier of shape kind on {@value #SIDE}×{@value #SIDE} images, a black box returning logits. */
    public static Classifier classifier() {
        return Classifier.fromLogits(BlackBoxFunction.of("shape-classifier", SIDE * SIDE, 3, rows -> {
            double[][] out = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                out[r] = logits(rows[r]);
            }
            return out;
        }));
    }
}
