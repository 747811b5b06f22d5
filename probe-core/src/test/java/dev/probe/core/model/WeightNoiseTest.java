package dev.probe.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Perturbed copies: θ* + s·ε from the seeded stream, reproducible, with the noise's moments. */
class WeightNoiseTest {
    private static final double[][] W = {{0.5, -1}, {2, 0.25}};
    private static final double[] B = {0.1, -0.3};

    private static DjlBlockFunction trained() {
        Model model = TestModels.linear("lin", W, B);
        return DjlBlockFunction.of(model, new Shape(2));
    }

    private static float[] parameters(DjlBlockFunction f) {
        var ps = f.model().getBlock().getParameters();
        float[] w = ps.get("weight").getArray().toFloatArray();
        float[] b = ps.get("bias").getArray().toFloatArray();
        float[] all = new float[w.length + b.length];
        System.arraycopy(w, 0, all, 0, w.length);
        System.arraycopy(b, 0, all, w.length, b.length);
        return all;
    }

    @Test
    void copiesAreTheTrainedWeightsPlusGaussianNoiseOfTheGivenSd() {
        DjlBlockFunction theta = trained();
        float[] base = parameters(theta);
        List<DjlBlockFunction> copies = WeightNoise.gaussian(0.2, 200, 3).perturb(theta, () -> Linear.builder().setUnits(2).build());
        assertThat(copies).hasSize(200);
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (DjlBlockFunction c : copies) {
            float[] p = parameters(c);
            for (int j = 0; j < p.length; j++) {
                double e = p[j] - base[j];
                sum += e;
                sq += e * e;
                n++;
            }
        }
        double mean = sum / n;
        double sd = Math.sqrt(sq / n - mean * mean);
        // n = 1200 draws: se(mean) = 0.2/√1200 = 0.0058, se(sd) ≈ 0.2/√2400 = 0.0041
        assertThat(Math.abs(mean)).isLessThan(4 * 0.2 / Math.sqrt(n));
        assertThat(Math.abs(sd - 0.2)).isLessThan(4 * 0.2 / Math.sqrt(2.0 * n));
        // the copy's output is the perturbed linear map
        float[] p = parameters(copies.get(0));
        double[] y = copies.get(0).evaluate(new double[][] {{1, 2}})[0];
        assertThat(y[0]).isCloseTo(p[0] + 2 * p[1] + p[4], org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void theSameSeedGivesTheSameCopiesAndAnotherSeedOthers() {
        DjlBlockFunction theta = trained();
        float[] a = parameters(WeightNoise.gaussian(0.1, 2, 5).perturb(theta, () -> Linear.builder().setUnits(2).build()).get(1));
        float[] b = parameters(WeightNoise.gaussian(0.1, 2, 5).perturb(theta, () -> Linear.builder().setUnits(2).build()).get(1));
        float[] c = parameters(WeightNoise.gaussian(0.1, 2, 6).perturb(theta, () -> Linear.builder().setUnits(2).build()).get(1));
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void aWrongArchitectureIsNamedWithItsFix() {
        assertThatThrownBy(() -> WeightNoise.gaussian(0.1, 2, 5).perturb(trained(), () -> Linear.builder().setUnits(3).build()))
                .hasMessageContaining("shape").hasMessageContaining("architecture");
        assertThatThrownBy(() -> WeightNoise.gaussian(0, 2, 5)).hasMessageContaining("positive");
    }
}
