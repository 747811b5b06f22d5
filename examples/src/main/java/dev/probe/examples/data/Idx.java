package dev.probe.examples.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reader for gzip-compressed IDX files (the MNIST file format): {@code 0x00000803} image files of
 * unsigned bytes and {@code 0x00000801} label files.
 *
 * <pre>{@code
 * byte[] pixels = Idx.readImages(in, 28, 28);   // n * 784 unsigned bytes, row-major
 * int[] labels = Idx.readLabels(in2);
 * }</pre>
 */
public final class Idx {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private Idx() {}

    /**
     * Reads a gzip IDX image file.
     *
     * @param gz the compressed stream (closed by this method)
     * @param rows expected rows per image
     * @param cols expected columns per image
     * @return all pixels, image after image, row-major, as unsigned bytes
     * @throws IOException on a read error or a header that does not match
     */
    public static byte[] readImages(InputStream gz, int rows, int cols) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(gz, 1 << 16))) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IOException("not an IDX image file, magic " + Integer.toHexString(magic));
            }
            int n = in.readInt();
            int r = in.readInt();
            int c = in.readInt();
            if (r != rows || c != cols) {
                throw new IOException("expected " + rows + "x" + cols + " images, found " + r + "x" + c);
            }
            byte[] data = new byte[Math.multiplyExact(n, r * c)];
            in.readFully(data);
            return data;
        }
    }

    /**
     * Reads a gzip IDX label file.
     *
     * @param gz the compressed stream (closed by this method)
     * @return the labels
     * @throws IOException on a read error or a bad header
     */
    public static int[] readLabels(InputStream gz) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(gz))) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new IOException("not an IDX label file, magic " + Integer.toHexString(magic));
            }
            int n = in.readInt();
            byte[] raw = new byte[n];
            in.readFully(raw);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = raw[i] & 0xff;
            }
            return labels;
        }
    }
}
