package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.query.Query;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An energy of −∞ (infinite density) is refused as NaN is, not rejected as if the question excluded the input (a new
 * user's custom query gave results bitwise identical to +∞ there, with the evidence met).
 */
class MinusInfinityEnergyTest {
    private static final Classifier MODEL = Classifier.fromLogits(BlackBoxFunction.of("m", 2, 2, rows -> java.util.Arrays
            .stream(rows).map(x -> new double[] {0, x[0]}).toArray(double[][]::new)));

    /** G = x₀², but −∞ where x₀ > threshold (a log of 0 taken as an energy, say). */
    private static Query minusInfinityAbove(double threshold) {
        return new Query() {
            @Override
            public NDArray energy(NDArray x) {
                NDArray x0 = x.get(":, 0");
                NDArray g = x0.square();
                try (NDArray above = x0.gt(threshold)) {
                    return ai.djl.ndarray.NDArrays.where(above, g.getManager().full(g.getShape(),
                            Float.NEGATIVE_INFINITY), g);
                }
            }

            @Override
            public boolean isDifferentiable() {
                return false;
            }

            @Override
            public int inputDimension() {
                return 2;
            }

            @Override
            public List<ModelUnderTest> models() {
                return List.of(MODEL);
            }

            @Override
            public double targetDistance(double[][] outputs) {
                return 0;
            }

            @Override
            public String describe() {
                return "minus infinity above x0 = " + threshold;
            }
        };
    }

    @Test
    void anEnergyOfMinusInfinityIsRefusedNamingIt() {
        // reached by prior draws (the chains' screened starts): a third of the box
        assertThatThrownBy(() -> Probe.of(InputSpace.box(new double[] {0, 0}, new double[] {3, 3}), minusInfinityAbove(2))
                .sample(SamplerConfig.builder().chains(4).warmup(20).draws(10).seed(1).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The energy of minus infinity above x0 = 2.0 is −∞ at ")
                .hasMessageContaining("e^{−G} is infinite there, so there is no distribution to sample");
    }
}
