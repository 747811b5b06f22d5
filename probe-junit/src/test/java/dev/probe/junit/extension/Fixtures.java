package dev.probe.junit.extension;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.nio.FloatBuffer;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.space.InputSpace;
import dev.probe.core.space.SampleSpace;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Models, spaces and the EngineTestKit runner for the extension fixtures: a 3-class softmax-linear model on a 2-D box. */
final class Fixtures {
    private Fixtures() {}

    /** Logits (x0, x1, -x0 - x1): every class reachable in the box. */
    static Classifier threeClasses() {
        return Classifier.fromLogits(DjlBlockFunction.of(
                linear("linear3", new double[][] {{3, 0}, {0, 3}, {-3, -3}}, new double[] {0, 0, 0}), new Shape(2)));
    }

    /** Class 2 has logit -50 everywhere: its high-confidence level set is empty. */
    static Classifier unreachableClassTwo() {
        return Classifier.fromLogits(DjlBlockFunction.of(
                linear("linear3u", new double[][] {{3, 0}, {0, 3}, {0, 0}}, new double[] {0, 0, -50}), new Shape(2)));
    }

    /** Outputs that ignore the input (all weights 0): every class at 1/3, as a misdeclared model would look. */
    static Classifier constant() {
        return Classifier.fromLogits(DjlBlockFunction.of(
                linear("flat", new double[][] {{0, 0}, {0, 0}, {0, 0}}, new double[] {0, 0, 0}), new Shape(2)));
    }

    /** A DJL {@link Linear} block {@code y = W x + b} with the given weights ({@code W} is [out][in]). */
    static Model linear(String name, double[][] w, double[] b) {
        Model model = Model.newInstance(name);
        Block block = Linear.builder().setUnits(w.length).build();
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, w[0].length));
        float[] weights = new float[w.length * w[0].length];
        float[] bias = new float[w.length];
        for (int o = 0; o < w.length; o++) {
            for (int i = 0; i < w[0].length; i++) {
                weights[o * w[0].length + i] = (float) w[o][i];
            }
            bias[o] = (float) b[o];
        }
        block.getParameters().get("weight").getArray().set(FloatBuffer.wrap(weights));
        block.getParameters().get("bias").getArray().set(FloatBuffer.wrap(bias));
        model.setBlock(block);
        return model;
    }

    /**
     * An "image" classifier: 8x8 grey inputs (declared per-sample shape (1, 8, 8)) to 2 classes, logits
     * (4·(mean − 0.5), 0).
     */
    static Classifier images() {
        double[][] w = new double[2][64];
        java.util.Arrays.fill(w[0], 4.0 / 64);
        Model model = linear("images", w, new double[] {-2, 0});
        model.setBlock(new ai.djl.nn.SequentialBlock()
                .add(new ai.djl.nn.LambdaBlock(x -> new ai.djl.ndarray.NDList(x.singletonOrThrow().reshape(-1, 64))))
                .add(model.getBlock()));
        return Classifier.fromLogits(DjlBlockFunction.of(model, new Shape(1, 8, 8)));
    }

    static SampleSpace pixels() {
        double[] lo = new double[64];
        double[] hi = new double[64];
        java.util.Arrays.fill(hi, 1);
        return InputSpace.box(lo, hi);
    }

    static SampleSpace box() {
        return InputSpace.box(new double[] {-3, -3}, new double[] {3, 3});
    }

    /** Runs a fixture class with configuration parameters; reports go under target/probe-reports-fixtures unless set. */
    static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
        var kit = EngineTestKit.engine("junit-jupiter")
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(fixture));
        if (!configuration.containsKey("probe.reportDir")) {
            kit.configurationParameter("probe.reportDir", "target/probe-reports-fixtures");
        }
        configuration.forEach(kit::configurationParameter);
        return kit.execute();
    }

    /** Display names of the tests that started. */
    static List<String> testNames(EngineExecutionResults events) {
        return events.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName())
                .collect(Collectors.toList());
    }

    /** Values of the report entries published under {@code key}. */
    static List<String> reportEntries(EngineExecutionResults events, String key) {
        return events.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class).getKeyValuePairs().get(key))
                .filter(v -> v != null).collect(Collectors.toList());
    }

    /**
     * 400 hand-made draws of 4 chains that all attain a high-confidence target (class 1 at 0.95), with the given
     * acceptance per chain, largest R̂ and kernel name: a chains result for verdict tests.
     */
    static dev.probe.core.result.ProbeResult attainingChains(double rhat, double[] acceptance, String kernel) {
        int n = 400;
        double[][] x = new double[n][];
        java.util.Arrays.setAll(x, i -> new double[] {Math.sin(i), Math.cos(i)});
        double[][] outputs = new double[n][];
        java.util.Arrays.setAll(outputs, i -> new double[] {0.05, 0.95});
        dev.probe.core.sampler.SamplerConfig config = dev.probe.core.sampler.SamplerConfig.builder().chains(4).warmup(10)
                .draws(n / 4).seed(3).build();
        dev.probe.core.diagnostics.Diagnostics d = new dev.probe.core.diagnostics.Diagnostics(acceptance,
                new double[] {rhat, 1.0}, new double[] {1000, 1000}, 1.0, 1000, 1, 1,
                dev.probe.core.diagnostics.InvalidProposals.NONE, dev.probe.core.diagnostics.InvalidProposals.NONE, 20, 0,
                0.1, Double.NaN, Double.NaN);
        return new dev.probe.core.result.ProbeResult(new dev.probe.core.result.Provenance("high confidence of 1",
                "latent", kernel, config, d), 4, x, x, List.of("m"), new double[][][] {outputs}, new double[n],
                new double[n], null, 1.0);
    }
}
