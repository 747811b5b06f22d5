package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.query.FixedLabel;
import dev.probe.core.query.Localiser;
import dev.probe.core.space.InputSpace;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A counterfactual's factual that contradicts the input space is refused when the probe is made, in the core API too. */
class FactualCheckTest {
    /** Income, age (fixed at 40 by the space) and a three-category one-hot group. */
    private static final InputSpace SPACE = InputSpace.builder(5).bounds(new double[] {0, 18, 0, 0, 0},
            new double[] {200, 80, 1, 1, 1}).fix(1, 40).oneHot(2, 3, 4).names("income", "age", "a", "b", "c").build();
    private static final Classifier CREDIT = Classifier.fromLogits(BlackBoxFunction.of("credit", 5, 2, rows -> Arrays
            .stream(rows).map(x -> new double[] {0, (x[0] - 100) / 20}).toArray(double[][]::new)));

    private static Probe probeAround(double... applicant) {
        return Probe.of(SPACE, FixedLabel.counterfactual(CREDIT, 1, Localiser.around(applicant).lambda(0.05)));
    }

    @Test
    void aFactualThatContradictsAFixedFeatureOrAOneHotGroupIsRefused() {
        // a new user's applicant of age 55 in a space fixing age at 40: every sample changed the age by 15, silently
        assertThatThrownBy(() -> probeAround(50, 55, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The factual (the localiser's anchor) has feature 1 (age) = 55.0, but ")
                .hasMessageContaining("fixes it to 40.0, so every sample would change this immutable feature by 15.0");
        assertThatThrownBy(() -> probeAround(50, 40, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The factual (the localiser's anchor) has the one-hot group (a, b, c) = (0.0, 0.0, 0.0), not one "
                        + "category. The space samples valid one-hot rows only, so every sample would change this group: "
                        + "set the factual's category to 1 and the others to 0.");
        // a factual the space can hold is accepted (outside the bounds too: an answer can still exist)
        assertThat(probeAround(50, 40, 0, 1, 0).space()).isSameAs(SPACE);
        assertThat(probeAround(250, 40, 0, 0, 1).space()).isSameAs(SPACE);
    }

    @Test
    void aFactualOutsideTheBoundsIsToldOnceWithTheChangeItForces() {
        // a new user's income of 250 in a box to 200: the core API sampled 512 draws and said nothing, while 1.67 of the
        // closest counterfactual's 3.59 weighted units were forced by the bounds
        java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                warnings.add(r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        FactualCheck.LOG.addHandler(handler);
        try {
            probeAround(260, 40, 0, 0, 1);
            probeAround(260, 40, 0, 0, 1).withPoolSize(64);
            probeAround(60, 40, 0, 1, 0); // inside
        } finally {
            FactualCheck.LOG.removeHandler(handler);
        }
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .startsWith("The factual (the localiser's anchor) lies outside InputSpace[")
                .contains("feature 0 (income) = 260, bounded to [0, 200]")
                .contains("so it lies at least 60 (Euclidean, in the features' units: the localiser's metric) from the "
                        + "factual, inside every distance the answer reports")
                .contains("widen the space's bounds"));
        assertThat(FactualCheck.outside(SPACE, Localiser.around(new double[] {-10, 40, 0, 0, 1}))).get().asString()
                .contains("feature 0 (income) = -10, bounded to [0, 200]");
        // a value that rounds to its bound is written whole: "= 200" read as inside [0, 200]
        assertThat(FactualCheck.outside(SPACE, Localiser.around(new double[] {200.000001, 40, 0, 0, 1}))).get()
                .asString().contains("feature 0 (income) = 200.000001, bounded to [0, 200]");
        // in the metric the answer reports: a new user's "at least 50.0025" was income's raw units, where the answer's
        // weighted distances were 3 to 7 (weights 1/30² on income: 60 of income is 2 weighted units)
        assertThat(FactualCheck.outside(SPACE, Localiser.around(new double[] {260, 40, 0, 0, 1})
                .weights(new double[] {1.0 / 900, 1, 1, 1, 1}))).get().asString()
                .contains("so it lies at least 2 in the localiser's metric (its weights and power; 60 Euclidean, in the "
                        + "features' units) from the factual");
    }

    @Test
    void queriesAndSpacesPrintAsTheyDescribeThemselves() {
        // a new user's log read dev.probe.core.query.QuerySum@1b2c3d4
        Probe probe = probeAround(50, 40, 0, 1, 0);
        assertThat(probe.query().toString()).isEqualTo(probe.query().describe()).contains("Localiser");
        assertThat(SPACE.toString()).isEqualTo(SPACE.describe()).startsWith("InputSpace[");
    }
}
