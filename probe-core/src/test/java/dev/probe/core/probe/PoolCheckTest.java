package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.result.Evidence;
import dev.probe.core.result.PoolCheck;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Rate;
import dev.probe.core.sampler.MixedProposal;
import dev.probe.core.sampler.RandomWalkMetropolis;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.LatentSpace;
import org.junit.jupiter.api.Test;

/**
 * Chains held against the shared prior pool ({@link PoolCheck}). A new user's level set in two pieces, x₀ &gt; 2 and
 * x₀ &lt; −2.5 under a 2-d standard normal (the right piece holds 0.806 of the target): when every chain started in the
 * right piece, R̂ passed and the evidence was met with the piece's share 1.000 [0.9957, 1].
 */
class PoolCheckTest {
    private static double sigmoid(double t) {
        return 1 / (1 + Math.exp(-t));
    }

    private static final Classifier TWO_PIECES = Classifier.fromProbabilities(BlackBoxFunction.of("two-pieces", 2, 2,
            rows -> {
                double[][] out = new double[rows.length][2];
                for (int i = 0; i < rows.length; i++) {
                    double p1 = Math.min(1, sigmoid(10 * (rows[i][0] - 2)) + sigmoid(10 * (-2.5 - rows[i][0])));
                    out[i][0] = 1 - p1;
                    out[i][1] = p1;
                }
                return out;
            }));

    private static final Classifier ONE_SIDE = Classifier.fromProbabilities(BlackBoxFunction.of("one-side", 2, 2,
            rows -> {
                double[][] out = new double[rows.length][2];
                for (int i = 0; i < rows.length; i++) {
                    double p1 = sigmoid(4 * (rows[i][0] + rows[i][1] - 1));
                    out[i][0] = 1 - p1;
                    out[i][1] = p1;
                }
                return out;
            }));

    private static final LatentSpace PLANE = LatentSpace.standardNormal(BlackBoxFunction.of("identity", 2, 2, rows -> rows));

    private static ProbeResult chains(Classifier model, long seed) {
        Probe probe = Probe.of(PLANE, HighConfidence.of(model, 1)).withPoolSeed(seed + 100);
        return probe.sample(SamplerConfig.builder().chains(4).warmup(300).draws(600).seed(seed).build(),
                RandomWalkMetropolis.of(MixedProposal.gaussian(2), 0.5));
    }

    @Test
    void chainsThatAllMissAPieceOfTheTargetAreNotConvergedEvidence() {
        int alike = 0;
        for (long seed = 1; seed <= 12; seed++) {
            ProbeResult r = chains(TWO_PIECES, seed);
            Rate right = r.rate(s -> s.latent()[0] > 0);
            PoolCheck check = r.poolCheck().orElseThrow();
            System.out.printf("seed %d: R-hat %.3f, right piece %s; %s%n", seed, r.diagnostics().maxRhat(), right,
                    check.describe());
            if (right.successes() == right.trials() || right.successes() == 0) {
                // every chain in one piece: R-hat sees nothing, the pool sees the other piece
                alike++;
                assertThat(check.disagrees()).as("seed %d: %s; %s", seed, right, check.describe()).isTrue();
                assertThat(check.coordinate()).isZero();
                // where the difference builds up is the missed piece (below -2.5, or above 2 if the chains sat left),
                // whatever the point of the largest difference (a new user's read "coordinate 0 <= 2.16")
                boolean missedLeft = right.successes() == right.trials();
                assertThat(missedLeft ? check.from() : check.to()).as(check.describe())
                        .isBetween(missedLeft ? -4.5 : 2.0, missedLeft ? -2.5 : 4.5);
                assertThat(check.describe()).startsWith("coordinate 0 ");
                assertThat(Evidence.DEFAULT.isMetBy(r)).as("seed %d: %s", seed, r.summary()).isFalse();
                assertThat(r.summary()).contains("prior pool check").contains("the chains missed part of the target");
                // an evidence that lets chains disagree among themselves lets them disagree with the pool in proportion
                double slack = Math.sqrt(3) / Math.sqrt(1.05 * 1.05 - 1); // maxRhat 2: about 5.4
                assertThat(new Evidence(2, 100, 0.1, 0).disagreesWithPool(r))
                        .isEqualTo(check.distance() > slack * check.allowed()).isFalse();
            }
        }
        assertThat(alike).as("runs whose chains all sat in one piece (about 0.806^4 = 42% of seeds)").isPositive();
    }

    @Test
    void theCheckNamesItsCoordinateAsTheSpaceDoes() {
        // a one-hot group's sampled coordinate read "coordinate 3 <= -0.04773" to a user who knew it as (c0, c1)
        assertThat(new PoolCheck(3, -0.04773, 0.436, 0.529, 0.05, 500, 300).named("category of c0|c1").describe())
                .startsWith("at coordinate 3 (category of c0|c1) <= -0.04773 the prior pool's weighted draws hold 43.6%");
        assertThat(new PoolCheck(0, 1.5, 0.4, 0.5, 0.2, 500, 300).named("z_0").describe()).startsWith("at coordinate 0 <= 1.500 ");
        dev.probe.core.space.InputSpace box = dev.probe.core.space.InputSpace.builder(2)
                .bounds(new double[] {-3, -3}, new double[] {3, 3}).names("income", "age").build();
        Probe probe = Probe.of(box, HighConfidence.of(ONE_SIDE, 1)).withPoolSeed(101);
        ProbeResult r = probe.sample(SamplerConfig.builder().chains(4).warmup(100).draws(100).seed(1).build(),
                RandomWalkMetropolis.of(MixedProposal.gaussian(2), 0.5));
        PoolCheck check = r.poolCheck().orElseThrow();
        assertThat(check.coordinateName()).isEqualTo(box.coordinateNames().get(check.coordinate()));
        assertThat(check.describe()).contains("coordinate " + check.coordinate() + " (" + check.coordinateName() + ")");
    }

    @Test
    void chainsOfAOnePieceTargetAgreeWithThePool() {
        // the false-alarm side: 1 in 1,000 by construction; 12 seeds of converged chains never disagree
        for (long seed = 1; seed <= 12; seed++) {
            ProbeResult r = chains(ONE_SIDE, seed);
            PoolCheck check = r.poolCheck().orElseThrow();
            System.out.printf("seed %d: R-hat %.3f; %s%n", seed, r.diagnostics().maxRhat(), check.describe());
            assertThat(check.disagrees()).as("seed %d: %s", seed, check.describe()).isFalse();
            assertThat(check.poolEss()).isGreaterThan(PoolCheck.MIN_POOL_ESS);
        }
    }
}
