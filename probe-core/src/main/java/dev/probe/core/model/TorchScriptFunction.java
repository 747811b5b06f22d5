package dev.probe.core.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A TorchScript file ({@code .pt}, made with {@code torch.jit.trace} or {@code torch.jit.script})
 * loaded through DJL's PyTorch engine, with gradients with respect to its input.
 *
 * <p>The module always runs in {@code eval()} mode, whatever mode it was saved in: dropout is off and
 * batch-norm uses its running statistics, so outputs are deterministic and rows independent. (DJL's
 * own forward switches a module to {@code train()} whenever it records a graph, which for a scripted
 * module turns dropout on and makes batch-norm use, and update, batch statistics; this adapter runs the
 * module's {@code forward} method directly instead.) Loaded with {@code trainParam=true} (otherwise
 * libtorch loads inference tensors, which cannot be saved for backward); gradient evaluations record a
 * graph, forward-only evaluations ({@link dev.probe.core.autograd.ForwardOnly}, used for scoring,
 * Metropolis–Hastings energies and results) run under libtorch's inference mode. Parameters are frozen.
 * Close it to free the model.
 *
 * <pre>{@code
 * try (TorchScriptFunction f = TorchScriptFunction.load(Path.of("classifier.pt"), new Shape(1, 28, 28))) {
 *     Classifier c = Classifier.fromLogits(f);
 *     ...
 * }
 * }</pre>
 */
public final class TorchScriptFunction extends BlockFunction implements AutoCloseable {

    private static final String GRAPH_OPTIMIZER = "ai.djl.pytorch.graph_optimizer";

    private TorchScriptFunction(String name, Model model, Shape sampleShape) {
        super(name == null ? model.getName() : name, model, sampleShape, true);
    }

    /**
     * Runs the module's {@code forward} in the {@code eval()} mode set at load, recording a graph when asked,
     * with DJL's graph-optimiser setting applied as DJL's own forward applies it.
     */
    @Override
    NDList run(Block block, ParameterStore parameters, NDList inputs, boolean recordGraph) {
        String optimize = System.getProperty(GRAPH_OPTIMIZER);
        if (optimize != null) {
            JniUtils.setGraphExecutorOptimize(Boolean.parseBoolean(optimize));
        }
        return IValueUtils.forward((PtSymbolBlock) block, inputs, recordGraph);
    }

    /**
     * Loads a TorchScript file.
     *
     * @throws IllegalArgumentException if the file is missing, unreadable or not a TorchScript module
     */
    public static TorchScriptFunction load(Path file, Shape sampleShape) {
        return load(file, sampleShape, null);
    }

    /**
     * Loads a TorchScript file under its own name (results, reports and gates name models; the file name without
     * {@code .pt} is the default, so two versions saved as {@code v1/model.pt} and {@code v2/model.pt} need names).
     *
     * @throws IllegalArgumentException if the file is missing, unreadable or not a TorchScript module, or the name blank
     */
    public static TorchScriptFunction load(Path file, Shape sampleShape, String modelName) {
        dev.probe.core.runtime.Tracking.optOut(); // before the engine starts, unless the JVM chose
        if (file == null || sampleShape == null) {
            throw new IllegalArgumentException("TorchScriptFunction.load needs the .pt file and the per-sample input shape "
                    + "the model reads, got " + (file == null ? "no file" : "no shape") + ": e.g. load(Path.of(\"cnn.pt\"), new "
                    + "Shape(1, 28, 28)).");
        }
        if (modelName != null && modelName.isBlank()) {
            throw new IllegalArgumentException("A model name must not be blank; pass null for the file's name");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("TorchScript file " + file.toAbsolutePath() + " is a directory. Pass the "
                    + ".pt file inside it.");
        }
        if (!Files.isRegularFile(file)) {
            // the typo first: a newcomer's misspelt name was told only how to export a model
            Path parent = file.toAbsolutePath().getParent();
            String nearby = "";
            if (parent != null && Files.isDirectory(parent)) {
                try (java.util.stream.Stream<Path> files = Files.list(parent)) {
                    java.util.List<String> pt = files.map(f -> f.getFileName().toString())
                            .filter(n -> n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".zip")).sorted().limit(8)
                            .toList();
                    nearby = pt.isEmpty() ? " Its folder holds no .pt file." : " Its folder holds " + String.join(", ", pt)
                            + ": check the name.";
                } catch (java.io.IOException e) {
                    nearby = "";
                }
            } else if (parent != null) {
                nearby = " Its folder " + parent + " does not exist either: check the path (relative paths resolve "
                        + "against the working directory, " + Path.of("").toAbsolutePath() + ").";
            }
            throw new IllegalArgumentException("TorchScript file " + file.toAbsolutePath() + " does not exist." + nearby
                    + " If the model was never exported, save it with torch.jit.trace(model.eval(), example).save(path) "
                    + "and pass that path.");
        }
        String name = file.getFileName().toString();
        Model model = Model.newInstance(name, "PyTorch");
        try {
            model.load(file, name, Map.of("trainParam", "true"));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("Cannot load " + file.toAbsolutePath() + " as a TorchScript module ("
                    + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + "). Save it with "
                    + "torch.jit.trace(model.eval(), example).save(path) or torch.jit.script(model).save(path); "
                    + "torch.save(state_dict) files are not TorchScript.", e);
        }
        // only a failure to load is blamed on the file: the checks of a loaded module (its shapes, its rows, this
        // machine's kernels for its layers) name their own cause and fix, which "not TorchScript" advice would
        // contradict (a new user's CNN refused by the kernel check read "Cannot load … as a TorchScript module")
        try {
            if (!(model.getBlock() instanceof PtSymbolBlock module)) {
                throw new IllegalArgumentException("Model '" + name + "' did not load as a TorchScript module (got "
                        + model.getBlock() + "). Load it with DJL's PyTorch engine.");
            }
            JniUtils.enableInferenceMode(module); // eval(): dropout off, batch-norm on running statistics
            return new TorchScriptFunction(modelName, model, sampleShape);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public void close() {
        model().close();
    }

    @Override
    public String toString() {
        return "TorchScript[" + name() + ": " + sampleShape() + " -> " + outputDimension() + "]";
    }
}
