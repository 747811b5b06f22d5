package dev.probe.core.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import dev.probe.core.diagnostics.PositionResolution;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.Mala;
import dev.probe.core.sampler.MixedProposal;
import dev.probe.core.sampler.RandomWalkMetropolis;
import dev.probe.core.sampler.Sampler;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.sampler.Trace;
import org.junit.jupiter.api.Test;

/**
 * Coordinates float32 cannot resolve at their values: a new user's N(1.7·10⁹, 100²) (raw Unix timestamps) came out
 * on 5–7 distinct values with P(x > μ + σ) 0.20–0.26 against 0.159 and R̂ 1.002. Chains stop with an error naming the
 * coordinate and the fix; the same target centred samples right.
 */
class PositionResolutionTest {

    /** N(offset, sd²) in each of 2 coordinates. */
    private static Energy shifted(double offset, double sd) {
        return Energies.differentiable(2, (NDArray x) -> x.sub(offset).div(sd).square().sum(new int[] {1}).div(2));
    }

    @Test
    void chainsStopWhenTheirCoordinatesSitOnAFewFloat32Values() {
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(200).draws(100).seed(1).build();
        double[][] start = new double[8][];
        for (int c = 0; c < 8; c++) {
            start[c] = new double[] {1.7e9, 1.7e9};
        }
        assertThatThrownBy(() -> new Sampler(config).run(Mala.of(1.0), shifted(1.7e9, 100), start))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("of the chains' states after warm-up is about 1.70000e+09")
                .hasMessageContaining("resolves only steps of 128.0")
                .hasMessageContaining("Centre and scale the coordinate");
        assertThatThrownBy(() -> new Sampler(config).run(RandomWalkMetropolis.of(MixedProposal.gaussian(2), 50), shifted(1.7e9, 100),
                start)).hasMessageContaining("float32");
    }

    @Test
    void theSameTargetCentredSamplesAndStatesThatDoNotSpreadAreLeftToRHat() {
        SamplerConfig config = SamplerConfig.builder().chains(8).warmup(200).draws(400).seed(1).build();
        Trace trace = new Sampler(config).run(Mala.of(1.0), shifted(0, 100));
        assertThat(trace.diagnostics().maxRhat()).isLessThan(1.05);
        // identical states (stuck chains) are not a resolution question
        PositionResolution.require(new float[] {1.7e9f, 1.7e9f, 1.7e9f}, 3, 1, "chains");
        // nor is a category the question forces on every state: the rounded mean of 1,200 states at 2 gave a spread of
        // 2e-15 and stopped a procedural probe ("slot 0 is blue") with advice to centre the coordinate
        float[] forced = new float[1200 * 2];
        for (int r = 0; r < 1200; r++) {
            forced[2 * r] = 2;
            forced[2 * r + 1] = r / 1200f;
        }
        PositionResolution.require(forced, 1200, 2, "particles");
        assertThatThrownBy(() -> PositionResolution.require(new float[] {1.7e9f, 1.7e9f + 128, 1.7e9f - 128, 1.7e9f}, 4, 1,
                "chains")).hasMessageContaining("Coordinate 0 of the chains");
    }
}
