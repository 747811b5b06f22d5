package dev.probe.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A user's energy must give one value per position. One that forgets to sum over coordinates, or sums over the
 * batch too, used to fail deep inside a kernel (an ArrayIndexOutOfBoundsException under MALA, an arraycopy error
 * under MH, a raw engine error); now every kernel gets the same message with the fix.
 */
class EnergyShapeTest {
    private static final SamplerConfig CONFIG = SamplerConfig.builder().chains(4).warmup(5).draws(5).seed(3).build();

    @Test
    void anEnergyThatForgetsToSumOverCoordinatesIsRefusedWithTheFix() {
        Energy perCoordinate = Energies.differentiable(2, x -> x.square().div(2));
        for (Kernel k : new Kernel[] {Mala.of(0.1), Hmc.of(0.1, 4), RandomWalkMetropolis.of(MixedProposal.gaussian(2), 0.5)}) {
            assertThatThrownBy(() -> new Sampler(CONFIG).run(k, perCoordinate))
                    .as(k.name())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("returned shape (4, 2) for 4 positions")
                    .hasMessageContaining("sum over the coordinates");
        }
    }

    @Test
    void aValueOnlyEnergyOffersNoGradientAndIsSampledByGradientFreeKernels() {
        Energy stepped = Energies.valueOnly(2, x -> x.square().sum(new int[] {1}).div(2).add(x.gt(0).toType(
                ai.djl.ndarray.types.DataType.FLOAT32, false).sum(new int[] {1})));
        assertThat(stepped.isDifferentiable()).isFalse();
        Trace t = new Sampler(CONFIG).run(RandomWalkMetropolis.of(MixedProposal.gaussian(2), 0.5), stepped);
        double[] all = java.util.Arrays.stream(t.pooledSamples()).flatMapToDouble(java.util.Arrays::stream).toArray();
        assertThat(all).hasSize(2 * CONFIG.chains() * CONFIG.draws());
        assertThat(java.util.Arrays.stream(all).allMatch(Double::isFinite)).as("finite draws").isTrue();
        assertThatThrownBy(() -> new Sampler(CONFIG).run(Mala.of(0.1), stepped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not differentiable");
    }

    /**
     * An energy made from another Energy's value (which evaluates without gradients) is refused with the fix in the
     * user's terms (a new user's message named ForwardOnly and RowChunking, which they never called), and the
     * composition of the tensor functions samples.
     */
    @Test
    void anEnergyComposedOfAnotherEnergysValueIsRefusedWithTheFix() {
        java.util.function.Function<ai.djl.ndarray.NDArray, ai.djl.ndarray.NDArray> u = x -> x.square().sum(new int[] {1}).div(2);
        Energy target = Energies.differentiable(2, u);
        Energy composed = Energies.differentiable(2, x -> target.value(x).sub(x.sum(new int[] {1}).mul(0)));
        assertThatThrownBy(() -> new Sampler(CONFIG).run(Mala.of(0.1), composed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("most often another Energy's value(x)")
                .hasMessageContaining("Compose the tensor functions instead");
        Energy fine = Energies.differentiable(2, x -> u.apply(x).sub(x.sum(new int[] {1}).mul(0)));
        assertThat(new Sampler(CONFIG).run(Mala.of(0.1), fine).pooledSamples()).hasNumberOfRows(CONFIG.chains() * CONFIG.draws());
    }

    @Test
    void anEnergySummedOverTheBatchIsRefused() {
        Energy total = Energies.differentiable(2, x -> x.square().sum().div(2));
        assertThatThrownBy(() -> new Sampler(CONFIG).run(Mala.of(0.1), total))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one value per position")
                .hasMessageContaining("do not sum over the batch");
    }

    @Test
    void aColumnOfOneValuePerPositionIsTakenAsIs() {
        Energy column = Energies.differentiable(2, x -> x.square().sum(new int[] {1}, true).div(2));
        Energy flat = Energies.differentiable(2, x -> x.square().sum(new int[] {1}).div(2));
        Trace a = new Sampler(CONFIG).run(Mala.of(0.1), column);
        Trace b = new Sampler(CONFIG).run(Mala.of(0.1), flat);
        assertThat(a.energies()).isDeepEqualTo(b.energies());
    }

    @Test
    void anEnergyWithoutCoordinatesIsRefused() {
        assertThatThrownBy(() -> Energies.differentiable(0, x -> x)).hasMessageContaining("at least one coordinate");
        assertThatThrownBy(() -> Energies.blackBox(-2, x -> 0)).hasMessageContaining("at least one coordinate");
    }
}
