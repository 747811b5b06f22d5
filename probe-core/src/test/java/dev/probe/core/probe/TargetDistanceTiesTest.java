package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Sample;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Target distances that differ from a tolerance only by double rounding: a 10-tree forest voting 9 of 10 (0.1 added
 * nine times is 0.8999999999999999) meets "p ≥ 0.9", i.e. the default tolerance 0.1, and a share summed to
 * 1.0000000000000002 is at distance 0, not −2·10⁻¹⁶.
 */
class TargetDistanceTiesTest {
    /** Votes of 10 trees, summed as a forest would: 9 of 10 for class 1 where x0 > 0.5, all 10 elsewhere for 0. */
    private static final Classifier FOREST = Classifier.fromProbabilities(BlackBoxFunction.of("votes", 2, 2, rows -> {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            int ones = rows[i][0] > 0.5 ? 9 : 0;
            double p1 = 0;
            double p0 = 0;
            for (int t = 0; t < 10; t++) {
                if (t < ones) {
                    p1 += 0.1;
                } else {
                    p0 += 0.1;
                }
            }
            out[i] = new double[] {p0, p1};
        }
        return out;
    }));
    private static final InputSpace BOX = InputSpace.box(new double[] {0, 0}, new double[] {1, 1});

    @Test
    void aVoteShareThatMeetsTheToleranceUpToRoundingAttainsIt() {
        assertThat(0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1).isLessThan(0.9); // the tie, in doubles
        Probe probe = Probe.of(BOX, HighConfidence.of(FOREST, 1));
        List<Sample> draws = probe.priorDraws(400, 3);
        long right = draws.stream().filter(s -> s.latent()[0] > 0.5).count();
        assertThat(right).isBetween(150L, 250L);
        assertThat(draws.stream().filter(s -> s.targetDistance() <= 0.1).count()).isEqualTo(right);
        assertThat(probe.levelSetMass(400, 0.1, 3).successes()).isEqualTo(right);

        // all ten for class 0: the share sums to 0.9999999999999999, at distance 0 once rounded, never negative
        List<Sample> left = Probe.of(BOX, HighConfidence.of(FOREST, 0)).priorDraws(400, 3);
        assertThat(left).allMatch(s -> s.targetDistance() >= 0);
        assertThat(left.stream().filter(s -> s.latent()[0] <= 0.5)).allMatch(s -> s.targetDistance() == 0);

        ProbeResult r = probe.sample(SamplerConfig.builder().chains(4).warmup(50).draws(50).seed(3).build());
        for (int i = 0; i < r.size(); i++) {
            double d = r.targetDistances()[i];
            assertThat(d).isIn(0.0, 0.1, 1.0);
        }
    }

    /** A custom query whose distance is NaN where its author took the root of a negative number. */
    private static final class NaNDistance implements dev.probe.core.query.Query {
        private final dev.probe.core.query.Query inner = HighConfidence.of(FOREST, 1);

        @Override
        public ai.djl.ndarray.NDArray energy(ai.djl.ndarray.NDArray x) {
            return inner.energy(x);
        }

        @Override
        public boolean isDifferentiable() {
            return inner.isDifferentiable();
        }

        @Override
        public int inputDimension() {
            return inner.inputDimension();
        }

        @Override
        public List<dev.probe.core.model.ModelUnderTest> models() {
            return inner.models();
        }

        @Override
        public double targetDistance(double[][] outputs) {
            double d = inner.targetDistance(outputs);
            return d < 0.5 ? Math.sqrt(d - 0.5) : d;
        }

        @Override
        public String describe() {
            return "NaNDistance";
        }
    }

    /**
     * A new user's custom query returned NaN for 224 of 512 samples: each counted as "not attained", the attainment
     * read 0.506 where it was about 0.95, and hasTargetAttainmentAtMost(0.6) passed. A NaN distance is refused.
     */
    @Test
    void aNaNTargetDistanceIsRefusedNotCountedAsAMiss() {
        Probe probe = Probe.of(BOX, new NaNDistance());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe.priorDraws(100, 3))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NaNDistance returned a target distance "
                        + "of NaN").hasMessageContaining("fix its targetDistance");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe.sample(SamplerConfig.builder().chains(4).warmup(10)
                .draws(10).seed(3).build())).isInstanceOf(IllegalStateException.class).hasMessageContaining("NaN");
    }
}
