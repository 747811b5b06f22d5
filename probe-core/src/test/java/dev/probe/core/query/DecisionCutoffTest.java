package dev.probe.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.model.Classifier;
import dev.probe.core.model.TestModels;
import dev.probe.core.probe.Probe;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import org.junit.jupiter.api.Test;

/**
 * The least change at a decision's cut-off, on a logistic regression {@code p1 = sigmoid(2x − y + 0.5)} whose boundary
 * {@code p1 = 0.5} lies {@code 1.5/√5 = 0.6708} from the anchor (−1, 0): the cut-off's energy stops pulling at the
 * boundary, so its closest attained sample lies there; the fixed-label energy pulls on toward p1 = 1.
 */
class DecisionCutoffTest {
    private static final Classifier MODEL = TestModels.logisticRegression("logreg", new double[] {2, -1}, 0.5);
    private static final double[] ANCHOR = {-1, 0};
    private static final double LEAST = 1.5 / Math.sqrt(5);
    private static final InputSpace BOX = InputSpace.box(new double[] {-3, -3}, new double[] {3, 3});
    private static final SamplerConfig CONFIG = SamplerConfig.builder().chains(8).warmup(200).draws(300).seed(11).build();

    /** The closest and the mean distance to the anchor of the samples whose p1 reaches 0.5. */
    private static double[] attainedDistances(ProbeResult r) {
        double closest = Double.POSITIVE_INFINITY;
        double sum = 0;
        int n = 0;
        for (int i = 0; i < r.size(); i++) {
            double[] x = r.inputs()[i];
            if (r.outputs("logreg")[i][1] >= 0.5) {
                double d = Math.hypot(x[0] - ANCHOR[0], x[1] - ANCHOR[1]);
                closest = Math.min(closest, d);
                sum += d;
                n++;
            }
        }
        return new double[] {closest, sum / n, n};
    }

    @Test
    void theCutOffsSamplesGatherAtTheLeastChangeWhereTheFixedLabelsPullOnToCertainty() {
        Localiser near = Localiser.around(ANCHOR).lambda(0.05).temperature(0.001);
        ProbeResult cut = Probe.of(BOX, DecisionCutoff.counterfactual(MODEL, 1, 0.5, near)).sample(CONFIG);
        ProbeResult fixed = Probe.of(BOX, FixedLabel.counterfactual(MODEL, 1, near)).sample(CONFIG);
        double[] c = attainedDistances(cut);
        double[] f = attainedDistances(fixed);
        System.out.printf("cut-off: closest %.4f mean %.4f (%d attained); fixed label: closest %.4f mean %.4f (%d); "
                + "least %.4f%n", c[0], c[1], (int) c[2], f[0], f[1], (int) f[2], LEAST);
        // no attained sample nearer than the boundary; the closest within 2% of it, the mean within 10%
        assertThat(c[0]).isBetween(LEAST - 1e-4, 1.02 * LEAST);
        assertThat(c[1]).isBetween(LEAST, 1.10 * LEAST);
        assertThat(c[2]).isGreaterThan(100);
        // the fixed-label energy's attained samples lie further out, on average beyond the cut-off's
        assertThat(f[1]).isGreaterThan(c[1] * 1.2);
        // the target distance is the shortfall below the cut-off
        for (int i = 0; i < cut.size(); i++) {
            assertThat(cut.targetDistances()[i]).isEqualTo(Math.max(0, 0.5 - cut.outputs("logreg")[i][1]),
                    org.assertj.core.api.Assertions.within(1e-6));
        }
    }

    @Test
    void aCutOffOutsideTheOpenUnitIntervalIsRefused() {
        assertThatThrownBy(() -> DecisionCutoff.of(MODEL, 1, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A decision cut-off of class 1 of 'logreg' must lie strictly between 0 and 1 (a probability at "
                        + "which the decision is taken), got 1.0.");
        assertThatThrownBy(() -> DecisionCutoff.of(MODEL, 1, Double.NaN)).hasMessageContaining("got NaN");
        assertThat(DecisionCutoff.of(MODEL, 1, 0.7).largestTargetDistance()).isEqualTo(0.7);
    }
}
