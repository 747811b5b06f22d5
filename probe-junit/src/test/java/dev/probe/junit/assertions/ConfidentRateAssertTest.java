package dev.probe.junit.assertions;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.diagnostics.InvalidProposals;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Provenance;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.junit.ProbeAnswer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code withConfidence()} judges rate claims by their 95% bound: a point estimate near the threshold proves nothing. */
class ConfidentRateAssertTest {

    /** 400 converged draws of 4 populations, 392 of which attain the target (0.98). */
    private static ProbeAnswer attaining392of400() {
        int n = 400;
        double[][] x = new double[n][];
        Arrays.setAll(x, i -> new double[] {Math.sin(i), Math.cos(i)});
        double[][] outputs = new double[n][];
        Arrays.setAll(outputs, i -> new double[] {0.05, 0.95});
        double[] distances = new double[n];
        Arrays.setAll(distances, i -> i % 50 == 7 ? 0.5 : 0);
        SamplerConfig config = SamplerConfig.builder().chains(4).warmup(10).draws(n / 4).seed(3).build();
        Diagnostics d = new Diagnostics(new double[] {0.6, 0.6, 0.6, 0.6}, new double[] {1.0, 1.0}, new double[] {1000, 1000},
                1.0, 1000, 1, 1, InvalidProposals.NONE, InvalidProposals.NONE, 20, 0, 0.1, 0.5);
        ProbeResult r = new ProbeResult(new Provenance("high confidence of 1", "box", "SMC(MALA, 4×100 particles, α=0.50, "
                + "moves 2–10)", config, d), 4, x, x, List.of("m"), new double[][][] {outputs}, new double[n], distances);
        return ProbeAnswer.of(r, 0.1);
    }

    @Test
    void withConfidenceTheLowerBoundMustMeetAnAtLeastClaimAndTheUpperBoundAnAtMostClaim() {
        ProbeAnswer answer = attaining392of400();
        assertThat(answer).hasTargetAttainmentAtLeast(0.975).hasTargetAttainmentAtMost(0.985);
        assertThatThrownBy(() -> assertThat(answer).withConfidence().hasTargetAttainmentAtLeast(0.975))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected target attainment at least 0.9750, but its 95% lower bound is 0.9");
        assertThatThrownBy(() -> assertThat(answer).withConfidence().hasTargetAttainmentAtMost(0.985))
                .hasMessageContaining("expected target attainment at most 0.9850, but its 95% upper bound is 0.9");
        assertThat(answer).withConfidence().hasTargetAttainmentAtLeast(0.9).hasTargetAttainmentAtMost(1.0);
        // bounds no finite sample meets are refused, as hasMisclassificationRateAtMost(0) is (a new user's passed as a
        // verdict that could never pass)
        assertThatThrownBy(() -> assertThat(answer).withConfidence().hasTargetAttainmentAtMost(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("withConfidence(): target attainment "
                        + "at most 0 can never pass");
        assertThatThrownBy(() -> assertThat(answer).withConfidence().hasTargetAttainmentAtLeast(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 can never pass");
    }

    /**
     * A failure names what "attained" meant in the outputs' units, as the result's query says it (a new user's failing
     * regressor contrast printed the attained fraction without the gap it judged).
     */
    @Test
    void aFailureSaysWhatAttainingMeantAtTheAnswersTolerance() {
        ProbeResult base = attaining392of400().result();
        ProbeResult r = new ProbeResult(base.provenance(), 4, base.latents(), base.inputs(), base.models(),
                new double[][][] {base.outputs("m")}, base.energies(), base.targetDistances(), null, Double.POSITIVE_INFINITY,
                t -> "‖y_a − y_b‖ ≥ " + (10 - t) + " in the outputs' units");
        ProbeAnswer answer = ProbeAnswer.of(r, 0.2);
        org.assertj.core.api.Assertions.assertThat(answer.attainedWhen()).isEqualTo("‖y_a − y_b‖ ≥ 9.8 in the outputs' units");
        assertThatThrownBy(() -> assertThat(answer).hasTargetAttainmentAtLeast(0.999))
                .hasMessageContaining("the attained fraction is 0.98")
                .hasMessageContaining("\nattained when: ‖y_a − y_b‖ ≥ 9.8 in the outputs' units\nkernel: SMC(");
        // a result made without its query's wording says what the tolerance bounds
        assertThatThrownBy(() -> assertThat(attaining392of400()).hasTargetAttainmentAtLeast(0.999))
                .hasMessageContaining("\nattained when: target distance ≤ 0.1\n");
    }

    @Test
    void aRateBoundOutsideZeroToOneIsAMistakeInTheTestNotAVerdict() {
        ProbeAnswer answer = attaining392of400();
        assertThatThrownBy(() -> assertThat(answer).hasTargetAttainmentAtLeast(1.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hasTargetAttainmentAtLeast needs a fraction in [0, 1], got 1.01: the rate is a share of the "
                        + "samples (write 0.95, not 95 or 1.01).");
        assertThatThrownBy(() -> assertThat(answer).hasTargetAttainmentAtMost(95)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> assertThat(answer).hasMisclassificationRateAtMost(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
