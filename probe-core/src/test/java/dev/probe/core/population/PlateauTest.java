package dev.probe.core.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.probe.core.sampler.MixedProposal;
import dev.probe.core.sampler.RandomWalkMetropolis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Populations that crossed a plateau of the question's energy blind (every weight alike, so no particle saw the set)
 * and found the set later, by moves, are flagged: their log Z can be low by what the flat stages charged.
 */
class PlateauTest {

    private static Stage stage(int index, double beta, double delta, double ess, double logIncrement) {
        return new Stage(index, beta, delta, ess, logIncrement, 75, 75, 3, 0.9, 0.9, 1, 0.5, 0.1, 0.1, 0, 0, Double.NaN);
    }

    @Test
    void theFlatStagesChargeWhatTheSetFoundLaterDoesNotCost() {
        List<Stage> stages = new ArrayList<>();
        double beta = 0;
        for (int i = 1; i <= 50; i++) {
            beta += 0.0115;
            stages.add(stage(i, beta, 0.0115, 1.0, -2.303)); // G ≈ 200 at every particle
        }
        stages.add(stage(51, 0.7, 0.1, 0.5, -1.5)); // weights that tell the particles apart: not flat
        stages.add(stage(52, 1.0, 0.3, 1.0, -0.3)); // flat, but it charged what the last draws hold
        double[][] g = {{1, 1, 1, 1}};
        assertThat(PopulationRun.plateauNats(List.of(stages), g)).isCloseTo(50 * (2.303 - 0.0115), within(1e-9));
        // a population that stayed on the plateau (its last draws still at 200) was charged what it holds
        assertThat(PopulationRun.plateauNats(List.of(stages), new double[][] {{200.3, 200.3}})).isZero();
        assertThat(stages.get(50).flat()).isFalse();
        assertThat(stages.get(51).flat()).isTrue();
    }

    /**
     * A steep energy far above its floor (a counterfactual's λ‖x − a‖²/τ at τ = 0.002, G ≈ 575 with a spread of a few
     * units) makes stages flat by the stage-drop cap alone, and its mean declines by a few spreads as β grows: that is
     * thermodynamic integration, not a plateau. A new user's right counterfactual (attainment 0.508 against 0.510) was
     * refused with "plateau 2.1 nats"; 100 such stages charged 2.0 nats and now none. A stage whose particles shared
     * one energy (a plateau, spread 0) still counts whatever it charged.
     */
    @Test
    void flatStagesOfASteepEnergyFarAboveItsFloorAreNoPlateau() {
        List<Stage> steep = new ArrayList<>();
        double beta = 0;
        for (int i = 1; i <= 100; i++) {
            beta += 0.004;
            // mean G 575 against 570 at the end, sd(G) 5.6: ESS/n = 1/(1 + (δ·sd)²) = 0.9995
            steep.add(stage(i, beta, 0.004, 0.9995, -0.004 * 575));
        }
        assertThat(steep.get(0).flat()).isTrue();
        double[][] g = {{570, 570}};
        assertThat(PopulationRun.plateauNats(List.of(steep), g)).isZero();
        List<Stage> shared = new ArrayList<>(steep);
        shared.set(0, stage(1, 0.004, 0.004, 1.0, -0.004 * 575)); // every particle at 575: a plateau of 0.02 nats
        assertThat(PopulationRun.plateauNats(List.of(shared), g)).isCloseTo(0.02, within(1e-9));
        // far below the stages' spread: a set found later, 100 stages of 1.9 nats each
        assertThat(PopulationRun.plateauNats(List.of(steep), new double[][] {{100, 100}}))
                .isCloseTo(100 * 0.004 * 475, within(1e-6));
    }

