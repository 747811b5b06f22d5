package dev.probe.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import org.junit.jupiter.api.Test;

/** Misdeclared models fail when they are loaded, naming the cause and the fix, in short messages. */
class ModelLoadingChecksTest {

    /** A model that reads rows of 2 values: it regroups whatever batch it gets into rows of 2. */
    private static Model regrouping() {
        Model linear = TestModels.linear("regroup", new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {0, 0, 0});
        SequentialBlock block = new SequentialBlock().add(new LambdaBlock(x -> new ai.djl.ndarray.NDList(
                x.singletonOrThrow().reshape(-1, 2)))).add(linear.getBlock());
        linear.setBlock(block);
        return linear;
    }

    @Test
    void aWrongPerSampleShapeFailsAtLoadTimeInsteadOfMultiplyingTheClasses() {
        // declared (4): the model regroups a batch of 2 rows of 4 values into 4 rows of 2, and would load as 6 classes
        assertThatThrownBy(() -> Classifier.fromLogits(DjlBlockFunction.of(regrouping(), new Shape(4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Model 'regroup' mixes rows: a batch of 2 inputs of per-sample shape (4) gave an output of shape "
                        + "(4, 3), whose first dimension is not the batch. Either the per-sample shape is not the one the "
                        + "model reads (it regrouped the values into another batch size): declare the shape the model was "
                        + "built for, e.g. (1, 28, 28) for grey 28x28 images; or the model returns another number of rows "
                        + "than it is given (a slice or a reduction over the batch): make its forward return one output "
                        + "row per input row.");
        assertThat(Classifier.fromLogits(DjlBlockFunction.of(regrouping(), new Shape(2))).classes()).isEqualTo(3);
    }

    @Test
    void aTransposedOutputThatLooksRightAtTwoRowsIsRefusedForItsShapeNotForBatchStatistics() {
        // a new user's binary [0, logit] transposed to [2, N]: square at a batch of two, refused at one row with "its
        // outputs depend on the other rows of the batch … batch-norm"
        Model linear = TestModels.linear("transposed", new double[][] {{1, -1}}, new double[] {0});
        SequentialBlock block = new SequentialBlock().add(linear.getBlock()).add(new LambdaBlock(y -> {
            ai.djl.ndarray.NDArray logit = y.singletonOrThrow();
            return new ai.djl.ndarray.NDList(logit.zerosLike().concat(logit, 1).transpose());
        }));
        linear.setBlock(block);
        assertThatThrownBy(() -> Classifier.fromLogits(DjlBlockFunction.of(linear, new Shape(2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Model 'transposed' mixes rows: a batch of 1 inputs of per-sample shape (2) gave "
                        + "an output of shape (2, 1), whose first dimension is not the batch. Its second dimension is: the "
                        + "outputs are laid out as [outputs, batch], transposed")
                .hasMessageNotContaining("batch-norm").hasMessageNotContaining("depend on the other rows");
    }

    @Test
    void aModelThatDropsRowsOfLargerBatchesIsNotToldToChangeItsShape() {
        // a new user's `return y[:4]` for batches above 4 was told "declare the shape the model was built for"
        Model linear = TestModels.linear("first4", new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {0, 0, 0});
        SequentialBlock block = new SequentialBlock().add(linear.getBlock()).add(new LambdaBlock(y -> {
            ai.djl.ndarray.NDArray out = y.singletonOrThrow();
            return new ai.djl.ndarray.NDList(out.getShape().get(0) > 4 ? out.get("0:4") : out);
        }));
        linear.setBlock(block);
        Classifier c = Classifier.fromLogits(DjlBlockFunction.of(linear, new Shape(2)));
        assertThatThrownBy(() -> c.outputs(new double[8][2])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a batch of 8 inputs of per-sample shape (2) gave an output of shape (4, 3)")
                .hasMessageContaining("At load a batch of 2 gave one output row per input, so the per-sample shape fits")
                .hasMessageContaining("return one output row per input row").hasMessageNotContaining("declare the shape");
    }

    @Test
    void aModelThatThrowsOnSomeInputsIsNamedWithTheRowItThrowsOn() {
        // a TorchScript model raising on inputs above 0.9 came out as DJL's bare EngineException and its traceback
        Model linear = TestModels.linear("explodes", new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {0, 0, 0});
        SequentialBlock block = new SequentialBlock().add(new LambdaBlock(x -> {
            if (x.singletonOrThrow().sub(0.95f).abs().min().getFloat() < 1e-6f) { // on inputs of 0.95 only
                throw new ai.djl.engine.EngineException("The following operation failed in the TorchScript interpreter.\n"
                        + "Traceback of TorchScript (most recent call last):\nbuiltins.RuntimeError: model exploded on input 0.95");
            }
            return x;
        })).add(linear.getBlock());
        linear.setBlock(block);
        Classifier c = Classifier.fromLogits(DjlBlockFunction.of(linear, new Shape(2)));
        assertThatThrownBy(() -> c.outputs(new double[][] {{0, 0}, {0.5, 0.95}, {0.2, 0.1}}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Model 'explodes' threw on a batch of 3 input rows: builtins.RuntimeError: model "
                        + "exploded on input 0.95 (on its own, it throws on row 1, an input of 2 values: [0.5000, 0.9500]).")
                .hasMessageContaining("fix the model, or bound the probe's space")
                .hasCauseInstanceOf(ai.djl.engine.EngineException.class);

        // a Java block's own exception likewise (it came through raw), and a model defined on part of the unit box loads:
        // the load's check of fixed rows (all 0, 0.5, 1) does not judge rows it refuses, which no probe's space chose
        Model partial = TestModels.linear("half-box", new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {0, 0, 0});
        partial.setBlock(new SequentialBlock().add(new LambdaBlock(x -> {
            if (x.singletonOrThrow().get(new ai.djl.ndarray.index.NDIndex(":, 0")).max().getFloat() > 0.5f) {
                throw new IllegalArgumentException("block undefined above 0.5");
            }
            return x;
        })).add(partial.getBlock()));
        Classifier half = Classifier.fromLogits(DjlBlockFunction.of(partial, new Shape(2)));
        assertThat(half.classes()).isEqualTo(3);
        assertThatThrownBy(() -> half.outputs(new double[][] {{0.1, 0.1}, {0.7, 0.1}}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Model 'half-box' threw on a batch of 2 input rows: block undefined above 0.5 (on "
                        + "its own, it throws on row 1, an input of 2 values: [0.7000, 0.1000]).")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTorchScriptModelCanBeNamedAndADirectoryIsNamedAsSuch() {
        // two versions saved as v1/model.pt and v2/model.pt would both be 'model': results, reports and gates need names
        try (TorchScriptFunction unnamed = TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("decoder.pt"), new Shape(2));
                TorchScriptFunction named = TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("decoder.pt"),
                        new Shape(2), "decoder-v2")) {
            assertThat(unnamed.name()).isEqualTo("decoder");
            assertThat(named.name()).isEqualTo("decoder-v2");
        }
        assertThatThrownBy(() -> TorchScriptFunction.load(TestModels.TORCHSCRIPT, new Shape(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a directory. Pass the .pt file inside it.");
        assertThatThrownBy(() -> TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("decoder.pt"), new Shape(2), " "))
                .hasMessageContaining("must not be blank");
    }

    @Test
    void anUninitialisedOrClosedBlockSaysSo() {
        Model fresh = Model.newInstance("fresh");
        fresh.setBlock(ai.djl.nn.core.Linear.builder().setUnits(3).build());
        assertThatThrownBy(() -> DjlBlockFunction.of(fresh, new Shape(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Model 'fresh' has parameters that are not initialised")
                .hasMessageContaining("train the block");
        fresh.close();
        // the fix is Java a user can paste: new Shape(1, 1, 8, 8), not new Shape(1, (1, 8, 8)) (a user's image block)
        Model image = Model.newInstance("image");
        image.setBlock(ai.djl.nn.core.Linear.builder().setUnits(3).build());
        assertThatThrownBy(() -> DjlBlockFunction.of(image, new Shape(1, 8, 8)))
                .hasMessageContaining("new Shape(1, 1, 8, 8)");
        image.close();

        Model trained = TestModels.linear("closed-later", new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {0, 0, 0});
        Classifier c = Classifier.fromLogits(DjlBlockFunction.of(trained, new Shape(2)));
        trained.close();
        assertThatThrownBy(() -> c.outputs(new double[][] {{0, 0}, {1, 1}}))
                .hasMessageContaining("Model 'closed-later' was closed while Probe still uses it")
                .hasMessageContaining("a DJL Model");

        // a TorchScript model closed before the probes are done: named, with the fix, not DJL's bare "handle released"
        TorchScriptFunction scripted = TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("classifier.pt"), new Shape(2));
        Classifier s = Classifier.fromLogits(scripted);
        scripted.close();
        assertThatThrownBy(() -> s.outputs(new double[][] {{0, 0}, {1, 1}}))
                .hasMessageContaining("' was closed while Probe still uses it")
                .hasMessageContaining("Keep it open until the probes are done: a TorchScriptFunction");
        // through a probe: closed everywhere, so no point is named (it read "At a prior draw of InputSpace… (coordinates …)")
        var box = dev.probe.core.space.InputSpace.box(new double[] {-1, -1}, new double[] {1, 1});
        assertThatThrownBy(() -> dev.probe.core.probe.Probe.of(box, dev.probe.core.query.HighConfidence.of(s, 0))
                .sample(dev.probe.core.sampler.SamplerConfig.builder().chains(2).warmup(2).draws(2).seed(1).build()))
                .hasMessageStartingWith("Model '").hasMessageContaining("was closed while Probe still uses it")
                .hasMessageNotContaining("At a prior draw");
    }

    @Test
    void probabilitiesDeclaredAsLogitsAreDetectedAtLoadTime() {
        Model softmaxed = TestModels.linear("softmaxed", new double[][] {{2, 0}, {0, 2}, {-1, -1}}, new double[] {0, 0, 0});
        softmaxed.setBlock(new SequentialBlock().add(softmaxed.getBlock())
                .add(new LambdaBlock(x -> new ai.djl.ndarray.NDList(x.singletonOrThrow().softmax(1)))));
        assertThatThrownBy(() -> Classifier.fromLogits(DjlBlockFunction.of(softmaxed, new Shape(2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Classifier 'softmaxed' was declared with Classifier.fromLogits(...), but its outputs "
                        + "are already probabilities: each of 3 rows lies in [0, 1] and sums to 1 (row 0: [0.3333, 0.3333, "
                        + "0.3333]). A softmax on top would flatten them toward 1/3 per class. Declare it with "
                        + "Classifier.fromProbabilities(...)");
        assertThat(Classifier.fromProbabilities(DjlBlockFunction.of(softmaxed, new Shape(2))).classes()).isEqualTo(3);
    }

    @Test
    void aSigmoidPerLabelDeclaredAsProbabilitiesIsToldWhatAMultiLabelHeadIsToProbe() {
        // a new user's multi-label head ([0.97, 0.97, 0.99], summing to 2.93) was told to declare it as logits, which
        // softmax then misreads, or to add a softmax, which changes the model
        Classifier labels = Classifier.fromProbabilities(BlackBoxFunction.of("labels", 2, 3, rows -> java.util.Arrays
                .stream(rows).map(x -> new double[] {0.97, 0.97, 0.99}).toArray(double[][]::new)));
        assertThatThrownBy(() -> labels.outputs(new double[][] {{0.8, 0.9}}))
                .hasMessageContaining("sums to 2.930: a multi-label head (a sigmoid per label) is a Regressor.of(...) "
                        + "with your own OutputEnergy (README). Otherwise: declare it with Classifier.fromLogits(...) if it "
                        + "outputs logits or log_softmax, or add its final softmax.");
        // a value outside [0, 1] is no sigmoid's: the message stays as it was
        Classifier scores = Classifier.fromProbabilities(BlackBoxFunction.of("scores", 2, 2, rows -> java.util.Arrays
                .stream(rows).map(x -> new double[] {2.0, -1.0}).toArray(double[][]::new)));
        assertThatThrownBy(() -> scores.outputs(new double[][] {{0.8, 0.9}}))
                .hasMessageContaining("has a value outside [0, 1]. Declare it with Classifier.fromLogits(...)")
                .hasMessageNotContaining("multi-label").hasMessageNotContaining("whole numbers");
        // log_softmax rows are named as such, not only as a condition (a new user's)
        Classifier logSoftmax = Classifier.fromProbabilities(BlackBoxFunction.of("logsoftmax", 2, 3, rows -> java.util
                .Arrays.stream(rows).map(x -> new double[] {-0.6616, -1.524, -1.324}).toArray(double[][]::new)));
        assertThatThrownBy(() -> logSoftmax.outputs(new double[][] {{0.8, 0.9}})).hasMessageContaining("has a value outside "
                + "[0, 1]: its values' exponentials sum to 1, as log-probabilities (log_softmax) do, so it is a logits "
                + "model. Declare it with Classifier.fromLogits(...).");
        // labels where probabilities belong ({label, 0, 0}, a new user's): named as such, in either case
        for (double label : new double[] {0, 2}) {
            Classifier predicted = Classifier.fromProbabilities(BlackBoxFunction.of("labels3", 2, 3, rows -> java.util.Arrays
                    .stream(rows).map(x -> new double[] {label, 0, 0}).toArray(double[][]::new)));
            assertThatThrownBy(() -> predicted.outputs(new double[][] {{0.8, 0.9}}))
                    .hasMessageContaining(label == 0 ? "sums to 0.000" : "has a value outside [0, 1]")
                    .hasMessageContaining("Its values are all whole numbers: if the model returns labels (a class index "
                            + "or a one-hot row, as predict() does) rather than probabilities, return its class "
                            + "probabilities instead (predict_proba");
        }
    }

    @Test
    void anExceptionInsideABlackBoxNamesTheModelAndTheInputsAndKeepsItsCause() {
        IllegalArgumentException thrown = new IllegalArgumentException("feature 2 out of range");
        Classifier failing = Classifier.fromProbabilities(BlackBoxFunction.of("scorer", 3, 2, rows -> {
            throw thrown;
        }));
        assertThatThrownBy(() -> failing.outputs(new double[][] {{0.5, 1, 2}, {0, 0, 0}}))
                .isInstanceOf(IllegalStateException.class).hasCause(thrown)
                .hasMessage("Black-box model 'scorer' threw java.lang.IllegalArgumentException: feature 2 out of range on a "
                        + "batch of 2 input rows (on its own, it throws on row 0, an input of 3 values: [0.5000, 1.000, "
                        + "2.000]). The cause below is the model function's own exception: fix the function, or bound the "
                        + "probe's space to inputs it accepts.");
    }

    @Test
    void aBlackBoxThatThrowsOnOneRowIsReportedWithThatRowNotTheBatchsFirst() {
        Classifier failing = Classifier.fromProbabilities(BlackBoxFunction.of("scorer", 2, 2, rows -> {
            double[][] out = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                if (rows[r][0] > 0.9) {
                    throw new IllegalArgumentException("x0 above 0.9");
                }
                out[r] = new double[] {0.5, 0.5};
            }
            return out;
        }));
        assertThatThrownBy(() -> failing.outputs(new double[][] {{0.1, 0.2}, {0.3, 0.4}, {0.95, 0.5}}))
                .hasMessageContaining("on a batch of 3 input rows (on its own, it throws on row 2, an input of 2 values: "
                        + "[0.9500, 0.5000])");
        // a failure that depends on the batch, not on one row: said so, with the first row
        Classifier batchOnly = Classifier.fromProbabilities(BlackBoxFunction.of("batch", 2, 2, rows -> {
            if (rows.length > 2) {
                throw new IllegalStateException("batch too large");
            }
            return new double[rows.length][2];
        }));
        assertThatThrownBy(() -> batchOnly.outputs(new double[][] {{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.6}}))
                .hasMessageContaining("(no row throws on its own; the first an input of 2 values: [0.1000, 0.2000])");
    }

    @Test
    void messagesAboutBadOutputsGiveShapeIndexAndAFewValuesNotTheWholeInput() {
        Classifier nan = Classifier.fromProbabilities(BlackBoxFunction.of("nan", 784, 10, rows -> {
            double[][] out = new double[rows.length][10];
            for (double[] row : out) {
                java.util.Arrays.fill(row, 0.1);
            }
            if (rows.length > 3) {
                out[3][7] = Double.NaN;
            }
            return out;
        }));
        double[][] inputs = new double[5][784];
        inputs[3][0] = 0.25;
        assertThatThrownBy(() -> nan.outputs(inputs)).hasMessage("Model 'nan' returned NaN at output 7 of row 3 of a batch of "
                + "5 inputs (an input of 784 values: [0.2500, 0.000, 0.000, 0.000, ... (780 more)]). Its outputs must be finite: "
                + "check its weights and preprocessing, or restrict the space to where the model is defined (an input "
                + "space's bounds; for a latent space, the decoder's outputs).");
        // a binary model's one column: the message says how to make it two, not only "use a Regressor" (a user's pricing model)
        assertThatThrownBy(() -> Classifier.fromLogits(BlackBoxFunction.of("onelogit", 3, 1, rows -> new double[rows.length][1])))
                .hasMessageContaining("Classifier 'onelogit' has 1 output").hasMessageContaining("return [0, logit] with fromLogits")
                .hasMessageContaining("[1 − p, p]");
        // an infinite logit is a hard rule, not a fault: the message says how to code one (a user's decline rule)
        Classifier rule = Classifier.fromLogits(BlackBoxFunction.of("rule", 784, 2, rows -> {
            double[][] out = new double[rows.length][2];
            out[rows.length - 1][1] = Double.POSITIVE_INFINITY;
            return out;
        }));
        assertThatThrownBy(() -> rule.outputs(inputs)).hasMessageContaining("returned Infinity at output 1 of row 4")
                .hasMessageContaining("a hard rule coded as an infinite logit can return a large finite one (e.g. ±30")
                .hasMessageContaining("Classifier.fromProbabilities");

        Classifier skewed = Classifier.fromProbabilities(BlackBoxFunction.of("skewed", 784, 10, rows -> {
            double[][] out = new double[rows.length][10];
            for (double[] row : out) {
                java.util.Arrays.fill(row, 0.2);
            }
            return out;
        }));
        assertThatThrownBy(() -> skewed.outputs(inputs)).satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500)
                .startsWith("Classifier 'skewed' was declared to output probabilities, but its output row 0 [0.2000, 0.2000, "
                        + "0.2000, 0.2000, 0.2000, 0.2000, 0.2000, 0.2000, 0.2000, 0.2000] of a batch of 5 inputs (an "
                        + "input of 784 values: [0.000, "));
    }

    /** A linear 2 -> 3 model with {@code first} applied to its input. */
    private static Model withInput(String name, java.util.function.UnaryOperator<ai.djl.ndarray.NDArray> first) {
        Model linear = TestModels.linear(name, new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {0, 0, 0});
        linear.setBlock(new SequentialBlock().add(new LambdaBlock(x -> new ai.djl.ndarray.NDList(first.apply(
                x.singletonOrThrow())))).add(linear.getBlock()));
        return linear;
    }

    @Test
    void aModelThatIsNotAFunctionOfEachRowAloneFailsAtLoadTime() {
        assertThatThrownBy(() -> DjlBlockFunction.of(withInput("noisy", x -> x.add(x.getManager().randomNormal(x.getShape()))),
                new Shape(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Model 'noisy' gave different outputs for the same batch on two calls (output ")
                .hasMessageEndingWith("Dropout, noise or sampling in the forward pass does this: export or run the model in "
                        + "eval mode (model.eval()), or remove the randomness.");
        // each batch centred on its own mean, as batch-norm on batch statistics would
        assertThatThrownBy(() -> DjlBlockFunction.of(withInput("centred", x -> x.sub(x.mean(new int[] {0}, true))),
                new Shape(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Model 'centred' gives an input a different output alone than in a batch of two "
                        + "(output 0: 0.00000 alone, -0.375000 in the batch): its outputs depend on the other rows of the batch.");
        assertThatThrownBy(() -> Classifier.fromProbabilities(BlackBoxFunction.of("sampled", 2, 2, rows -> {
            double[][] out = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                double p = Math.random();
                out[r] = new double[] {p, 1 - p};
            }
            return out;
        }))).hasMessageStartingWith("Model 'sampled' gave different outputs for the same batch on two calls");
        assertThat(DjlBlockFunction.of(withInput("plain", x -> x.mul(2)), new Shape(2)).outputDimension()).isEqualTo(3);
    }

    @Test
    void aModelThatFailsOnOneRowButNotOnTwoIsNamedAsBatchDependent() {
        // a batch-norm without running statistics: its engine error escaped the gradient check as a raw trace
        assertThatThrownBy(() -> DjlBlockFunction.of(withInput("bn-no-stats", x -> {
            if (x.getShape().get(0) < 2) {
                throw new ai.djl.engine.EngineException("Expected more than 1 value per channel when training, got input "
                        + "size [1, 2]");
            }
            return x.sub(x.mean(new int[] {0}, true));
        }), new Shape(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Model 'bn-no-stats' fails on a batch of one row but not on two (Expected more than 1 "
                        + "value per channel when training, got input size [1, 2]): its outputs depend on the other rows of "
                        + "the batch.")
                .hasMessageContaining("track_running_stats=False) or a normalisation over the batch (x - x.mean(0)) does "
                        + "this: normalise by fixed statistics");
    }

    @Test
    void aModelThatReturnsFloat64IsToldToReturnFloat32InsteadOfBeingCalledNotDifferentiable() {
        // float32 weights, `return logits.double()`: "not differentiable … stopGradient(), argmax" before
        assertThatThrownBy(() -> DjlBlockFunction.of(withOutput("double", y -> y.toType(ai.djl.ndarray.types.DataType.FLOAT64,
                false)), new Shape(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Model 'double' returns float64 outputs, but Probe needs float32 outputs: gradients do not pass "
                        + "the engine's conversion to float32, so the model could be sampled without them only. Return "
                        + "float32 from its forward (a final `toType(DataType.FLOAT32, false)` in the block).");
    }

    /** A linear 2 -> 3 model with {@code last} applied to its output. */
    private static Model withOutput(String name, java.util.function.UnaryOperator<ai.djl.ndarray.NDArray> last) {
        Model linear = TestModels.linear(name, new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {0, 0, 0});
        linear.setBlock(new SequentialBlock().add(linear.getBlock()).add(new LambdaBlock(y -> new ai.djl.ndarray.NDList(
                last.apply(y.singletonOrThrow())))));
        return linear;
    }

    @Test
    void aModelWhoseGraphIsCutNamesItInsteadOfAnEngineError() {
        assertThatThrownBy(() -> DjlBlockFunction.of(withInput("cut", ai.djl.ndarray.NDArray::stopGradient), new Shape(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Model 'cut' is not differentiable with respect to its input: no gradient reaches it (")
                .hasMessageEndingWith("or wrap the model as a BlackBoxFunction, which Probe samples without gradients.");
    }

    @Test
    void aClassifierWithOutputsOfMoreThanOneDimensionPerInputIsRefused() {
        // two binary heads, [N, 2, 2]: one softmax over the four values would mix them
        Model heads = TestModels.linear("heads", new double[][] {{1, 0}, {0, 1}, {1, 1}, {1, -1}}, new double[] {0, 0, 0, 0});
        heads.setBlock(new SequentialBlock().add(heads.getBlock()).add(new LambdaBlock(x -> new ai.djl.ndarray.NDList(
                x.singletonOrThrow().reshape(-1, 2, 2)))));
        DjlBlockFunction f = DjlBlockFunction.of(heads, new Shape(2));
        assertThat(f.outputDimension()).as("flattened, as a decoder's would be").isEqualTo(4);
        assertThatThrownBy(() -> Classifier.fromLogits(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Classifier 'heads' returns outputs of shape (2, 2) per input, but a classifier "
                        + "returns one score per class: [batch, classes].");
    }

    @Test
    void aTorchScriptShapeErrorQuotesTheInterpretersReasonAndMissingArgumentsAreNamed() {
        assertThatThrownBy(() -> TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("classifier.pt"), new Shape(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Model 'classifier' failed on a batch of shape (2, 5): RuntimeError: ");
        assertThatThrownBy(() -> TorchScriptFunction.load(null, new Shape(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TorchScriptFunction.load needs the .pt file and the per-sample input shape the model "
                        + "reads, got no file");
        assertThatThrownBy(() -> TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("decoder.pt"), null))
                .hasMessageContaining("got no shape");
    }
}
