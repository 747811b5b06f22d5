package dev.probe.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Query#largestTargetDistance} bounds every target distance the query can give, and is reached: a tolerance
 * at or above it lets every sample attain the target, so {@code ProbeAnswer.of} refuses it.
 */
class LargestTargetDistanceTest {
    private static Classifier classes(int c) {
        return Classifier.fromProbabilities(BlackBoxFunction.of("c" + c, 2, c, rows -> new double[rows.length][c]));
    }

    @Test
    void boundsEveryDistanceOverTheSimplexAndIsReachedAtAVertex() {
        Classifier two = classes(2);
        Classifier three = classes(3);
        List<Query> queries = List.of(HighConfidence.of(three, 1), Ambivalent.between(two, 0, 1), Ambivalent.between(three, 0, 2),
                FullyAmbiguous.of(three), TargetConfidence.of(three, new double[] {0.7, 0.2, 0.1}), PredictionRisky.entropy(three),
                FixedLabel.counterfactual(three, 2, Localiser.around(new double[] {0, 0})), ModelContrast.classifiers(three, classes(3)));
        double[] expected = {1, 0.5, 1, 2.0 / 3, 0.9, 2.0 / 3, 1, 1};
        Random random = new Random(5);
        for (int q = 0; q < queries.size(); q++) {
            Query query = queries.get(q);
            assertThat(query.largestTargetDistance()).as(query.describe()).isCloseTo(expected[q], org.assertj.core.data.Offset.offset(1e-12));
            int c = query.models().get(0) == two ? 2 : 3;
            double largestSeen = 0;
            for (int i = 0; i < 20_000; i++) {
                double[][] outputs = new double[query.models().size()][];
                for (int m = 0; m < outputs.length; m++) {
                    // uniform on the simplex half the time, a vertex otherwise
                    outputs[m] = i % 2 == 0 ? simplex(c, random) : vertex(c, random.nextInt(c));
                }
                largestSeen = Math.max(largestSeen, query.targetDistance(outputs));
            }
            assertThat(largestSeen).as(query.describe()).isLessThanOrEqualTo(query.largestTargetDistance() + 1e-12)
                    .isGreaterThan(query.largestTargetDistance() - 1e-9);
        }
    }

    private static double[] simplex(int c, Random random) {
        double[] p = new double[c];
        double sum = 0;
        for (int k = 0; k < c; k++) {
            p[k] = -Math.log(1 - random.nextDouble());
            sum += p[k];
        }
        for (int k = 0; k < c; k++) {
            p[k] /= sum;
        }
        return p;
    }

    private static double[] vertex(int c, int k) {
        double[] p = new double[c];
        p[k] = 1;
        return p;
    }
}
