package dev.probe.core.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.Mala;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The next temperature step: the ESS rule, and the cap on a stage's drop of log Z counted from the floor. */
class TemperingTest {
    private static final double LN10 = Math.log(10);

    /** A question about flat over the particles (199.0 … 199.9): the ESS rule alone would jump to β = 1. */
    private static double[] flat() {
        double[] g = new double[100];
        for (int i = 0; i < g.length; i++) {
            g[i] = 199 + 0.009 * i;
        }
        return g;
    }

    @Test
    void aFlatQuestionIsTemperedInStagesThatDropLogZByTheCapFromTheFloor() {
        double[] g = flat();
        assertThat(Tempering.nextDelta(g, 50, 1, Double.POSITIVE_INFINITY, 0)).isEqualTo(1);
        double delta = Tempering.nextDelta(g, 50, 1, LN10, 0);
        double drop = -(Tempering.logSumExp(g, -delta) - Math.log(g.length));
        assertThat(drop).isCloseTo(LN10, within(1e-9));
        assertThat(delta).isCloseTo(LN10 / 199.45, within(1e-4));
        // from a floor at the particles' own least G the cap hardly binds: the next density is then bounded by
        // e^ln10 only relative to the best particle
        assertThat(Tempering.nextDelta(g, 50, 1, LN10, 199)).isEqualTo(1);
    }

    @Test
    void theCapLeavesTheEssRuleAloneWhereThatIsTighter() {
        double[] g = new double[200];
        for (int i = 0; i < g.length; i++) {
            g[i] = i * 0.5; // spread 0 … 100 from the floor: the ESS rule binds first
        }
        double free = Tempering.nextDelta(g, 100, 1, Double.POSITIVE_INFINITY, 0);
        assertThat(Tempering.nextDelta(g, 100, 1, LN10, 0)).isEqualTo(free);
        assertThat(Math.exp(Tempering.logEss(g, free))).isCloseTo(100, within(1e-6));
    }

    @Test
    void nonFiniteEnergiesKeepWeightZeroAndDoNotCountAsADrop() {
        double[] g = flat();
        double[] withHoles = Arrays.copyOf(g, 150);
        Arrays.fill(withHoles, 100, 150, Double.POSITIVE_INFINITY);
        // a third of the particles outside the support: the cap is counted over the finite ones
        assertThat(Tempering.nextDelta(withHoles, 50, 1, LN10, 0))
                .isCloseTo(Tempering.nextDelta(g, 50, 1, LN10, 0), within(1e-12));
    }

    /**
     * A question with an offset (G + 100, log Z 100 lower) is still right from a floor at 0, at the cost of about
     * 100/ln 10 more stages; declared as its floor the offset costs nothing.
     */
    @Test
    void anOffsetQuestionCostsStagesFromTheDefaultFloorAndNoneFromItsOwn() {
        int d = 5;
        double s2 = 0.25;
        double truth = ClosedForms.gaussianLogZ(d, s2, 1) - 100;
        Energy shifted = Energies.differentiable(d, x -> x.sub(1).square().sum(new int[] {1}).div(2 * s2).add(100));
        SmcConfig config = SmcConfig.builder().particles(256).seed(3).build();
        TemperedTarget fromZero = ClosedForms.target(d, shifted).withQuestionFloor(0);
        PopulationRun slow = new Smc(config).run(fromZero, Mala.of(0.1), ClosedForms.priorDraws(4, 1024, d, 5));
        PopulationRun fast = new Smc(config).run(fromZero.withQuestionFloor(100), Mala.of(0.1),
                ClosedForms.priorDraws(4, 1024, d, 5));
        for (PopulationRun run : new PopulationRun[] {slow, fast}) {
            assertThat(run.status()).isEqualTo(PopulationStatus.OK);
            assertThat(run.logPriorMass()).isCloseTo(truth, within(4 * run.logPriorMassStandardError() + 0.05));
        }
        int slowStages = slow.stages(0).size();
        int fastStages = fast.stages(0).size();
        assertThat(slowStages).isGreaterThanOrEqualTo((int) (100 / LN10)).isGreaterThan(fastStages + 30);
        assertThat(fastStages).isLessThan(10);
    }

    @Test
    void aFloorIsANumberOrMinusInfinity() {
        TemperedTarget t = TemperedTarget.of(Energies.valueOnly(1, x -> x.sum(new int[] {1})),
                Energies.valueOnly(1, x -> x.sum(new int[] {1})), Box.unbounded(1));
        assertThat(t.questionFloor()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(t.withQuestionFloor(0).questionFloor()).isZero();
        assertThatThrownBy(() -> t.withQuestionFloor(Double.NaN)).hasMessageContaining("floor");
        assertThatThrownBy(() -> SmcConfig.builder().maxStageDrop(0).build()).hasMessageContaining("maxStageDrop");
    }
}
