package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The captions of draws that missed the target: two-decimal probabilities of a draw that barely missed read like a
 * hit (p = 0.998 at tolerance 0.002 shows {@code 2:1.00} in "MISSED the target"), so each missed caption carries its
 * target distance with the decimals it takes to differ from the tolerance.
 */
class SampleGridsTest {
    @Test
    void aMissedDrawsDistanceIsWrittenSoThatItDiffersFromTheTolerance() {
        assertThat(SampleGrids.distinct(0.35, 0.1)).isEqualTo(".35");
        assertThat(SampleGrids.distinct(0.10002, 0.1)).isEqualTo(".10002");
        assertThat(SampleGrids.distinct(0.00201, 0.002)).isEqualTo(".00201");
        assertThat(SampleGrids.distinct(0.1004, 0.1)).isEqualTo(".1004");
        assertThat(SampleGrids.distinct(1.0, 0.1)).isEqualTo("1.00");
    }
}
