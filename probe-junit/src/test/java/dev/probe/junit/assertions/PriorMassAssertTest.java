package dev.probe.junit.assertions;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.model.Classifier;
import dev.probe.core.probe.Probe;
import dev.probe.core.probe.Sampling;
import dev.probe.core.population.SmcConfig;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.result.PriorMass;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import dev.probe.junit.ProbeAnswer;
import org.junit.jupiter.api.Test;

/** {@code hasPriorMassAtMost}: a rarity gate on the level set's prior mass, judged at its 95% upper bound. */
class PriorMassAssertTest {
    /** Softmax of (3·x0, 3·x1, −3·x0 − 3·x1) on the box [−3, 3]²: class 0 is confident on a sizeable corner. */
    private static final Classifier MODEL = Classifier.fromLogits(dev.probe.core.model.BlackBoxFunction.of("linear-3", 2, 3,
            rows -> {
                double[][] out = new double[rows.length][];
                for (int i = 0; i < rows.length; i++) {
                    out[i] = new double[] {3 * rows[i][0], 3 * rows[i][1], -3 * rows[i][0] - 3 * rows[i][1]};
                }
                return out;
            }));
    private static final InputSpace BOX = InputSpace.box(new double[] {-3, -3}, new double[] {3, 3});
    private static final SamplerConfig CONFIG = SamplerConfig.builder().chains(8).warmup(100).draws(50).seed(5).build();

