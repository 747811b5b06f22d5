package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.model.Classifier;
import dev.probe.core.model.TestModels;
import dev.probe.core.query.Ambivalent;
import dev.probe.core.query.FixedLabel;
import dev.probe.core.query.Localiser;
import dev.probe.core.query.ModelContrast;
import dev.probe.core.query.PredictionRisky;
import dev.probe.core.result.Estimate;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Rate;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import org.junit.jupiter.api.Test;

/**
 * End to end on a 2-D logistic regression {@code p1 = sigmoid(2x − y + 0.5)} with fixed seeds. Monte-Carlo
 * tolerances are {@code 4·sd/√ESS} from the run's own diagnostics.
 */
class LogisticRegressionProbeTest {
    private static final double[] W = {2, -1};
    private static final double B = 0.5;
    private static final Classifier MODEL = TestModels.logisticRegression("logreg", W, B);
    private static final InputSpace BOX = InputSpace.box(new double[] {-3, -3}, new double[] {3, 3});
    private static final SamplerConfig CONFIG = SamplerConfig.builder().chains(8).warmup(200).draws(300).seed(11).build();

    private static double logit(double[] x) {
        return W[0] * x[0] + W[1] * x[1] + B;
    }

    @Test
    void ambivalentSamplesLieOnTheDecisionLine() {
        InputSpace box = InputSpace.box(new double[] {-1.5, -1.5}, new double[] {1.5, 1.5});
        ProbeResult r = Probe.of(box, Ambivalent.between(MODEL, 0, 1)).sample(CONFIG);
        System.out.println(r.summary());
        // Binary case: U = 5 (p − ½)² / 2σ², so p − ½ ≈ N(0, σ²/5), sd 0.0224 (the sigmoid is linear there).
        double sd = Math.sqrt(0.05 * 0.05 / 5);
        Estimate gap = r.estimate(s -> s.outputs()[0][1] - 0.5);
        System.out.println("p - 1/2: " + gap);
        assertThat(Math.abs(gap.mean())).isLessThan(4 * gap.standardError());
        assertThat(Math.abs(gap.sd() * gap.sd() - sd * sd)).isLessThan(4 * gap.varianceStandardError() + 0.05 * sd * sd);
        Rate onLine = r.rate(s -> Math.abs(logit(s.input())) < 0.4); // |p − ½| < 0.1
        System.out.println("on the line: " + onLine);
        assertThat(onLine.estimate()).isGreaterThan(0.99);
        assertThat(onLine.lower()).isGreaterThan(0.8);
        assertThat(r.attainment(0.1).lower()).isGreaterThan(0.8);
        // and they spread along the line (which crosses the box from y = −1.5 to y = 1.5)
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] x : r.inputs()) {
            minY = Math.min(minY, x[1]);
            maxY = Math.max(maxY, x[1]);
        }
        assertThat(maxY - minY).isGreaterThan(2);
    }

    @Test
    void counterfactualsAllFlipTheDecisionAndStayNearTheAnchor() {
        double[] anchor = {-1, 0}; // logit −1.5: class 0
        InputSpace space = InputSpace.builder(2).bounds(new double[] {-3, -3}, new double[] {3, 3}).anchor(anchor).build();
        Localiser near = Localiser.around(anchor).lambda(0.05).temperature(0.01);
        ProbeResult r = Probe.of(space, FixedLabel.counterfactual(MODEL, 1, near)).sample(CONFIG);
        System.out.println(r.summary());
        Rate flipped = r.rate(s -> s.predicted(0) == 1);
        assertThat(flipped.successes()).isEqualTo(flipped.trials());
        double meanDistance = 0;
        for (double[] x : r.inputs()) {
            meanDistance += Math.hypot(x[0] - anchor[0], x[1] - anchor[1]);
        }
        meanDistance /= r.size();
        // the boundary is 1.5/√5 = 0.67 from the anchor; samples sit just beyond it, not across the box
        assertThat(meanDistance).isBetween(0.67, 1.6);
    }

    @Test
    void riskySamplesConcentrateWherePIsOneHalf() {
        ProbeResult r = Probe.of(BOX, PredictionRisky.entropy(MODEL).temperature(0.01)).sample(CONFIG);
        System.out.println(r.summary());
        // −H(p) ≈ −log 2 + 2(p − ½)², so p − ½ ≈ N(0, τ/4): sd 0.05; P(|p − ½| > 0.15) ≈ 0.003
        assertThat(r.attainment(0.15).lower()).isGreaterThan(0.95);
        Estimate gap = r.estimate(s -> s.outputs()[0][1] - 0.5);
        System.out.println("p - 1/2: " + gap);
        assertThat(Math.abs(gap.mean())).isLessThan(4 * gap.standardError());
        assertThat(gap.sd()).isBetween(0.035, 0.065);
    }

    @Test
    void contrastSamplesLieWhereTwoLinearModelsDisagree() {
        Classifier other = TestModels.logisticRegression("other", new double[] {0, 3}, 0); // p1 = sigmoid(3y)
        InputSpace box = InputSpace.box(new double[] {-2, -2}, new double[] {2, 2});
        ProbeResult r = Probe.of(box, ModelContrast.classifiers(MODEL, other).temperature(0.1)).sample(CONFIG);
        System.out.println(r.summary());
        Rate disagree = r.rate(s -> s.predicted(0) != s.predicted(1));
        // the models disagree on about half of the box; the contrast distribution puts nearly all mass there
        Estimate e = r.estimate(s -> s.predicted(0) != s.predicted(1) ? 1 : 0);
        System.out.println("disagree: " + disagree + " / " + e);
        assertThat(e.mean() - 4 * e.standardError()).isGreaterThan(0.8);
    }
}