    /**
     * A corner of 1 in 4·10¹⁰ in [0, 1]³⁰ behind a saturated classifier (a new user's black box, stop 36): every
     * population agreed on a log Z about 100 nats low with R̂ 1.05; now the run is UNSETTLED and its plateau says why.
     */
    @Test
    void aRareCornerBehindASaturatedModelIsFlagged() {
        PopulationRun run = new Smc(SmcConfig.builder().particles(75).populations(4).draws(1).seed(2).build())
                .run(SpreadWidthsTest.corner(30, 10).withQuestionFloor(0), RandomWalkMetropolis.of(MixedProposal.gaussian(30), 0.5),
                        ClosedForms.uniformOnTheUnitCube(4, 4096, 30, 7));
        assertThat(run.stages(0)).as(run.table()).anySatisfy(s -> assertThat(s.flat()).isTrue());
        assertThat(run.diagnostics().plateauNats()).as(run.table()).isGreaterThan(PopulationRun.MAX_PLATEAU_NATS);
        assertThat(run.status()).isEqualTo(PopulationStatus.UNSETTLED);
        assertThat(run.diagnostics().table()).contains("plateau (nats)");
        // the status says why and what helps (a new user's rare set was refused with no word of the pool)
        // a pool that would give each population starting draws in a set of 1 in 4·10¹⁰ is no practical lever
        assertThat(run.table()).contains("why UNSETTLED").contains("first count the set's mass with independent draws "
                + "(Probe.levelSetMass)").contains("more than is practical");
    }

    /**
     * The lever for a plateau is the pool, not particles: a new user's rare half-spaces stayed unsettled at 4×1024
     * particles and settled with a pool holding about 2 draws in the set per population.
     */
    @Test
    void thePoolThatLetsPopulationsStartBesideTheSetFollowsItsMass() {
        // 8 draws per population of mass e^-9.7 (half the pool split 4 ways: 4 draws in the set each)
        assertThat(PopulationRun.poolToSeeTheSet(-9.7, 4)).isEqualTo(522_240);
        assertThat(PopulationRun.poolToSeeTheSet(-Math.log(4e10), 4)).isCloseTo(1_280_000_000_000L, within(1024L));
        assertThat(PopulationRun.poolToSeeTheSet(-1e6, 4)).isEqualTo(Long.MAX_VALUE);
        assertThat(PopulationRun.plateauLever(-9.7, 4)).startsWith("a larger prior pool, about 522,240 draws")
                .contains("more particles add no starting draws", "fewer if the set is commoner")
                .doesNotContain("at most", "up to");
        // the estimate's own error can make log Z high too: the pool up to its low end (a new user's −9.46 ± 3.83, 0.84
        // nats above the exact mass, was told "at most 617,472 draws" where 1.43 million were needed)
        assertThat(PopulationRun.plateauLever(-9.46, 3.83, 6)).contains("about 616,448 draws", "and up to 1,307,262,976 if",
                "if it is as rare as the low end of the estimate's ±2 standard errors, log Z -9.46 ± 3.83");
        assertThat(PopulationRun.plateauLever(-9.7, 0.05, 4)).doesNotContain("up to");
        assertThat(PopulationRun.plateauLever(-9.7, 0.6, 4)).contains("and up to 1,7").doesNotContain("Probe.levelSetMass");
        // an upper figure beyond practice: count first (a new user's "up to 11,886,437,691,239,424" said nothing of it)
        assertThat(PopulationRun.plateauLever(-8.10, 12.72, 4)).contains("a larger prior pool, about",
                "that upper figure is more than is practical: to know which pool it needs, first count the set's mass "
                        + "with independent draws (Probe.levelSetMass)");
        assertThat(PopulationRun.plateauLever(-14.5, 4)).contains("more than is practical")
                .contains("Probe.levelSetMass");
        // a plateau's log Z can be tens of nats low: the pool at it is what the set needs at most, and counting comes
        // first (a new user's corner of mass 1.8·10⁻⁸ read "about more than 10^18 draws" at log Z −62.7)
        assertThat(PopulationRun.plateauLever(-62.7, 4)).startsWith("first count the set's mass with independent draws")
                .contains("a pool would need more than 10^18 draws").doesNotContain("about more than");
        assertThat(PopulationRun.plateauLever(-30, 4)).contains("a pool would need about 341,967,");
    }
}