    @Test
    void theBoundHoldsAtTheUpperConfidenceLimitOfTheEstimate() {
        Probe probe = Probe.of(BOX, HighConfidence.of(MODEL, 0));
        ProbeAnswer answer = ProbeAnswer.of(probe.sample(CONFIG,
                probe.populationSampling(SmcConfig.builder().particles(128).seed(5).build())), 0.1);
        PriorMass m = answer.result().priorMass().orElseThrow();
        double upper = Math.exp(m.logUpperBound(0.95));
        assertThat(answer).hasPriorMassAtMost(1.0).hasPriorMassAtMost(upper * 1.01);
        // 4 populations: Student's t with 3 degrees of freedom (3.18 standard errors), not the normal's 1.96
        org.assertj.core.api.Assertions.assertThat(m.populations()).isEqualTo(4);
        assertThatThrownBy(() -> assertThat(answer).hasPriorMassAtMost(Math.exp(m.logMass() + 2.5 * m.logMassSd())))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but its 95% upper bound is");
        // between the estimate and its upper bound: not enough evidence that the mass is that small
        assertThatThrownBy(() -> assertThat(answer).hasPriorMassAtMost(Math.exp(m.logMass() + 0.5 * m.logMassSd())))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected the prior mass of the relaxed level set, E[exp(-G)], at most")
                .hasMessageContaining("but its 95% upper bound is")
                .hasMessageContaining("HighConfidence[linear-3, class 0")
                .hasMessageContaining("The estimate itself is within the bound")
                .hasMessageContaining("this evidence does not show the claim, which is not a finding that the mass exceeds it");
        // below the estimate: a finding, without that note
        assertThatThrownBy(() -> assertThat(answer).hasPriorMassAtMost(Math.exp(m.logMass() - 0.5 * m.logMassSd())))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but its 95% upper bound is")
                .hasMessageNotContaining("The estimate itself is within the bound")
                // the rarity is no share of inputs within the tolerance, which a new user read it as
                .hasMessageContaining("it is not the share of inputs within the tolerance, which Probe.levelSetMass");
        assertThatThrownBy(() -> assertThat(answer).hasPriorMassAtMost(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive bound");
        // 5 meant as 5%: it passed every answer
        assertThatThrownBy(() -> assertThat(answer).hasPriorMassAtMost(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a bound in (0, 1], got 5.0").hasMessageContaining("write 0.05 for 5%")
                .hasMessageContaining("it is not the share of inputs within the tolerance");
    }

    /** The claim the other way: a set that is not rare, judged at the 95% lower bound (a third reviewer's missing claim). */
    @Test
    void aMassAtLeastIsJudgedAtTheLowerConfidenceLimit() {
        Probe probe = Probe.of(BOX, HighConfidence.of(MODEL, 0));
        ProbeAnswer answer = ProbeAnswer.of(probe.sample(CONFIG,
                probe.populationSampling(SmcConfig.builder().particles(128).seed(5).build())), 0.1);
        PriorMass m = answer.result().priorMass().orElseThrow();
        double lower = Math.exp(m.logLowerBound(0.95));
        assertThat(answer).hasPriorMassAtLeast(lower * 0.99).hasPriorMassAtLeast(1e-9);
        // between its lower bound and the estimate: not enough evidence, said as such
        assertThatThrownBy(() -> assertThat(answer).hasPriorMassAtLeast(Math.exp(m.logMass() - 0.5 * m.logMassSd())))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected the prior mass of the relaxed level set, E[exp(-G)], at least")
                .hasMessageContaining("but its 95% lower bound is")
                .hasMessageContaining("this evidence does not show the claim, which is not a finding that the mass falls "
                        + "short of it");
        // above the estimate: a finding
        assertThatThrownBy(() -> assertThat(answer).hasPriorMassAtLeast(Math.exp(m.logMass() + 0.5 * m.logMassSd())))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but its 95% lower bound is")
                .hasMessageNotContaining("The estimate itself is within the bound");
        assertThatThrownBy(() -> assertThat(answer).hasPriorMassAtLeast(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hasPriorMassAtLeast needs a bound in (0, 1], got 5.0")
                .hasMessageContaining("so a bound above 1 holds for none");
        Probe chains = Probe.of(BOX, HighConfidence.of(MODEL, 0));
        ProbeAnswer chained = ProbeAnswer.of(chains.sample(CONFIG, Sampling.chains(chains.defaultKernel())), 0.1);
        assertThatThrownBy(() -> assertThat(chained).hasPriorMassAtLeast(1e-9)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("only population sampling (SMC) estimates the prior mass");
    }

    @Test
    void chainsGiveNoPriorMassAndTheFailureSaysWhichSamplerDoes() {
        Probe probe = Probe.of(BOX, HighConfidence.of(MODEL, 0));
        ProbeAnswer chains = ProbeAnswer.of(probe.sample(CONFIG, Sampling.chains(probe.defaultKernel())), 0.1);
        assertThatThrownBy(() -> assertThat(chains).hasPriorMassAtMost(1.0)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("only population sampling (SMC) estimates the prior mass");
    }

    /** A team's own query: the high-confidence energy, but not written as an energy of the outputs (no OutputEnergy). */
    private static final class OwnQuery implements dev.probe.core.query.Query {
        private final dev.probe.core.query.Query inner = HighConfidence.of(MODEL, 0);

        @Override
        public ai.djl.ndarray.NDArray energy(ai.djl.ndarray.NDArray x) {
            return inner.energy(x);
        }

        @Override
        public boolean isDifferentiable() {
            return inner.isDifferentiable();
        }

        @Override
        public int inputDimension() {
            return inner.inputDimension();
        }

        @Override
        public java.util.List<dev.probe.core.model.ModelUnderTest> models() {
            return inner.models();
        }

        @Override
        public double targetDistance(double[][] outputs) {
            return inner.targetDistance(outputs);
        }

        @Override
        public String describe() {
            return "OwnQuery";
        }
    }

    /**
     * A new user's own query, sampled by populations, had no prior mass, and the failure told them to use population
     * sampling, which they had: it is a usage error that names OutputEnergy.
     */
    @Test
    void populationsOfAQueryWithoutOutputEnergyGiveNoPriorMassAndTheErrorSaysWhy() {
        Probe probe = Probe.of(BOX, new OwnQuery());
        ProbeAnswer answer = ProbeAnswer.of(probe.sample(CONFIG,
                probe.populationSampling(SmcConfig.builder().particles(64).seed(5).build())), 0.1);
        org.assertj.core.api.Assertions.assertThat(answer.result().isPopulationResult()).isTrue();
        assertThatThrownBy(() -> assertThat(answer).hasPriorMassAtMost(1.0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not implement dev.probe.core.query.OutputEnergy")
                // its populations did estimate a normalising constant: it is withheld, and why (a new user read "estimate
                // no prior mass" beside an accurate log Z)
                .hasMessageContaining("this answer carries no prior mass. Its populations (SMC")
                .hasMessageContaining("estimated the normalising constant E[exp(-G)] of its question (OwnQuery)")
                .hasMessageContaining("Probe.of(space, query).levelSetMass(draws, tolerance, seed)")
                .hasMessageNotContaining("only population sampling").hasMessageNotContaining("estimate no prior mass");
    }

    /**
     * A contrast of two models, sampled by populations, has no prior mass either, and its user cannot implement
     * OutputEnergy in a library query (a new user gating a model upgrade): the error names what counts disagreement
     * over the space; a disagreement rate says it is among the probe's samples, which the contrast chose.
     */
    @Test
    void aContrastHasNoPriorMassAndItsRatesAreAmongItsSamples() {
        Classifier other = Classifier.fromLogits(dev.probe.core.model.BlackBoxFunction.of("linear-3b", 2, 3, rows -> {
            double[][] out = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = new double[] {3 * rows[i][1], 3 * rows[i][0], -3 * rows[i][0] - 3 * rows[i][1]};
            }
            return out;
        }));
        Probe probe = Probe.of(BOX, dev.probe.core.query.ModelContrast.classifiers(MODEL, other));
        ProbeAnswer answer = ProbeAnswer.of(probe.sample(CONFIG,
                probe.populationSampling(SmcConfig.builder().particles(64).seed(5).build())), 0.8);
        assertThatThrownBy(() -> assertThat(answer).hasPriorMassAtMost(0.05)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("A model contrast has none: to bound how often the models disagree over the space, "
                        + "count it over prior draws with the core API")
                .hasMessageContaining("Probe.priorRate").hasMessageNotContaining("Implement OutputEnergy");
        assertThatThrownBy(() -> assertThat(answer).hasDisagreementRateAtMost("linear-3", "linear-3b", 0.01))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but the observed rate among the probe's samples (drawn from its question's target, "
                        + "which for a contrast seeks disagreement: not the rate over the space");
    }

    @Test
    void anEmptyAcceptanceRangeIsAUsageError() {
        Probe probe = Probe.of(BOX, HighConfidence.of(MODEL, 0));
        ProbeAnswer chains = ProbeAnswer.of(probe.sample(CONFIG, Sampling.chains(probe.defaultKernel())), 0.1);
        assertThatThrownBy(() -> assertThat(chains).hasAcceptanceBetween(0.9, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 <= min <= max <= 1");
    }
}
