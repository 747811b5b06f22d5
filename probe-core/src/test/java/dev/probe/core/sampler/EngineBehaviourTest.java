package dev.probe.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reproducibility, non-finite energies, memory and input validation of the runner. */
class EngineBehaviourTest {

    private static SamplerConfig config(long seed) {
        return SamplerConfig.builder().chains(4).warmup(50).draws(100).seed(seed).build();
    }

    @Test
    void sameSeedGivesIdenticalSamplesAndOtherSeedsDiffer() {
        for (Kernel kernel : List.of(Mala.of(0.3), Hmc.of(0.2, 4), SmoothedMala.of(0.2, 0.3, 2))) {
            Energy energy = kernel instanceof SmoothedMala ? Targets.correlatedGaussianBlackBox() : Targets.correlatedGaussian();
            Trace a = new Sampler(config(5)).run(kernel, energy);
            Trace b = new Sampler(config(5)).run(kernel, energy);
            Trace c = new Sampler(config(6)).run(kernel, energy);
            assertThat(a.samples()).as(kernel.name()).isDeepEqualTo(b.samples());
            assertThat(a.energies()).isDeepEqualTo(b.energies());
            assertThat(a.samples()).isNotEqualTo(c.samples());
            assertThat(a.seed()).isEqualTo(5);
        }
    }

    @Test
    void nonFiniteEnergiesAreRejectedAndCounted() {
        // NaN for x > 1.5: such proposals must be rejected, never kept
        Energy energy = Energies.differentiable(1, x -> {
            NDArray u = x.square().sum(new int[] {1}).div(2);
            // u + NaN, not u·NaN: the unused branch's derivative (1, not NaN) must not poison the gradient, or the
            // chains never move (this test used u·NaN, and its chains stood still at 0)
            NDArray nan = u.add(Float.NaN);
            NDArray mask = x.get(":, 0").gt(1.5f);
            return ai.djl.ndarray.NDArrays.where(mask, nan, u);
        });
        Trace trace = new Sampler(SamplerConfig.builder().chains(8).warmup(100).draws(1000).seed(7).build())
                .run(Mala.of(0.5), energy, new double[][] {{0}, {0}, {0}, {0}, {0}, {0}, {0}, {0}});
        assertThat(trace.diagnostics().nonFiniteProposals()).isPositive();
        for (double[] s : trace.pooledSamples()) {
            assertThat(s[0]).isFinite().isLessThanOrEqualTo(1.5);
        }
        for (double[] e : trace.energies()) {
            for (double v : e) {
                assertThat(v).isFinite();
            }
        }
    }

    @Test
    void aGradientPoisonedEverywhereIsAClearErrorNotChainsThatNeverMove() {
        // finite energy, NaN gradient at every point (the unused branch u·NaN of where): every proposal was non-finite,
        // the chains stood still, and only an R̂ of 1.6·10¹⁴ said so (a new user's energy)
        Energy energy = Energies.differentiable(2, x -> {
            NDArray u = x.square().sum(new int[] {1}).div(2);
            return ai.djl.ndarray.NDArrays.where(x.get(":, 0").gt(1), u.mul(Float.NaN), u);
        });
        assertThatThrownBy(() -> new Sampler(config(1)).run(Mala.of(0.1), energy, new double[][] {{0, 0}, {0.5, 0}, {-1, 1}, {0, 2}}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gradient is not finite at the initial position of any chain: NaN at chain 0")
                .hasMessageContaining("where(mask, x, safe)");
    }

    @Test
    void nanAtTheStartIsAClearError() {
        Energy energy = Energies.differentiable(1, x -> x.sum(new int[] {1}).mul(Float.NaN));
        assertThatThrownBy(() -> new Sampler(config(1)).run(Mala.of(0.1), energy))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initial position of chain 0")
                .hasMessageContaining("NaN outputs");
    }

    @Test
    void gradientKernelOnBlackBoxEnergyIsRejectedBeforeSampling() {
        assertThatThrownBy(() -> new Sampler(config(1)).run(Hmc.of(0.1, 3), Targets.standardNormalBlackBox(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not differentiable")
                .hasMessageContaining("SmoothedMala");
    }

    @Test
    void initialPositionsAreValidated() {
        Energy boxed = Energies.restrictedTo(Targets.standardNormal(1), Box.of(new double[] {0}, new double[] {1}));
        assertThatThrownBy(() -> new Sampler(config(1)).run(Mala.of(0.1), boxed, new double[][] {{2}, {0.5}, {0.5}, {0.5}}))
                .hasMessageContaining("outside the support");
        assertThatThrownBy(() -> new Sampler(config(1)).run(Mala.of(0.1), boxed, new double[][] {{0.5}}))
                .hasMessageContaining("Give one position per chain");
        // a NaN start on an unbounded space read "lies outside the support Box[-Infinity]..[Infinity]"
        assertThatThrownBy(() -> new Sampler(config(1)).run(Mala.of(0.1), Targets.standardNormal(1),
                new double[][] {{Double.NaN}, {0}, {0}, {0}})).hasMessageContaining("Initial position of chain 0 [NaN] holds NaN");
        assertThatThrownBy(() -> Box.of(new double[] {1}, new double[] {1})).hasMessageContaining("Empty box");
        assertThatThrownBy(() -> Box.of(new double[] {Double.NaN}, new double[] {1})).hasMessageContaining("is NaN")
                .hasMessageNotContaining("Empty");
        assertThatThrownBy(() -> SamplerConfig.builder().chains(0).build()).hasMessageContaining("chains must be at least 1");
        // counts that overflowed an int: draws·thin to 0 (a run of draws all 0.0), particles·populations to 0
        assertThatThrownBy(() -> SamplerConfig.builder().draws(1 << 16).thin(1 << 16).build())
                .hasMessageContaining("warmup + draws·thin must be at most 2147483647 iterations per chain");
        assertThatThrownBy(() -> dev.probe.core.population.SmcConfig.builder().particles(1 << 30).populations(4).build())
                .hasMessageContaining("particles·populations must be at most");
    }

    @Test
    void managedArraysStayFlatOver10000Steps() {
        List<Integer> counts = new ArrayList<>();
        SamplerConfig config = SamplerConfig.builder().chains(16).warmup(100).draws(9900).seed(3).build();
        new Sampler(config, (manager, i) -> {
            if (i % 1000 == 999) {
                counts.add(manager.getManagedArrays().size());
            }
        }).run(Mala.of(0.3), Targets.correlatedGaussian());
        assertThat(counts).hasSize(10);
        // the run's manager holds only the current state, whatever the iteration
        assertThat(counts).allSatisfy(c -> assertThat(c).isEqualTo(counts.get(0)));
        assertThat(counts.get(0)).isLessThanOrEqualTo(4);
    }
}
