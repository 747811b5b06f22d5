package dev.probe.examples.train;

import ai.djl.ndarray.NDArray;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes a batch of 28x28 grey-scale images in [0, 1] as one PNG grid (white ink on black as in the data sets, grey gaps, 2x scale), for
 * the model card.
 *
 * <pre>{@code
 * ImageGrid.write(vae.decode(z), 16, Path.of("examples/model-card/mnist-vae-prior.png"));
 * }</pre>
 */
public final class ImageGrid {
    private static final int SIDE = 28;
    private static final int SCALE = 2;
    private static final int GAP = 2;

    private ImageGrid() {}

    /**
     * @param images {@code [N, 1, 28, 28]} or {@code [N, 784]} with values in [0, 1]
     * @param columns images per row
     * @param png target file (parent folders are created)
     * @throws IOException if the file cannot be written
     */
    public static void write(NDArray images, int columns, Path png) throws IOException {
        float[] px = images.toFloatArray();
        int n = px.length / (SIDE * SIDE);
        int rows = (n + columns - 1) / columns;
        int cell = SIDE * SCALE + GAP;
        BufferedImage img = new BufferedImage(columns * cell + GAP, rows * cell + GAP, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.getRaster().setSample(x, y, 0, 128);
            }
        }
        for (int k = 0; k < n; k++) {
            int ox = GAP + (k % columns) * cell;
            int oy = GAP + (k / columns) * cell;
            for (int r = 0; r < SIDE * SCALE; r++) {
                for (int c = 0; c < SIDE * SCALE; c++) {
                    float v = px[k * SIDE * SIDE + (r / SCALE) * SIDE + c / SCALE];
                    int grey = Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
                    img.getRaster().setSample(ox + c, oy + r, 0, grey);
                }
            }
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        if (!ImageIO.write(img, "png", png.toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
