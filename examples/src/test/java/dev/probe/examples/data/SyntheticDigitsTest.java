package dev.probe.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The synthetic-digits source domain: deterministic per seed, balanced, MNIST-shaped, and font-robust. */
class SyntheticDigitsTest {

    @Test
    void sameSeedSameImagesOtherSeedOtherImages() {
        ImageDataset a = SyntheticDigits.generate("a", 50, 7);
        ImageDataset b = SyntheticDigits.generate("b", 50, 7);
        ImageDataset c = SyntheticDigits.generate("c", 50, 8);
        assertThat(a.labels()).containsExactly(b.labels());
        for (int i = 0; i < 50; i++) {
            assertThat(a.image(i)).containsExactly(b.image(i));
        }
        assertThat(Arrays.equals(a.image(0), c.image(0))).isFalse();
    }

    @Test
    void imagesAreGreyInTheUnitIntervalWithEveryDigit() {
        ImageDataset d = SyntheticDigits.generate("d", 500, 3);
        assertThat(Arrays.stream(d.labels()).distinct().sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (int i = 0; i < d.size(); i++) {
            float[] x = d.image(i);
            assertThat(x).hasSize(784);
            float min = 1;
            float max = 0;
            for (float v : x) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertThat(min).isGreaterThanOrEqualTo(0f);
            assertThat(max).isLessThanOrEqualTo(1f);
            assertThat(max - min).as("image %d has a visible digit", i).isGreaterThan(0.3f);
        }
    }

    /** A machine without physical fonts still gets digits, from Java's logical fonts. */
    @Test
    void logicalFontsAreAFallbackThatWorks() {
        ImageDataset d = SyntheticDigits.generate("logical", 20, 5, SyntheticDigits.LOGICAL_FONTS);
        assertThat(d.size()).isEqualTo(20);
        assertThat(SyntheticDigits.fontFamilies()).isNotEmpty();
        assertThatThrownBy(() -> SyntheticDigits.generate("none", 1, 1, List.of()))
                .hasMessageContaining("at least one font family");
    }
}
