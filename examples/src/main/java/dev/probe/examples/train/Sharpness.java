package dev.probe.examples.train;

/**
 * How blurry generated digits are: the fraction of inked pixels (value above 0.1) that are mid-tones
 * (below 0.9). Crisp strokes are mostly full ink with a thin anti-aliased rim; a blurry image is mostly
 * rim. A proxy for the paper's "GANs produce sharper images than VAEs" (BAYES-PROBE §5).
 *
 * <pre>{@code
 * double blur = Sharpness.midtoneFraction(images.toFloatArray());   // MNIST ≈ 0.3, VAE samples higher
 * }</pre>
 */
public final class Sharpness {
    /** Pixels above this value count as ink. */
    public static final double INK = 0.1;
    /** Ink above this value counts as full ink. */
    public static final double FULL = 0.9;

    private Sharpness() {}

    /**
     * @param pixels pixel values in [0, 1] of any number of images
     * @return mid-tones among inked pixels, in [0, 1] ({@code NaN} without ink)
     */
    public static double midtoneFraction(float[] pixels) {
        long ink = 0;
        long mid = 0;
        for (float p : pixels) {
            if (p > INK) {
                ink++;
                mid += p < FULL ? 1 : 0;
            }
        }
        return ink == 0 ? Double.NaN : (double) mid / ink;
    }

    /** As {@link #midtoneFraction(float[])}, for rows of doubles. */
    public static double midtoneFraction(double[][] images) {
        long ink = 0;
        long mid = 0;
        for (double[] row : images) {
            for (double p : row) {
                if (p > INK) {
                    ink++;
                    mid += p < FULL ? 1 : 0;
                }
            }
        }
        return ink == 0 ? Double.NaN : (double) mid / ink;
    }
}
