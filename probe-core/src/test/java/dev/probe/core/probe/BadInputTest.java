package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.Autograd;
import dev.probe.core.query.Localiser;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.sampler.RandomWalkMetropolis;
import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.TestModels;
import dev.probe.core.model.TorchScriptFunction;
import dev.probe.core.query.Ambivalent;
import dev.probe.core.query.FixedLabel;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.query.OutputEnergy;
import dev.probe.core.query.PredictionRisky;
import dev.probe.core.query.TargetConfidence;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import dev.probe.core.space.LatentSpace;
import org.junit.jupiter.api.Test;

/** Every bad input fails before sampling with a message naming the cause and the fix. */
class BadInputTest {
    private static final Classifier MODEL = TestModels.logisticRegression("logreg", new double[] {1, 1}, 0);
    private static final InputSpace BOX = InputSpace.box(new double[] {-1, -1}, new double[] {1, 1});
    private static final SamplerConfig CONFIG = SamplerConfig.builder().chains(2).warmup(5).draws(5).seed(1).build();

    @Test
    void decoderOutputNotMatchingTheClassifierInput() {
        try (TorchScriptFunction decoder = TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("decoder.pt"), new Shape(2))) {
            assertThatThrownBy(() -> Probe.of(LatentSpace.standardNormal(decoder), HighConfidence.of(MODEL, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Shape mismatch")
                    .hasMessageContaining("inputs of 4 features")
                    .hasMessageContaining("take 2")
                    .hasMessageContaining("Use a decoder (or generator) whose flattened output has 2 values");
        }
        // a tabular box has no decoder to change: its bounds are what to give (a new user's was told "use a decoder")
        assertThatThrownBy(() -> Probe.of(InputSpace.box(new double[] {0, 0, 0}, new double[] {1, 1, 1}),
                HighConfidence.of(MODEL, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("produces inputs of 3 features but the query's models take 2")
                .hasMessageContaining("Give the input space one pair of bounds per feature the model reads (2), or models "
                        + "built for 3 features.").hasMessageNotContaining("decoder");
    }

    @Test
    void nonFiniteModelOutputs() {
        Classifier nan = Classifier.fromProbabilities(BlackBoxFunction.of("broken", 2, 2,
                rows -> java.util.Arrays.stream(rows).map(r -> new double[] {Double.NaN, 1}).toArray(double[][]::new)));
        assertThatThrownBy(() -> Probe.of(BOX, HighConfidence.of(nan, 1)).sample(CONFIG))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'broken' returned NaN")
                .hasMessageContaining("must be finite")
                // the point of the space, not only the row of a batch (a new user's message gave no coordinates)
                .hasMessageContaining("At a prior draw of InputSpace")
                // to 4 significant digits, as the rows of the model's own messages (a new user's read 16)
                .hasMessageFindingMatch("\\(coordinates \\[-?[0-9.]{1,8}(e-?[0-9]+)?, -?[0-9.]{1,8}(e-?[0-9]+)?\\]\\)");
        Classifier inf = Classifier.fromLogits(BlackBoxFunction.of("overflow", 2, 2,
                rows -> java.util.Arrays.stream(rows).map(r -> new double[] {Double.POSITIVE_INFINITY, 0}).toArray(double[][]::new)));
        assertThatThrownBy(() -> Probe.of(BOX, HighConfidence.of(inf, 1)).sample(CONFIG))
                .hasMessageContaining("'overflow' returned Infinity");
    }

    /**
     * An OutputEnergy whose energy(x) and energyOfOutputs disagree (a new user's σ 0.02 on one path, 0.05 on the
     * other): the samples were of one question and the prior mass of the other, 12–16 standard errors off.
     */
    @Test
    void anOutputEnergyWhoseTwoEnergiesDisagree() {
        HighConfidence moved = HighConfidence.of(MODEL, 1).withSigma(0.02);
        HighConfidence measured = HighConfidence.of(MODEL, 1).withSigma(0.05);
        Probe probe = Probe.of(BOX, movedAndMeasured("Mismatched", moved, measured));
        for (Runnable sampling : java.util.List.<Runnable>of(() -> probe.sample(CONFIG, dev.probe.core.sampler.Mala.of(0.1)),
                () -> probe.sample(CONFIG, Sampling.populations()))) {
            assertThatThrownBy(sampling::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The query Mismatched")
                    .hasMessageContaining("gives one input two energies: energy(x) = ")
                    .hasMessageContaining("Compute both from the same parameters");
        }
        // the same query with one σ on both paths samples
        assertThat(Probe.of(BOX, movedAndMeasured("Agreeing", measured, measured)).sample(CONFIG).size()).isPositive();
    }

    /** An engine error inside a custom query's own tensor code (a new user's class 7 of a 2-class model) names the query. */
    @Test
    void anEngineErrorInsideACustomQuerysEnergyNamesTheQuery() {
        HighConfidence base = HighConfidence.of(MODEL, 1);
        OutputEnergy classSeven = new OutputEnergy() {
            @Override public NDArray energy(NDArray x) { return MODEL.probabilities(x).get(":, 7").neg(); }
            @Override public double energyOfOutputs(double[][] outputs) { return base.energyOfOutputs(outputs); }
            @Override public boolean isDifferentiable() { return true; }
            @Override public int inputDimension() { return 2; }
            @Override public java.util.List<dev.probe.core.model.ModelUnderTest> models() { return base.models(); }
            @Override public double targetDistance(double[][] outputs) { return base.targetDistance(outputs); }
            @Override public String describe() { return "ClassSeven"; }
        };
        Probe probe = Probe.of(BOX, classSeven);
        for (Runnable sampling : java.util.List.<Runnable>of(() -> probe.sample(CONFIG, dev.probe.core.sampler.Mala.of(0.1)),
                () -> probe.sample(CONFIG, Sampling.populations()))) {
            assertThatThrownBy(sampling::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("The query ClassSeven")
                    .hasMessageContaining("failed in its energy on inputs of shape (")
                    .hasMessageContaining("index 7 is out of bounds")
                    .hasMessageContaining("check its indices")
                    .hasCauseInstanceOf(ai.djl.engine.EngineException.class);
        }
    }

    /** A custom OutputEnergy whose samplers move by {@code moved} and whose pool measures by {@code measured}. */
    private static OutputEnergy movedAndMeasured(String name, HighConfidence moved, HighConfidence measured) {
        return new OutputEnergy() {
            @Override public NDArray energy(NDArray x) { return moved.energy(x); }
            @Override public double energyOfOutputs(double[][] outputs) { return measured.energyOfOutputs(outputs); }
            @Override public boolean isDifferentiable() { return true; }
            @Override public int inputDimension() { return moved.inputDimension(); }
            @Override public java.util.List<dev.probe.core.model.ModelUnderTest> models() { return moved.models(); }
            @Override public double targetDistance(double[][] outputs) { return moved.targetDistance(outputs); }
            @Override public String describe() { return name; }
        };
    }

    /**
     * A model that is NaN on part of the prior's support (here x0 > 0.2, 40% of the box) used to be sampled around:
     * its NaN proposals were rejected and the answer (samples, prior mass) silently held for the rest of the box.
     * Every way a probe looks at prior draws first — the pool, screened chain starts, populations' fresh starting
     * draws — now refuses it with the model, the output and the input.
     */
    @Test
    void aModelThatIsNaNOnPartOfThePriorIsRefusedNotSampledAround() {
        Classifier partial = Classifier.fromProbabilities(BlackBoxFunction.of("half-broken", 2, 2,
                rows -> java.util.Arrays.stream(rows).map(r -> {
                    double p = 1 / (1 + Math.exp(-(r[0] + r[1])));
                    return r[0] > 0.2 ? new double[] {Double.NaN, Double.NaN} : new double[] {1 - p, p};
                }).toArray(double[][]::new)));
        Probe levelSet = Probe.of(BOX, Ambivalent.between(partial, 0, 1));
        assertThatThrownBy(() -> levelSet.pool())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("prior draws of")
                .hasMessageContaining("'half-broken' returned NaN")
                .hasMessageContaining("refuses to sample around");
        assertThatThrownBy(() -> levelSet.sample(CONFIG, Sampling.chains(levelSet.defaultKernel())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'half-broken' returned NaN");
        Probe gibbs = Probe.of(BOX, FixedLabel.of(partial, 1));
        assertThatThrownBy(() -> gibbs.sample(CONFIG, gibbs.populationSampling(
                dev.probe.core.population.SmcConfig.builder().particles(64).populations(2).seed(2).build())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'half-broken' returned NaN");
    }

    /**
     * A credit model centring income on the batch's mean (a preprocessing bug) passed the load-time check, whose rows
     * (all 0.25, all 1) lie outside a raw-unit box and differ by too little; its probes converged and passed with a
     * prior mass 4–8 standard errors off. The space's own prior draws are now evaluated as a batch and alone, on every
     * path that looks at prior draws first: the pool, screened chain starts and populations' fresh starting draws.
     */
    @Test
    void aModelThatDependsOnItsBatchAtRealisticInputsIsRefused() {
        Classifier centred = Classifier.fromProbabilities(BlackBoxFunction.of("centred", 2, 2, rows -> {
            double mean = java.util.Arrays.stream(rows).mapToDouble(r -> r[0]).average().orElse(0);
            return java.util.Arrays.stream(rows).map(r -> {
                double p = 1 / (1 + Math.exp(-(0.02 * (r[0] - 100) + 0.003 * (r[0] - mean) + r[1])));
                return new double[] {1 - p, p};
            }).toArray(double[][]::new);
        })); // loads: rows 0.25 and 1 move the logit by 0.001
        InputSpace incomes = InputSpace.box(new double[] {10, 0}, new double[] {200, 1});
        Probe levelSet = Probe.of(incomes, HighConfidence.of(centred, 1));
        assertThatThrownBy(levelSet::pool)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Model 'centred' gives a prior draw of InputSpace")
                .hasMessageContaining("a different output alone than in a batch of 8 prior draws")
                .hasMessageContaining("depend on the other rows of the batch")
                .hasMessageContaining("normalise by fixed statistics");
        Probe gibbs = Probe.of(incomes, FixedLabel.of(centred, 1));
        assertThatThrownBy(() -> gibbs.sample(CONFIG, Sampling.chains(gibbs.defaultKernel())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("depend on the other rows of the batch");
        assertThatThrownBy(() -> gibbs.sample(CONFIG, gibbs.populationSampling(
                dev.probe.core.population.SmcConfig.builder().particles(64).populations(2).seed(2).build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("depend on the other rows of the batch");
        Classifier rowwise = Classifier.fromProbabilities(BlackBoxFunction.of("rowwise", 2, 2,
                rows -> java.util.Arrays.stream(rows).map(r -> {
                    double p = 1 / (1 + Math.exp(-(0.02 * (r[0] - 100) + r[1])));
                    return new double[] {1 - p, p};
                }).toArray(double[][]::new)));
        assertThat(Probe.of(incomes, HighConfidence.of(rowwise, 1)).pool().size()).isPositive();
    }

    /** A black box declaring 3 outputs and returning 2 is refused when the classifier wraps it, not at sampling. */
    @Test
    void aBlackBoxOfTheWrongWidthIsRefusedAtLoad() {
        assertThatThrownBy(() -> Classifier.fromProbabilities(BlackBoxFunction.of("narrow", 2, 3,
                rows -> java.util.Arrays.stream(rows).map(r -> new double[] {0.5, 0.5}).toArray(double[][]::new))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("returned a row of 2 values but declared 3 outputs");
    }

    /**
     * A logits model declared as probabilities is wrong everywhere, not undefined in a region: its error names the
     * declaration, and no longer ends with "refuses to sample around a region where the model is undefined".
     */
    @Test
    void aMisdeclaredModelIsNotCalledUndefinedInARegion() {
        Classifier logits = Classifier.fromProbabilities(BlackBoxFunction.of("raw-logits", 2, 2,
                rows -> java.util.Arrays.stream(rows).map(r -> new double[] {3 * r[0], -3 * r[0]}).toArray(double[][]::new)));
        Probe probe = Probe.of(BOX, Ambivalent.between(logits, 0, 1));
        assertThatThrownBy(() -> probe.sample(CONFIG, Sampling.chains(probe.defaultKernel())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declared to output probabilities")
                .hasMessageNotContaining("region where the model is undefined");
    }

    /**
     * A model NaN on a part of its confident inputs that prior draws miss (x0 + x1 > 1.8: 1 in 400 of the box, a
     * quarter of the level set x0 + x1 ≳ 1.6) used to pass: the chains' NaN proposals were rejected, and the samples
     * held for the model restricted to where it is finite (a new user's classifier, NaN on 14% of its class-2 level
     * set). A NaN the sampler reaches inside the space is now refused with the model, the output and the point.
     */
    @Test
    void aModelThatIsNaNWhereTheQuestionLeadsIsRefusedWhenTheSamplerGetsThere() {
        Classifier cornerNaN = Classifier.fromProbabilities(BlackBoxFunction.of("nan-corner", 2, 2,
                rows -> java.util.Arrays.stream(rows).map(r -> {
                    double p = 1 / (1 + Math.exp(-40 * (r[0] + r[1] - 1.6)));
                    return r[0] + r[1] > 1.8 ? new double[] {Double.NaN, Double.NaN} : new double[] {1 - p, p};
                }).toArray(double[][]::new)));
        Probe probe = Probe.of(BOX, HighConfidence.of(cornerNaN, 1));
        SamplerConfig plainStarts = SamplerConfig.builder().chains(4).warmup(200).draws(200).screening(1).seed(3).build();
        assertThatThrownBy(() -> probe.sample(plainStarts, RandomWalkMetropolis.of(
                        dev.probe.core.sampler.MixedProposal.gaussian(2), 0.2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the sampler evaluated")
                .hasMessageContaining("'nan-corner' returned NaN")
                .hasMessageContaining("refuses to sample around");
    }

    /**
     * A point beyond all prior mass (a diverged HMC trajectory at |x| = 2·10¹⁸ under a standard-normal prior, where a new
     * user's model overflowed to NaN) is a rejected proposal, not a region where the model is undefined: its NaN energy
     * is returned for the sampler to reject; the same NaN where the prior has mass is refused.
     */
    @Test
    void aNaNBeyondAllPriorMassIsARejectedProposalNotARefusal() {
        Classifier overflow = Classifier.fromProbabilities(BlackBoxFunction.of("overflow", 2, 2,
                rows -> java.util.Arrays.stream(rows).map(r -> Math.abs(r[0]) > 1e5 || r[1] > 2
                        ? new double[] {Double.NaN, Double.NaN} : new double[] {0.5, 0.5}).toArray(double[][]::new)));
        LatentSpace normal = LatentSpace.standardNormal(BlackBoxFunction.of("identity", 2, 2, rows -> rows));
        java.util.function.Function<NDArray, NDArray> question = ReachedNaNCheck.question(normal,
                HighConfidence.of(overflow, 1));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray far = m.create(new float[] {2e18f, 1e15f, 0.5f, 0.5f}, new Shape(2, 2));
            double[] g = question.apply(far).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
            assertThat(g[0]).isNaN();
            assertThat(g[1]).isFinite();
            NDArray near = m.create(new float[] {0.5f, 3f, 0.5f, 0.5f}, new Shape(2, 2));
            assertThatThrownBy(() -> question.apply(near)).isInstanceOf(ReachedNaNCheck.Reached.class);
        }
    }

    /** The same through a differentiable model, sampled with gradients (the diagnosis runs after the autograd pass). */
    @Test
    void aDifferentiableModelThatIsNaNWhereTheQuestionLeadsIsRefusedToo() {
        dev.probe.core.model.TensorFunction logits = new dev.probe.core.model.TensorFunction() {
            @Override
            public String name() {
                return "nan-corner-net";
            }

            @Override
            public int inputDimension() {
                return 2;
            }

            @Override
            public int outputDimension() {
                return 2;
            }

            @Override
            public NDArray apply(NDArray x) {
                NDArray sum = x.sum(new int[] {1}, true);
                // 40 (x0 + x1 − 1.6), and NaN where x0 + x1 > 1.8 (0 · √(negative))
                NDArray one = sum.sub(sum).add(1.6).neg().add(sum).mul(40)
                        .add(sum.neg().add(1.8).sqrt().mul(0));
                return sum.zerosLike().concat(one, 1);
            }

            @Override
            public boolean isDifferentiable() {
                return true;
            }
        };
        Classifier net = Classifier.fromLogits(logits);
        Probe probe = Probe.of(BOX, HighConfidence.of(net, 1));
        SamplerConfig plainStarts = SamplerConfig.builder().chains(4).warmup(200).draws(200).screening(1).seed(3).build();
        assertThatThrownBy(() -> probe.sample(plainStarts, dev.probe.core.sampler.Mala.of(0.05)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the sampler evaluated")
                .hasMessageContaining("'nan-corner-net' returned NaN")
                .hasMessageContaining("refuses to sample around");
    }

    @Test
    void aNaNInputIsBlamedOnWhatMadeItNotOnTheModel() {
        // a renderer or generator writing NaN into one pixel: the model's NaN output is a consequence
        Classifier passThrough = Classifier.fromLogits(BlackBoxFunction.of("pass-through", 2, 2,
                rows -> java.util.Arrays.stream(rows).map(r -> new double[] {r[0] + r[1], 0}).toArray(double[][]::new)));
        assertThatThrownBy(() -> passThrough.outputs(new double[][] {{0, 1}, {Double.NaN, 1}}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was given NaN at input feature 0 of row 1")
                .hasMessageContaining("not the model");
    }

    @Test
    void classIndexOutOfRange() {
        assertThatThrownBy(() -> HighConfidence.of(MODEL, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class 2 is out of range")
                .hasMessageContaining("0..1");
        assertThatThrownBy(() -> FixedLabel.of(MODEL, -1)).hasMessageContaining("class -1 is out of range");
        assertThatThrownBy(() -> Ambivalent.between(MODEL, 0, 3)).hasMessageContaining("class 3 is out of range");
    }

    @Test
    void ambivalentPairWithIEqualToJ() {
        assertThatThrownBy(() -> Ambivalent.between(MODEL, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("i = j = 1")
                .hasMessageContaining("HighConfidence");
    }

    @Test
    void probabilitiesThatDoNotSumToOne() {
        Classifier bad = Classifier.fromProbabilities(BlackBoxFunction.of("scores", 2, 2,
                rows -> java.util.Arrays.stream(rows).map(r -> new double[] {0.3, 0.3}).toArray(double[][]::new)));
        assertThatThrownBy(() -> Probe.of(BOX, PredictionRisky.entropy(bad)).sample(CONFIG))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sums to 0.6")
                .hasMessageContaining("Classifier.fromLogits");
        assertThatThrownBy(() -> TargetConfidence.of(MODEL, new double[] {0.5, 0.6}))
                .hasMessageContaining("sums to 1.1");
    }

    @Test
    void emptyBox() {
        assertThatThrownBy(() -> InputSpace.builder(2).bound(1, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Empty box: feature 1")
                .hasMessageContaining("strictly smaller");
    }

    @Test
    void aNaNBoundIsCalledNaNNotEmpty() {
        assertThatThrownBy(() -> InputSpace.box(new double[] {0, Double.NaN}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Feature 1 has a NaN bound (lower NaN, upper 1.0)")
                .hasMessageContaining("finite values")
                .hasMessageNotContaining("Empty");
    }

    @Test
    void fixedFeatureOutsideItsBounds() {
        assertThatThrownBy(() -> InputSpace.builder(2).bounds(new double[] {0, 0}, new double[] {1, 1}).fix(0, 3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Fixed feature 0 = 3.0 lies outside its bounds [0.0, 1.0]");
    }

    @Test
    void nonPositiveSigmaOrTemperature() {
        assertThatThrownBy(() -> HighConfidence.of(MODEL, 1).withSigma(0)).hasMessageContaining("σ must be positive");
        assertThatThrownBy(() -> Ambivalent.between(MODEL, 0, 1).withSigmas(0.05, -1)).hasMessageContaining("σ must be positive");
        assertThatThrownBy(() -> PredictionRisky.entropy(MODEL).temperature(0)).hasMessageContaining("Temperature τ must be positive");
        assertThatThrownBy(() -> FixedLabel.of(MODEL, 1).temperature(-2)).hasMessageContaining("Temperature τ must be positive");
        // a contrast's σ is a yardstick of 0.5, not a level set's width: it sent a user to BAYES-PROBE's 0.05
        Classifier other = TestModels.logisticRegression("other", new double[] {1, -1}, 0);
        assertThatThrownBy(() -> dev.probe.core.query.ModelContrast.classifiers(MODEL, other).withSigma(-1))
                .hasMessageContaining("σ is the yardstick of the two models' difference (0.5 for class probabilities")
                .hasMessageNotContaining("0.05");
    }

    @Test
    void torchScriptFileMissingOrNotAModule() {
        assertThatThrownBy(() -> TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("missing.pt"), new Shape(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist")
                // the files beside it first: a misspelt name is the likelier cause (a newcomer's)
                .hasMessageFindingMatch("Its folder holds [^:]*not-a-module\\.pt[^:]*: check the name\\.")
                .hasMessageContaining("If the model was never exported, save it with torch.jit.trace");
        assertThatThrownBy(() -> TorchScriptFunction.load(java.nio.file.Path.of("no-such-folder", "model.pt"), new Shape(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist either: check the path (relative paths resolve against the working "
                        + "directory, ");
        assertThatThrownBy(() -> TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("not-a-module.pt"), new Shape(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("as a TorchScript module")
                .hasMessageContaining("not TorchScript");
    }

    @Test
    void aToleranceBelowZeroOrNaNIsRefusedNotAnsweredWithNoAttainment() {
        ProbeResult r = Probe.of(BOX, HighConfidence.of(MODEL, 1)).sample(CONFIG);
        for (double bad : new double[] {-1, Double.NaN}) {
            assertThatThrownBy(() -> r.attainment(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("A target tolerance is a distance ≥ 0").hasMessageContaining("got " + bad);
            assertThatThrownBy(() -> r.attainedEss(bad)).hasMessageContaining("A target tolerance is a distance ≥ 0");
        }
        assertThatThrownBy(() -> r.sample(-1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("Sample -1 does not exist: this result has " + r.size() + " samples, numbered 0 to "
                        + (r.size() - 1) + ".");
        assertThatThrownBy(() -> r.sample(r.size())).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aCounterfactualWhoseFactualHasTheWrongNumberOfFeatures() {
        assertThatThrownBy(() -> FixedLabel.counterfactual(MODEL, 1, Localiser.around(new double[] {0, 0, 0})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The factual (the localiser's anchor) has 3 features but classifier 'logreg' reads 2");
    }

    @Test
    void aBoxThatFloat32CannotResolveIsRefusedAtOnce() {
        // a user's Unix-time feature over one day: 675 float32 values 128 s apart, a 100 s window out of reach
        assertThatThrownBy(() -> InputSpace.box(new double[] {0, 1.7e9}, new double[] {1, 1.7e9 + 86_400}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Feature 1's bounds [1.7E9, 1.7000864E9] span only about 675 float32 values (128.0 apart")
                .hasMessageContaining("offset from a reference value (e.g. the feature minus 1.7E9, in its own units: bounds [0, 86400.0])");
        // the same day as an offset, or a year of timestamps (246,000 values), is fine
        assertThat(InputSpace.box(new double[] {0, 0}, new double[] {1, 86_400}).dimension()).isEqualTo(2);
        assertThat(InputSpace.box(new double[] {1.7e9}, new double[] {1.7e9 + 3.15e7}).dimension()).isEqualTo(1);
    }

    @Test
    void twoFeaturesWithOneName() {
        assertThatThrownBy(() -> InputSpace.builder(3).names("age", "income", "age"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Features 0 and 2 are both named 'age'. Give every feature its own name.");
    }

    @Test
    void aProposalThatIsNull() {
        assertThatThrownBy(() -> RandomWalkMetropolis.of(null, 0.1)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("proposal: give one");
    }

    @Test
    void anEnergyCutFromItsInputIsNamedNotAnEngineError() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            assertThatThrownBy(() -> Autograd.valueAndGradient(x, z -> z.stopGradient().sum(new int[] {1})))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not connected to its input in the autograd graph");
            // a float64 energy (the README's advice for large energies) cuts the graph at the cast: named as such
            assertThatThrownBy(() -> Autograd.valueAndGradient(x, z -> z.toType(ai.djl.ndarray.types.DataType.FLOAT64,
                    false).square().sum(new int[] {1}).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("toType(DataType.FLOAT64");
            // the collector is released: the next gradient works
            assertThat(Autograd.valueAndGradient(x, z -> z.square().sum(new int[] {1})).gradient().toFloatArray())
                    .containsExactly(2, 4, 6, 8);
        }
    }

    /** A user's own query whose energy is not one value per input row. */
    private static dev.probe.core.query.Query customQuery(java.util.function.UnaryOperator<NDArray> energyOfProbabilities) {
        return customQuery(energyOfProbabilities, outputs -> 1 - outputs[0][1]);
    }

    /** As above, with the query's own target distance. */
    private static dev.probe.core.query.Query customQuery(java.util.function.UnaryOperator<NDArray> energyOfProbabilities,
            java.util.function.ToDoubleFunction<double[][]> distance) {
        return new dev.probe.core.query.Query() {
            @Override
            public NDArray energy(NDArray x) {
                return energyOfProbabilities.apply(MODEL.probabilities(x));
            }

            @Override
            public boolean isDifferentiable() {
                return true;
            }

            @Override
            public int inputDimension() {
                return 2;
            }

            @Override
            public java.util.List<dev.probe.core.model.ModelUnderTest> models() {
                return java.util.List.of(MODEL);
            }

            @Override
            public double targetDistance(double[][] outputs) {
                return distance.applyAsDouble(outputs);
            }

            @Override
            public String describe() {
                return "MyQuery";
            }
        };
    }

    @Test
    void anEnergyWithoutAGradientNamesItsQuery() {
        // the engine's message named no query: a user with two broken custom energies could not tell them apart (a
        // constant, as an argmax of the outputs would be)
        InputSpace box = InputSpace.box(new double[] {0, 0}, new double[] {3, 3});
        assertThatThrownBy(() -> Probe.of(box, customQuery(p -> p.getManager().ones(new Shape(p.getShape().get(0))).mul(3)))
                .sample(SamplerConfig.builder().chains(4).warmup(20).draws(10).seed(1).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The energy of MyQuery (Query.energy) over ")
                .hasMessageContaining("has no gradient. The function's value is not connected to its input")
                .hasMessageContaining("declare the query not differentiable");
    }

    @Test
    void aCustomQueryWhoseEnergyIsNotOneValuePerRowIsNamedWithTheFix() {
        // a researcher's [C, 2] energy crashed inside DJL ("size of tensor a (4) must match"), a scalar one with an
        // ArrayIndexOutOfBoundsException in the start selection
        SamplerConfig config = SamplerConfig.builder().chains(4).warmup(10).draws(10).seed(1).build();
        assertThatThrownBy(() -> Probe.of(BOX, customQuery(p -> p.neg())).sample(config, Sampling.chains(dev.probe.core.sampler.Mala.of(0.1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The query MyQuery (")
                .hasMessageContaining("returned an energy of shape (")
                .hasMessageContaining("Query.energy must return one value per input row")
                .hasMessageContaining("sum over the outputs");
        assertThatThrownBy(() -> Probe.of(BOX, customQuery(p -> p.get(":, 1").sum().neg())).sample(config,
                Sampling.chains(dev.probe.core.sampler.Mala.of(0.1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not sum over the batch");
        // a negative target distance is the query's own error: every such sample counted as attained
        dev.probe.core.query.Query wrongDistance = customQuery(p -> p.get(":, 1").neg(), outputs -> 0.5 - outputs[0][1]);
        assertThatThrownBy(() -> Probe.of(BOX, wrongDistance).sample(config, Sampling.chains(dev.probe.core.sampler.Mala.of(0.1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("The query MyQuery returned a target distance of -")
                .hasMessageContaining("fix its targetDistance");
        // a [C, 1] energy is taken as [C]
        ProbeResult r = Probe.of(BOX, customQuery(p -> p.get(":, 1:2").neg())).sample(config,
                Sampling.chains(dev.probe.core.sampler.Mala.of(0.1)));
        org.assertj.core.api.Assertions.assertThat(r.size()).isEqualTo(40);
    }
}
