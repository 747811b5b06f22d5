package dev.probe.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link PriorMass#rarity()}: two significant digits, written out up to a trillion, powers of ten beyond; bounds from
 * Student's t with populations − 1 degrees of freedom.
 */
class PriorMassTest {

    private static String rarity(double oneIn) {
        return new PriorMass(-Math.log(oneIn), 0.1, 4).rarity();
    }

    @Test
    void commonSetsAreWrittenOut() {
        assertThat(rarity(1)).isEqualTo("about 100% of the prior");
        assertThat(rarity(1 / 0.73)).isEqualTo("about 73% of the prior");
        assertThat(rarity(5.3)).isEqualTo("about 19% of the prior");
        assertThat(rarity(10.4)).isEqualTo("about 1 in 10");
        assertThat(rarity(150)).isEqualTo("about 1 in 150");
        assertThat(rarity(2_987)).isEqualTo("about 1 in 3,000");
        assertThat(rarity(9_960)).isEqualTo("about 1 in 10,000");
        assertThat(rarity(4.4e11)).isEqualTo("about 1 in 440,000,000,000");
    }

    @Test
    void rareSetsAreWrittenInPowersOfTen() {
        assertThat(rarity(1.26e12)).isEqualTo("about 1 in 1.3 × 10^12");
        assertThat(new PriorMass(-200, 0, 2).rarity()).isEqualTo("about 1 in 7.2 × 10^86");
        assertThat(new PriorMass(-1000, 0, 2).rarity()).isEqualTo("about 1 in 2.0 × 10^434");
        assertThat(new PriorMass(-Math.log(9.96e20), 0, 2).rarity()).isEqualTo("about 1 in 1.0 × 10^21");
    }

    @Test
    void widelyDisagreeingPopulationsShowTheirIntervalInWords() {
        // a new user's tiny leaf (exact log Z -9.39): the populations' log Z spread over 51 nats
        String wide = new PriorMass(-9.903, 2.168, 4).toString();
        assertThat(wide).startsWith("log Z = -9.903 ± 2.168 (about 1 in 20,000, 4 populations; the populations "
                + "disagree: 95% between 1 in ").contains(" and 1 in ")
                // and says what the interval assumes: populations that never reached the set all read low
                .endsWith(" if each saw the whole set, while populations that missed part of it read low, so check "
                        + "convergence and attainment before reading the upper end as a bound)");
        assertThat(new PriorMass(-9.12, 12.04, 4).toString()).contains("and 100% of the prior if each saw");
        assertThat(new PriorMass(-8.01, 0.12, 4).toString()).isEqualTo("log Z = -8.010 ± 0.120 (about 1 in 3,000, 4 populations)");
    }

    @Test
    void degenerateEstimatesSaySo() {
        assertThat(new PriorMass(Double.NEGATIVE_INFINITY, 0, 2).rarity()).isEqualTo("no prior mass found");
        assertThat(new PriorMass(Double.NaN, 0, 2).rarity()).isEqualTo("unknown rarity");
        assertThat(new PriorMass(0.3, 0, 2).rarity()).isEqualTo("about 100% of the prior");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PriorMass(-1, 0.1, 0))
                .hasMessageContaining("at least one population");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PriorMass(-1, -0.1, 2))
                .hasMessageContaining("A standard error is ≥ 0");
    }

    @Test
    void boundsUseStudentsTWithPopulationsMinusOneDegreesOfFreedom() {
        PriorMass four = new PriorMass(-10, 0.5, 4);
        // t(3) at 0.975 = 3.1824
        assertThat(four.logUpperBound(0.95)).isCloseTo(-10 + 3.1824 * 0.5, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(four.logLowerBound(0.95)).isCloseTo(-10 - 3.1824 * 0.5, org.assertj.core.data.Offset.offset(1e-3));
        // t(15) at 0.975 = 2.1314; t(15) at 0.95 = 1.7531
        assertThat(new PriorMass(-10, 1, 16).logUpperBound(0.95)).isCloseTo(-7.8686, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(new PriorMass(-10, 1, 16).logUpperBound(0.90)).isCloseTo(-8.2469, org.assertj.core.data.Offset.offset(1e-3));
        // no error bar: no bound
        assertThat(new PriorMass(-10, Double.NaN, 1).logUpperBound(0.95)).isNaN();
        assertThat(new PriorMass(-10, 0.2, 1).logUpperBound(0.95)).isNaN();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> four.logUpperBound(1))
                .hasMessageContaining("strictly between 0 and 1");
    }
}
