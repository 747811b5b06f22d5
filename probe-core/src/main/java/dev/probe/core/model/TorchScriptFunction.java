package dev.probe.core.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A TorchScript file ({@code .pt}, made with {@code torch.jit.trace} or {@code torch.jit.script} in
 * {@code eval()} mode) loaded through DJL's PyTorch engine, with gradients with respect to its input.
 *
 * <p>Loaded with {@code trainParam=true} (otherwise libtorch loads inference tensors, which cannot be
 * saved for backward) and run with {@code training = true} (DJL runs {@code training = false} under
 * inference mode, which records no graph); forward-only evaluations ({@link dev.probe.core.autograd.ForwardOnly},
 * used for scoring, Metropolis–Hastings energies and results) do run under inference mode. Tracing in
 * {@code eval()} mode bakes dropout and batch-norm in, so the training flag changes nothing else.
 * Parameters are frozen. Close it to free the model.
 *
 * <pre>{@code
 * try (TorchScriptFunction f = TorchScriptFunction.load(Path.of("classifier.pt"), new Shape(1, 28, 28))) {
 *     Classifier c = Classifier.fromLogits(f);
 *     ...
 * }
 * }</pre>
 */
public final class TorchScriptFunction extends BlockFunction implements AutoCloseable {

    private TorchScriptFunction(Model model, Shape sampleShape) {
        super(model.getName(), model, sampleShape, true);
    }

    /**
     * Loads a TorchScript file.
     *
     * @throws IllegalArgumentException if the file is missing, unreadable or not a TorchScript module
     */
    public static TorchScriptFunction load(Path file, Shape sampleShape) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("TorchScript file " + file.toAbsolutePath() + " does not exist. "
                    + "Save the model with torch.jit.trace(model.eval(), example).save(path) and pass that path.");
        }
        String name = file.getFileName().toString();
        Model model = Model.newInstance(name, "PyTorch");
        try {
            model.load(file, name, Map.of("trainParam", "true"));
            return new TorchScriptFunction(model, sampleShape);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            if (e instanceof IllegalArgumentException && e.getMessage().startsWith("Model '")) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("Cannot load " + file.toAbsolutePath() + " as a TorchScript module ("
                    + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + "). Save it with "
                    + "torch.jit.trace(model.eval(), example).save(path) or torch.jit.script(model).save(path); "
                    + "torch.save(state_dict) files are not TorchScript.", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
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
