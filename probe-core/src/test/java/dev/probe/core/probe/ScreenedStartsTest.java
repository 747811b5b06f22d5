package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.model.TestModels;
import dev.probe.core.query.FixedLabel;
import dev.probe.core.query.Query;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.space.LatentSpace;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Screened starts are sampling-importance-resampling: with prior draws as candidates, the chosen starts
 * follow {@code prior·exp(−G)}. Here prior N(0, 1), identity decoder, {@code G = (z − 2)²/2}: the target
 * is N(1, 1/2).
 */
class ScreenedStartsTest {
    private static final LatentSpace SPACE = LatentSpace.standardNormal(
            DjlBlockFunction.of(TestModels.linear("identity", new double[][] {{1}}, new double[] {0}), new Shape(1)));
    private static final Query QUERY = FixedLabel.of(TestModels.linearRegressor("y=z", new double[] {1}, 0), 2).temperature(2);
    private static final int CHAINS = 400;

    private static double[] starts(int perChain, long seed) {
        return Arrays.stream(ScreenedStarts.select(SPACE, QUERY, CHAINS, perChain, new ChainRandom(seed)))
                .mapToDouble(row -> row[0]).toArray();
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    private static double variance(double[] x) {
        double m = mean(x);
        return Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1);
    }

    @Test
    void screenedStartsFollowPriorTimesExpMinusEnergy() {
        double[] z = starts(200, 5);
        // 5 standard errors of a mean and a variance of 400 draws from N(1, 1/2)
        assertThat(mean(z)).isCloseTo(1, within(5 * Math.sqrt(0.5 / CHAINS)));
        assertThat(variance(z)).isCloseTo(0.5, within(5 * 0.5 * Math.sqrt(2.0 / CHAINS)));
    }

    @Test
    void oneCandidatePerChainIsThePlainPriorDraw() {
        double[] z = starts(1, 5);
        assertThat(z).containsExactly(Arrays.stream(SPACE.initialPositions(CHAINS, new ChainRandom(5)))
                .mapToDouble(row -> row[0]).toArray());
        assertThat(mean(z)).isCloseTo(0, within(5 * Math.sqrt(1.0 / CHAINS)));
    }

    @Test
    void theSameSeedChoosesTheSameStarts() {
        assertThat(starts(16, 9)).containsExactly(starts(16, 9));
        assertThat(starts(16, 9)).isNotEqualTo(starts(16, 10));
    }
}
