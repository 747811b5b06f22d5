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
        assertThat(run.table()).contains("why UNSETTLED").contains("a larger prior pool");
    }
}
