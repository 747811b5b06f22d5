package dev.probe.core.query;

import static dev.probe.core.query.EnergyCheck.check;
import static dev.probe.core.query.EnergyCheck.softmax;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.probe.core.model.Classifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BAYES-PROBE level sets: energies against hand-computed values, gradients against finite differences. */
class LevelSetQueriesTest {
    private static final Classifier F = EnergyCheck.softmaxOfInput(3);
    private static final double[] X = {0.2, -0.4, 1.1};
    private static final double[] P = softmax(X);

    @Test
    void highConfidenceIsEquations4And5() {
        double s = 0.05;
        check(HighConfidence.of(F, 2), X, Math.pow(P[2] - 1, 2) / (2 * s * s));
        check(HighConfidence.of(F, 0).withSigma(0.3), X, Math.pow(P[0] - 1, 2) / (2 * 0.09));
    }

    @Test
    void ambivalentIsEquations6To9() {
        double s1 = 0.05;
        double s2 = 0.2;
        double u1 = Math.abs(P[0] - P[1]);
        double u2 = Math.min(P[0], P[1]) - P[2];
        check(Ambivalent.between(F, 0, 1).withSigmas(s1, s2), X,
                u1 * u1 / (2 * s1 * s1) + Math.pow(u2 - 0.5, 2) / (2 * s2 * s2));
        // withSigma sets both, as the other level-set queries' withSigma does (a new user reached for it first)
        check(Ambivalent.between(F, 0, 1).withSigma(s2), X,
                u1 * u1 / (2 * s2 * s2) + Math.pow(u2 - 0.5, 2) / (2 * s2 * s2));
    }

    @Test
    void ambivalentOnABinaryClassifierHasNoOtherClasses() {
        Classifier f = EnergyCheck.softmaxOfInput(2);
        double[] x = {0.3, -0.1};
        double[] p = softmax(x);
        double s = 0.05;
        check(Ambivalent.between(f, 1, 0), x,
                Math.pow(p[0] - p[1], 2) / (2 * s * s) + Math.pow(Math.min(p[0], p[1]) - 0.5, 2) / (2 * s * s));
    }

    @Test
    void targetConfidenceIsEquations10And11() {
        double[] t = {0.2, 0.3, 0.5};
        double s = 0.1;
        double expected = 0;
        for (int k = 0; k < 3; k++) {
            expected += Math.pow(P[k] - t[k], 2) / (2 * s * s);
        }
        check(TargetConfidence.of(F, t).withSigma(s), X, expected);
    }

    @Test
    void interpolationFrom8To9HasElevenSteps() {
        List<double[]> steps = TargetConfidence.interpolation(10, 8, 9, 11);
        assertThat(steps).hasSize(11);
        assertThat(steps.get(0)[8]).isEqualTo(1.0);
        assertThat(steps.get(5)[8]).isCloseTo(0.5, within(1e-12));
        assertThat(steps.get(5)[9]).isCloseTo(0.5, within(1e-12));
        assertThat(steps.get(10)[9]).isEqualTo(1.0);
    }

    @Test
    void fullyAmbiguousIsEquations16And17() {
        double s = 0.05;
        double spread = Math.max(P[0], Math.max(P[1], P[2])) - Math.min(P[0], Math.min(P[1], P[2]));
        check(FullyAmbiguous.of(F), X, spread * spread / (2 * s * s));
    }

    @Test
    void targetDistancesAreInfinityNormsToTheTarget() {
        double[][] out = {{0.45, 0.5, 0.05}};
        assertThat(HighConfidence.of(F, 1).targetDistance(out)).isCloseTo(0.5, within(1e-12));
        assertThat(Ambivalent.between(F, 0, 1).targetDistance(out)).isCloseTo(0.05, within(1e-12));
        assertThat(FullyAmbiguous.of(F).targetDistance(out)).isCloseTo(1.0 / 3 - 0.05, within(1e-12));
        assertThat(TargetConfidence.of(F, new double[] {0.5, 0.5, 0}).targetDistance(out)).isCloseTo(0.05, within(1e-12));
    }
}
