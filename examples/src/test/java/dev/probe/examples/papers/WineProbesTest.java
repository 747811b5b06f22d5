package dev.probe.examples.papers;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.model.Classifier;
import dev.probe.core.probe.Probe;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.query.PredictionRisky;
import dev.probe.core.query.Query;
import dev.probe.core.result.ProbeResult;
import dev.probe.junit.ProbeAnswer;
import dev.probe.core.result.Rate;
import dev.probe.core.sampler.RandomWalkMetropolis;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.SampleSpace;
import dev.probe.examples.data.Datasets;
import dev.probe.examples.models.BundledModel;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.annotations.ProbeCounterfactual;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeParameterSensitive;
import dev.probe.junit.annotations.ProbeRisky;
import dev.probe.junit.TrainingData;
import org.junit.jupiter.api.Test;

/**
 * "Generating Samples to Probe Trained Models" on tabular data: prediction-risky wines, counterfactuals
 * that flip a wine's class while staying close to it, and the §4 question "where is a decision tree
 * certain while a random forest is uncertain". Sampled by SMC populations ({@code sampler = SMC}): MALA
 * chains on these multimodal Gibbs distributions stayed at R̂ 1.1–2.3 even with 3,000 warm-up iterations and
 * 800 draws, while populations tempered from the box's uniform prior converge (R̂ ≤ 1.04) in under a second.
 */
@ProbeSettings(chains = 16, warmup = 3000, draws = 800, sampler = SamplerKind.SMC)
class WineProbesTest {
    @ProbedModel
    static Classifier logreg() {
        return PaperModels.tabularLogreg(BundledModel.WINE_LOGREG, 13);
    }

    @Generator
    static SampleSpace box() {
        return PaperModels.trainingBox(Datasets.wineTrain());
    }

    @TrainingData
    static double[][] training() {
        return PaperModels.rows(Datasets.wineTrain());
    }

    /** The first three held-out wines that are not of class 1: the counterfactuals flip them to class 1. */
    static double[][] factuals() {
        var test = Datasets.wineTest();
        double[][] rows = PaperModels.rows(test);
        return java.util.stream.IntStream.range(0, test.size()).filter(i -> test.label(i) != 1).limit(3)
                .mapToObj(i -> rows[i]).toArray(double[][]::new);
    }

    /** Localiser weights 1/sd²: distances to the factual in standard deviations of each feature. */
    static double[] inverseVariances() {
        float[] sd = Datasets.wineTrain().columnStds();
        double[] w = new double[sd.length];
        for (int k = 0; k < sd.length; k++) {
            w[k] = 1.0 / ((double) sd[k] * sd[k]);
        }
        return w;
    }

    /** Wines on which the logistic regression is most uncertain (maximal predictive entropy). */
    @ProbeRisky(tolerance = 0.5)
    @ProbeSettings(tau = 0.05)
    void risky(ProbeAnswer answer) {
        // entropy within 0.5 nats of its maximum log(3) = 1.10 for most samples
        assertThat(answer).hasTargetAttainmentAtLeast(0.5);
    }

    /** Counterfactuals: class 1 (the localiser keeps them near the factual). */
    @ProbeCounterfactual(factuals = "factuals", target = 1, weights = "inverseVariances", lambda = 0.05, tolerance = 0.5)
    @ProbeSettings(tau = 0.1)
    void counterfactuals(ProbeAnswer answer) {
        Rate flipped = answer.result().rate(s -> s.predicted(0) == 1);
        // judged on the rate's 95% interval (effective draws), not on its point estimate: a majority flips for
        // sure, and the data are consistent with at least 90% flipping
        assertThat(flipped.lower()).as("lower end, counterfactuals predicted class 1: %s", flipped).isGreaterThan(0.5);
        assertThat(flipped.upper()).as("upper end, counterfactuals predicted class 1: %s", flipped).isGreaterThanOrEqualTo(0.9);
    }

    static ai.djl.nn.Block logregArchitecture() {
        return new dev.probe.examples.models.LogisticRegression(13, 3);
    }

    /**
     * Parameter-sensitive wines (eq. 6): where 8 copies of the logistic regression with weights
     * perturbed by N(0, 0.3²) disagree with the trained model.
     */
    @ProbeParameterSensitive(architecture = "logregArchitecture", sd = 0.3, perturbations = 8, tolerance = 0.3)
    @ProbeSettings(tau = 0.05)
    void parameterSensitive(ProbeAnswer answer) {
        // outputs of model 0 are the trained model's, 1..8 the perturbed copies'
        Rate flipped = answer.result().rate(s -> {
            for (int k = 1; k < s.outputs().length; k++) {
                if (s.predicted(k) != s.predicted(0)) {
                    return true;
                }
            }
            return false;
        });
        assertThat(flipped.estimate()).as("samples where some perturbed copy changes the class: %s", flipped)
                .isGreaterThan(0.5);
    }

    @Test
    void treeCertainWhileForestUncertain() {
        Classifier tree = PaperModels.tribuo(BundledModel.WINE_TREE, 13);
        Classifier forest = PaperModels.tribuo(BundledModel.WINE_FOREST, 13);
        Query question = HighConfidence.of(tree, 1).withSigma(0.1).plus(PredictionRisky.entropy(forest).temperature(0.05));
        SampleSpace space = box();
        // trees are piecewise constant: random-walk Metropolis with the space's proposal (in sd units)
        ProbeResult result = Probe.of(space, question).sample(
                SamplerConfig.builder().chains(16).warmup(1000).draws(200).seed(2024).annealing(0.5).build(),
                RandomWalkMetropolis.of(space.proposal(), 0.3));
        Rate treeCertain = result.rate(s -> s.outputs()[0][1] > 0.9);
        Rate forestUnsure = result.rate(s -> max(s.outputs()[1]) < 0.8);
        assertThat(treeCertain.estimate()).as("tree says class 1 with p > 0.9: %s (seed %d)", treeCertain, result.seed())
                .isGreaterThan(0.8);
        assertThat(forestUnsure.estimate()).as("forest's top probability < 0.8: %s (seed %d)", forestUnsure, result.seed())
                .isGreaterThan(0.5);
    }

    private static double max(double[] p) {
        double m = p[0];
        for (double v : p) {
            m = Math.max(m, v);
        }
        return m;
    }
}
