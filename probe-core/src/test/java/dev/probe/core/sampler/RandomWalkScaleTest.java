package dev.probe.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;

/**
 * Random-walk warm-up on a bounded box: on a flat target every proposal is accepted, so dual averaging keeps growing
 * the scale (a client's risky probe reported {@code MH(scale=999545.1)} on [0, 1]²), though steps wider than twice the
 * box's span only fold back over it. The scale stops where the proposals stop changing, and the draws are the same.
 */
class RandomWalkScaleTest {

    /** The same kernel without the cap (the default {@link Kernel#largestUsefulStepSize}). */
    private record Uncapped(Kernel inner) implements Kernel {
        @Override public String name() { return inner.name(); }
        @Override public ChainState init(NDArray position, Energy energy, ChainRandom random) { return inner.init(position, energy, random); }
        @Override public Transition step(ChainState state, Energy energy, ChainRandom random) { return inner.step(state, energy, random); }
        @Override public double stepSize() { return inner.stepSize(); }
        @Override public Kernel withStepSize(double stepSize) { return new Uncapped(inner.withStepSize(stepSize)); }
        @Override public double targetAcceptance() { return inner.targetAcceptance(); }
        @Override public boolean needsGradient() { return false; }
    }

    @Test
    void aProposalForAnotherNumberOfCoordinatesIsRefusedWhenTheChainsStart() {
        Energy gaussian = Energies.blackBox(2, x -> (x[0] * x[0] + x[1] * x[1]) / 2);
        SamplerConfig config = SamplerConfig.builder().chains(2).warmup(10).draws(10).seed(1).build();
        for (int d : new int[] {1, 3}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Sampler(config).run(
                    RandomWalkMetropolis.of(MixedProposal.gaussian(d), 0.5), gaussian))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The proposal moves " + d + " coordinates, but the energy has 2: build it for the energy's "
                            + "coordinates, e.g. MixedProposal.gaussian(2) or the space's proposal().");
        }
    }

    @Test
    void theScaleStopsWhereWiderStepsOnlyFoldBackAndTheDrawsDoNotChange() {
        Box unit = Box.of(new double[] {0, 0}, new double[] {1, 1});
        Energy flat = Energies.restrictedTo(Energies.blackBox(2, x -> 0), unit);
        SamplerConfig config = SamplerConfig.builder().chains(4).warmup(400).draws(100).seed(5).build();
        Kernel mh = RandomWalkMetropolis.of(MixedProposal.gaussian(2), 0.5);
        assertThat(mh.largestUsefulStepSize(unit)).isEqualTo(2.0);
        Trace capped = new Sampler(config).run(mh, flat);
        assertThat(capped.diagnostics().stepSize()).isEqualTo(2.0);
        Trace grown = new Sampler(config).run(new Uncapped(mh), flat);
        assertThat(grown.diagnostics().stepSize()).isGreaterThan(100);
        assertThat(grown.samples()).isDeepEqualTo(capped.samples());
    }
}
