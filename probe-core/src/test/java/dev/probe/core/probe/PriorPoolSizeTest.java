package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.space.InputSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pool too large for Java's arrays is refused with its size and the largest that fits, before any draw; a probe reads
 * its pool without computing it only when one was computed.
 */
class PriorPoolSizeTest {
    @Test
    void aComputedPoolIsReadWithoutComputingOne() {
        Classifier two = Classifier.fromProbabilities(BlackBoxFunction.of("two-cached", 2, 2, rows -> java.util.Arrays
                .stream(rows).map(x -> new double[] {x[0], 1 - x[0]}).toArray(double[][]::new)));
        Probe probe = Probe.of(InputSpace.box(new double[] {0, 0}, new double[] {1, 1}),
                dev.probe.core.query.HighConfidence.of(two, 0)).withPoolSize(512).withPoolSeed(77);
        org.assertj.core.api.Assertions.assertThat(probe.computedPool()).as("nothing computed yet").isEmpty();
        PriorPool pool = probe.pool();
        org.assertj.core.api.Assertions.assertThat(probe.computedPool()).containsSame(pool);
        org.assertj.core.api.Assertions.assertThat(probe.withPoolSize(1024).computedPool()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(Probe.of(InputSpace.box(new double[] {0, 0}, new double[] {1, 1}),
                dev.probe.core.query.ModelContrast.classifiers(two, Classifier.fromProbabilities(BlackBoxFunction.of(
                        "other", 2, 2, rows -> rows)))).computedPool()).as("a query without a pool")
                .isEmpty();
    }

    @Test
    void aPoolBeyondJavasArraysIsRefusedNamingTheLargestThatFits() {
        // a new user's pool = Integer.MAX_VALUE failed with a bare NegativeArraySizeException: -2
        Classifier three = Classifier.fromProbabilities(BlackBoxFunction.of("three", 2, 3, rows -> java.util.Arrays
                .stream(rows).map(x -> new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}).toArray(double[][]::new)));
        assertThatThrownBy(() -> PriorPool.compute(InputSpace.box(new double[] {0, 0}, new double[] {1, 1}), List.of(three),
                Integer.MAX_VALUE, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("A prior pool of 2147483647 draws holds 2147483647 × 3 values in one array")
                .hasMessageContaining("give a pool of at most 715827879 draws (setting pool;");
    }

    @Test
    void aPoolBeyondTheHeapIsRefusedNamingTheLargestThatFits() {
        // 2 coordinates and 3 outputs as floats, an energy, half a starting row: 44 bytes a draw; within Java's array
        // limit, beyond this JVM's heap
        long max = Runtime.getRuntime().maxMemory();
        int size = (int) Math.min(Integer.MAX_VALUE / 4, max / 44 + 1);
        Classifier three = Classifier.fromProbabilities(BlackBoxFunction.of("three", 2, 3, rows -> java.util.Arrays
                .stream(rows).map(x -> new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}).toArray(double[][]::new)));
        assertThatThrownBy(() -> PriorPool.compute(InputSpace.box(new double[] {0, 0}, new double[] {1, 1}), List.of(three),
                size, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("A prior pool of " + size + " draws needs at least")
                .hasMessageContaining("give a pool well below " + max / 44 + " draws (that many fill the heap with their arrays "
                        + "alone; about " + max / 44 / 2 + " leave room for the rest) (setting pool;");
    }
}
