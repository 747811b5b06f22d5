package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
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
        return custom("minus infinity above x0 = " + threshold, x -> {
            NDArray x0 = x.get(":, 0");
            NDArray g = x0.square();
            try (NDArray above = x0.gt(threshold)) {
                return ai.djl.ndarray.NDArrays.where(above, g.getManager().full(g.getShape(), Float.NEGATIVE_INFINITY), g);
            }
        });
    }

    /** A question whose every target distance is 0 (so only its energy decides), with the energy {@code energy}. */
    private static Query custom(String name, java.util.function.UnaryOperator<NDArray> energy) {
        return new Query() {
            @Override
            public NDArray energy(NDArray x) {
                return energy.apply(x);
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
                return name;
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

    /**
     * An energy of +∞ at every input (the question excludes them all) gives every draw zero weight: the core API returned
     * "attainment 0.23" from starting draws that never moved, silently (two new users'). Such draws attain nothing, and
     * the result's summary says why; chains, which cannot start where no draw has weight, are refused naming the energy.
     */
    @Test
    void anEnergyOfPlusInfinityEverywhereAttainsNothingAndTheSummarySaysWhy() {
        Probe probe = Probe.of(InputSpace.box(new double[] {0, 0}, new double[] {3, 3}),
                custom("excludes everything", x -> x.sum(new int[] {1}).mul(0).add(Float.POSITIVE_INFINITY)));
        SamplerConfig config = SamplerConfig.builder().chains(4).warmup(20).draws(10).seed(1).build();
        dev.probe.core.result.ProbeResult r = probe.sample(config);
        assertThat(r.isPopulationResult()).isTrue();
        assertThat(r.size()).isPositive();
        assertThat(java.util.Arrays.stream(r.energies()).noneMatch(Double::isFinite)).isTrue();
        assertThat(r.attainment(0.1).successes()).isZero();
        assertThat(r.targetDistances()).containsOnly(Double.POSITIVE_INFINITY);
        assertThat(r.summary()).contains("no weight", "every one of the "
                + r.size() + " samples has a non-finite energy", "If the energy is +∞ everywhere no budget changes that",
                "if it is finite only on a region rarer than 1 in " + r.size() + " draws, more starting draws find it");
        assertThatThrownBy(() -> probe.sample(config, dev.probe.core.sampler.RandomWalkMetropolis.of(
                dev.probe.core.sampler.MixedProposal.gaussian(2), 0.3)))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("The energy of excludes everything is +∞ "
                        + "at every one of the 64 prior draws screened for the chains' starts (screening 16 × 4 chains), so "
                        + "none of the 4 chains can start").hasMessageContaining("check Query.energy at a few inputs")
                .hasMessageContaining("fewer than about 4 in 64 prior draws, screen more of them (screening), or sample "
                        + "by populations");
        // finite on a sliver (1 in 60 of the box): too few screened draws for every chain, and the message says so,
        // before any chain runs (the sampler's own refusal said to "pass other initial positions", which a probe's
        // user cannot)
        Probe sliver = Probe.of(InputSpace.box(new double[] {0, 0}, new double[] {3, 3}), custom("sliver",
                x -> x.get(":, 0").sub(0.05).maximum(0).mul(1e30f).mul(1e30f).add(x.get(":, 1").mul(0))));
        assertThatThrownBy(() -> sliver.sample(config, dev.probe.core.sampler.RandomWalkMetropolis.of(
                dev.probe.core.sampler.MixedProposal.gaussian(2), 0.3)))
                .isInstanceOf(IllegalStateException.class).hasMessageMatching("(?s)The energy of sliver is \\+∞ at \\d+ of "
                        + "the 64 prior draws .*, so only [123] of the 4 chains can start: the question excludes the others.*");
        // a finite energy: the same question's draws attain, and the summary has no such line
        dev.probe.core.result.ProbeResult finite = Probe.of(InputSpace.box(new double[] {0, 0}, new double[] {3, 3}),
                custom("excludes nothing", x -> x.sum(new int[] {1}).mul(0))).sample(config);
        assertThat(finite.attainment(0.1).successes()).isEqualTo(finite.size());
        assertThat(finite.summary()).doesNotContain("no weight");
    }
}
