package dev.probe.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
    private static final int PAD = 8;

    @TempDir
    Path dir;

    /** Image {@code i} is uniformly grey at level (i mod 10 + 1) / 11, inside [0, 1]. */
    private static double[][] greyLevels(int n, int side) {
        double[][] images = new double[n][side * side];
        for (int i = 0; i < n; i++) {
            Arrays.fill(images[i], (i % 10 + 1) / 11.0);
        }
        return images;
    }

    @Test
    void writesAPngWithEveryTileInPlaceAndUpscaled() {
        ReportFile file = ImageGrid.grey(28, 28).withColumns(5)
                .write(dir.resolve("grid.png"), greyLevels(10, 28), null);

        assertThat(file.mediaType()).isEqualTo(ReportFile.PNG);
        assertThat(file.name()).isEqualTo("grid.png");
        BufferedImage png = Images.read(file.path());
        int cell = 28 * 3 + PAD;
        assertThat(png.getWidth()).isEqualTo(PAD + 5 * cell);
        assertThat(png.getHeight()).isEqualTo(PAD + 2 * cell);
        for (int i = 0; i < 10; i++) {
            int centreX = PAD + (i % 5) * cell + 42;
            int centreY = PAD + (i / 5) * cell + 42;
            int level = (int) Math.round((i + 1) / 11.0 * 255);
            assertThat(png.getRGB(centreX, centreY) & 0xFFFFFF).as("tile %d", i)
                    .isEqualTo(level << 16 | level << 8 | level);
        }
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }

    @Test
    void captionsAreDrawnUnderTheirTiles() {
        String[] captions = {"7: 0.98", "1: 0.51", "3: 0.77"};
        BufferedImage png = ImageGrid.grey(10, 10).withColumns(3).withScale(4)
                .render(greyLevels(3, 10), captions);

        int cellW = 64; // a 40-pixel tile sits in a cell at least 64 wide so captions fit
        for (int i = 0; i < 3; i++) {
            int x = PAD + i * (cellW + PAD);
            assertThat(Images.inked(png, x, PAD + 40 + 2, cellW, 16)).as("caption %d", i).isGreaterThan(20);
        }
    }

    /**
     * Captions and titles are drawn whole: a pair's caption ("0:.500 1:.499") on 8×8 images used to be cut to
     * "0:.50 1:…", hiding the second class, and a long title lost its counts.
     */
    @Test
    void longCaptionsWidenTheirCellsAndALongTitleTheImage() {
        ImageGrid grid = ImageGrid.grey(8, 8).withColumns(2).withScale(4);
        BufferedImage shortCaptions = grid.render(greyLevels(2, 8), new String[] {"7", "1"});
        BufferedImage longCaptions = grid.render(greyLevels(2, 8), new String[] {"0:.500 1:.499 d>.101", "0:.4 1:.6"});
        assertThat(shortCaptions.getWidth()).isEqualTo(8 + 2 * (64 + 8));
        assertThat(longCaptions.getWidth()).as("cells as wide as the widest caption").isGreaterThan(shortCaptions.getWidth());
        String title = "MISSED the target (distance > 0.1): 494 of 512 draws, a title longer than two small tiles";
        BufferedImage titled = grid.withTitle(title).render(greyLevels(2, 8), new String[] {"7", "1"});
        assertThat(titled.getWidth()).as("as wide as its title").isGreaterThan(shortCaptions.getWidth() + 200);
        // a title much wider than its grid wraps at the grid's width (at least 640 pixels): a one-line title made a
        // 7-column grid 2,064 pixels wide, the grid in its left 800
        String longTitle = (title + "; ").repeat(4);
        BufferedImage wrapped = grid.withTitle(longTitle).render(greyLevels(2, 8), new String[] {"7", "1"});
        assertThat(wrapped.getWidth()).as("wrapped at 640 pixels").isLessThanOrEqualTo(640);
        assertThat(wrapped.getHeight()).as("on more lines").isGreaterThan(titled.getHeight() + 40);
    }

    @Test
    void rgbImagesAreReadChannelFirst() {
        double[] red = new double[3 * 4 * 4];
        Arrays.fill(red, 0, 16, 1.0);
        double[] blue = new double[3 * 4 * 4];
        Arrays.fill(blue, 32, 48, 1.0);

        BufferedImage png = ImageGrid.rgb(4, 4).withScale(10).withColumns(2).render(new double[][] {red, blue}, null);

        int cellW = 64;
        assertThat(png.getRGB(PAD + 20 + (cellW - 40) / 2, PAD + 20) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(png.getRGB(PAD + cellW + PAD + 20 + (cellW - 40) / 2, PAD + 20) & 0xFFFFFF).isEqualTo(0x0000FF);
    }

    /**
     * A tanh generator's images in [−1, 1] were clamped to [0, 1]: 39 of 48 tiles of a user's grid were black where the
     * model saw a clear shape. The grid's range is drawn black to white, and the heading says so.
     */
    @Test
    void imagesOutsideZeroToOneAreDrawnOverTheirRangeNotClamped() {
        double[][] signed = new double[3][100];
        Arrays.fill(signed[0], -1);
        Arrays.fill(signed[1], 0);
        Arrays.fill(signed[2], 1);
        BufferedImage png = ImageGrid.grey(10, 10).withColumns(3).withScale(4).render(signed, null);
        int cellW = 64;
        int[] expected = {0, 128, 255};
        for (int i = 0; i < 3; i++) {
            int x = PAD + i * (cellW + PAD) + (cellW - 40) / 2 + 20;
            int y = 28 + PAD + 20; // below the heading that names the range
            assertThat(png.getRGB(x, y) & 0xFF).as("tile %d", i).isEqualTo(expected[i]);
        }
        assertThat(Images.inked(png, 0, 0, png.getWidth(), 28)).as("heading naming the range").isPositive();
        // images in [0, 1] keep their levels and get no such heading
        BufferedImage unit = ImageGrid.grey(10, 10).withColumns(3).withScale(4).render(greyLevels(3, 10), null);
        assertThat(unit.getHeight()).isEqualTo(png.getHeight() - 28);
    }

    @Test
    void theHeadingNamesThePixelsRangeAndTheRangeDrawn() {
        // a [0, 255] generator's pixels 4.39 to 248 were headed "0.00 to 248", the range drawn
        assertThat(ImageGrid.rangeNote(4.39, 248)).isEqualTo("pixels 4.39 to 248, outside [0, 1]: 0.00 drawn black, 248 white");
        assertThat(ImageGrid.rangeNote(-0.963, 0.958))
                .isEqualTo("pixels -0.963 to 0.958, outside [0, 1]: -0.963 drawn black, 1.00 white");
        assertThat(ImageGrid.rangeNote(0.1, 0.9)).isEmpty();
    }

    @Test
    void nonFiniteValuesShowMagenta() {
        double[] image = new double[4];
        image[0] = Double.NaN;
        BufferedImage png = ImageGrid.grey(2, 2).withScale(1).render(new double[][] {image}, null);

        assertThat(Images.tinted(png, java.awt.Color.MAGENTA)).isPositive();
    }

    @Test
    void drawsAtMostMaxImagesAndSaysSoInTheHeading() {
        BufferedImage all = ImageGrid.grey(8, 8).render(greyLevels(100, 8), null);
        BufferedImage few = ImageGrid.grey(8, 8).withMaxImages(9).render(greyLevels(100, 8), null);

        int cellW = 64 + PAD;
        assertThat(all.getWidth()).isEqualTo(PAD + 8 * cellW);   // 64 images, 8 × 8
        assertThat(few.getWidth()).isEqualTo(PAD + 3 * cellW);   // 9 images, 3 × 3
        assertThat(Images.inked(few, 0, 0, few.getWidth(), 28)).as("heading").isPositive();
    }

    @Test
    void aRowOfTheWrongLengthIsNamedWithTheExpectedShape() {
        double[][] images = {new double[784], new double[780]};

        assertThatThrownBy(() -> ImageGrid.grey(28, 28).render(images, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image 1 has 780 values")
                .hasMessageContaining("1×28×28")
                .hasMessageContaining("784");
        assertThatThrownBy(() -> ImageGrid.rgb(28, 28).render(new double[][] {new double[784]}, null))
                .hasMessageContaining("3×28×28").hasMessageContaining("2352");
    }

    @Test
    void captionCountMustMatch() {
        assertThatThrownBy(() -> ImageGrid.grey(2, 2).render(greyLevels(3, 2), new String[] {"a"}))
                .hasMessage("got 1 captions for 3 images");
        assertThatThrownBy(() -> ImageGrid.of(2, 2, 2)).hasMessageContaining("channels must be 1 (grey) or 3 (RGB)");
        assertThatThrownBy(() -> ImageGrid.grey(2, 2).render(new double[0][], null)).hasMessage("no images to draw");
    }
}
