package dev.probe.core.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.probe.core.autograd.ForwardOnly;
import dev.probe.core.runtime.Devices;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shared part of the DJL adapters: reshapes flat rows to the block's per-sample input shape (one-channel
 * images as a channels-last view), runs the block with frozen parameters, flattens the output to
 * {@code [C, k]}. Inside {@link ForwardOnly} the block runs with {@code training = false}, which for
 * TorchScript means libtorch's inference mode. Holds the {@link Model} strongly so its parameters outlive
 * every run (a finaliser closes a model whose block alone is kept).
 */
abstract class BlockFunction implements TensorFunction {
    private final String name;
    private final Model model;
    private final Block block;
    private final Shape sampleShape;
    private final boolean training;
    private final int inputDimension;
    private final int outputDimension;
    private Shape outputShape;

    BlockFunction(String name, Model model, Shape sampleShape, boolean training) {
        this(name, model, model.getBlock(), sampleShape, training);
    }

    BlockFunction(String name, Model model, Block block, Shape sampleShape, boolean training) {
        this.name = name;
        this.model = model;
        this.block = block;
        if (block == null) {
            throw new IllegalArgumentException("Model '" + name + "' has no block. Call model.setBlock(...) and load or "
                    + "initialise its parameters before probing it.");
        }
        this.sampleShape = sampleShape;
        this.training = training;
        this.inputDimension = Math.toIntExact(sampleShape.size());
        block.freezeParameters(true);
        KernelCheck.ensure(name, block);
        this.outputDimension = probeOutputDimension();
        RowCheck.rowwise(this);
        RowCheck.reachesInput(this);
    }

    /** How to give this kind of model, whose parameters are of {@code types}, float32 parameters. */
    private String float32Advice(Set<DataType> types) {
        String torch = types.contains(DataType.FLOAT64) ? "torch.float64" : types.contains(DataType.FLOAT16)
                ? "torch.float16" : types.contains(DataType.BFLOAT16) ? "torch.bfloat16" : "its parameters' type";
        return this instanceof TorchScriptFunction
                ? " Save the model in float32 (model.float() before torch.jit.trace), or make its forward cast its "
                        + "input itself (x.to(" + torch + ")) and return float32."
                : " Cast the block's parameters to float32 (block.cast(DataType.FLOAT32)) before handing it to Probe.";
    }

    private int probeOutputDimension() {
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            NDArray out = rawOutput(manager.zeros(new Shape(2, inputDimension)));
            if (out.getDataType().isFloating() && out.getDataType() != DataType.FLOAT32) {
                // the engine's conversion to float32 cut the autograd graph: the model was then called "not
                // differentiable" and told of stopGradient and argmax (a new user's `return logits.double()`)
                throw new IllegalArgumentException("Model '" + name + "' returns " + out.getDataType() + " outputs, but "
                        + "Probe needs float32 outputs: gradients do not pass the engine's conversion to float32, so the "
                        + "model could be sampled without them only. Return float32 from its forward ("
                        + (this instanceof TorchScriptFunction ? "`return y.float()` in the exported model"
                                : "a final `toType(DataType.FLOAT32, false)` in the block") + ").");
            }
            this.outputShape = out.getShape().slice(1);
            return Math.toIntExact(out.getShape().size() / 2);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            Set<DataType> types = parameterTypes(block);
            types.remove(DataType.FLOAT32);
            if (!types.isEmpty()) {
                throw new IllegalArgumentException("Model '" + name + "' failed on a batch of float32 rows of shape (2, "
                        + dimensions(sampleShape) + "): " + sentence(reason(e)) + " Its parameters are " + types + ", and "
                        + "Probe hands models float32 rows (autograd needs the input's type all the way through). "
                        + float32Advice(types).strip(), e);
            }
            String message = String.valueOf(e.getMessage());
            if (message.contains("has not been initialized")) {
                throw new IllegalArgumentException("Model '" + name + "' has parameters that are not initialised ("
                        + firstLine(message) + "). Probe tests trained models: train the block, load its parameters "
                        + "(model.load(...)), or initialise it (block.initialize(manager, DataType.FLOAT32, new Shape(1, "
                        + dimensions(sampleShape) + ")...)) before handing it to Probe.", e);
            }
            if (message.contains("released already")) {
                throw new IllegalArgumentException("Model '" + name + "' is closed (" + firstLine(message) + "): its "
                        + "native memory was freed. Keep the DJL Model (or the NDManager that holds its parameters) open "
                        + "while Probe uses it, e.g. open it in a static factory and close it after the tests.", e);
            }
            throw new IllegalArgumentException("Model '" + name + "' failed on a batch of shape (2, " + dimensions(sampleShape)
                    + "): " + reason(e) + ". The cause below is the model's own exception on such a batch (a layer the "
                    + "engine does not implement fails here too). Check that the per-sample input shape " + sampleShape
                    + " is the one the model was built for.", e);
        }
    }

    /** The floating-point types of the block's parameters (empty where they cannot be read). */
    private static Set<DataType> parameterTypes(Block block) {
        Set<DataType> types = new TreeSet<>();
        try {
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().isInitialized() && p.getValue().getArray().getDataType().isFloating()) {
                    types.add(p.getValue().getArray().getDataType());
                }
            }
        } catch (RuntimeException e) {
            // a block whose parameters cannot be listed: no hint from them
        }
        return types;
    }

    /**
     * The line of an engine error that says what went wrong: TorchScript errors start with "The following operation
     * failed in the TorchScript interpreter" and give the reason ({@code RuntimeError: Expected 4-dimensional input
     * ...}) further down, in the message or its causes' messages.
     */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String line : String.valueOf(t.getMessage()).split("\n")) {
                if (line.strip().matches("^[A-Za-z.]*Error: .*")) {
                    return line.strip();
                }
            }
        }
        return firstLine(e.getMessage());
    }

    /** {@code text} ending in one period. */
    private static String sentence(String text) {
        String t = text.strip();
        return t.endsWith(".") ? t : t + ".";
    }

    /** The first line of an exception's message (engine messages run to stack dumps). */
    static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public NDArray apply(NDArray x) {
        NDArray out = rawOutput(x);
        out = out.reshape(x.getShape().get(0), -1);
        return out.getDataType() == x.getDataType() ? out : out.toType(x.getDataType(), false);
    }

    /** The block's output for the flat rows {@code x}, in the shape and type the block returns it. */
    private NDArray rawOutput(NDArray x) {
        long rows = x.getShape().get(0);
        NDArray input = x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        NDArray shaped = shape(input, rows);
        ParameterStore parameters = new ParameterStore(x.getManager(), false);
        // Forward-only evaluations take the inference path (for TorchScript: libtorch's inference mode).
        boolean recordGraph = training && !ForwardOnly.isActive();
        NDList outputs;
        try {
            outputs = run(block, parameters, new NDList(shaped), recordGraph);
        } catch (IllegalStateException e) {
            // DJL says "released already" for a closed block's parameters, "handle has been released" for a closed
            // TorchScript model
            if (String.valueOf(e.getMessage()).contains("released")) {
                throw new IllegalStateException("Model '" + name + "' was closed while Probe still uses it ("
                        + firstLine(e.getMessage()) + "). Keep it open until the probes are done: a TorchScriptFunction, "
                        + "a DJL Model or the NDManager that holds its parameters, e.g. open it in a static factory and "
                        + "close it after the probes (under the JUnit extension, AutoCloseable @ProbedModel members are "
                        + "closed at the end of the run).", e);
            }
            throw e;
        } catch (RuntimeException e) {
            if (outputShape == null) {
                throw e; // at load: the shape check names its own cause and fix
            }
            // a model that throws on some inputs came out as DJL's EngineException with the TorchScript traceback
            // alone: no model, no input, no stage (a new user's model raising on inputs above 0.9)
            long failing = firstFailingRow(shaped, rows, parameters);
            throw new ModelThrew("Model '" + name + "' threw on a batch of " + rows + " input rows: " + reason(e)
                    + (failing < 0 ? "" : " (on its own, it throws on row " + failing + ", an input of "
                            + inputDimension + " values: " + preview(input, failing) + ")")
                    + ". The cause below is the model's own exception: fix the model, or bound the probe's space to the "
                    + "inputs it is defined on (an input space's bounds, a generator whose outputs it reads).", e);
        }
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("Model '" + name + "' returns " + outputs.size() + " tensors (a tuple, list "
                    + "or dict), but Probe needs one tensor: the outputs (logits, probabilities or decoded inputs) of each "
                    + "input row. Wrap the model so that its forward returns only that tensor (e.g. "
                    + "`return self.model(x)[0]`) and save the wrapper.");
        }
        NDArray out = outputs.get(0);
        if (out.getShape().dimension() == 0 || out.getShape().get(0) != rows) {
            String start = "Model '" + name + "' mixes rows: a batch of " + rows + " inputs of per-sample shape "
                    + sampleShape + " gave an output of shape " + out.getShape() + ", whose first dimension is not the "
                    + "batch. ";
            if (out.getShape().dimension() == 2 && out.getShape().get(1) == rows) {
                // a binary [0, logit] transposed to [2, N] is square at a batch of two and passed the load check there
                throw new IllegalArgumentException(start + "Its second dimension is: the outputs are laid out as "
                        + "[outputs, batch], transposed (a .t() or .T in the forward, or a stack along dimension 0). Make "
                        + "its forward return [batch, outputs], one row per input row.");
            }
            if (outputShape != null) {
                // a batch of 2 gave one row each at load: the shape is right, the model drops or adds rows (a new user's
                // `return y[:4]` was told to declare another per-sample shape)
                throw new IllegalArgumentException(start + "At load a batch of 2 gave one output row per input, so the "
                        + "per-sample shape fits: the model itself returns another number of rows for a batch of " + rows
                        + " (a slice, a reduction or a reshape over the batch). Make its forward return one output row per "
                        + "input row for any batch size.");
            }
            throw new IllegalArgumentException(start + "Either the per-sample shape is not the one the model reads (it "
                    + "regrouped the values into another batch size): declare the shape the model was built for, e.g. "
                    + "(1, 28, 28) for grey 28x28 images; or the model returns another number of rows than it is given "
                    + "(a slice or a reduction over the batch): make its forward return one output row per input row.");
        }
        return out;
    }

    /** A model's own exception on a batch, with the model and the input row named; the engine's exception is its cause. */
    static final class ModelThrew extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ModelThrew(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The first of (at most 256 of) {@code rows} that the model throws on alone, or −1. */
    private long firstFailingRow(NDArray shaped, long rows, ParameterStore parameters) {
        for (long i = 0; i < Math.min(rows, 256); i++) {
            try (NDManager scope = shaped.getManager().newSubManager()) {
                NDArray row = shaped.get(i + ":" + (i + 1));
                row.attach(scope);
                run(block, parameters, new NDList(row), false).attach(scope);
            } catch (RuntimeException alone) {
                return i;
            }
        }
        return -1;
    }

    /** At most 8 values of input row {@code i}, to name it in a message. */
    private static String preview(NDArray input, long i) {
        float[] values;
        try (NDArray row = input.get(i)) {
            values = row.toFloatArray();
        }
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < Math.min(values.length, 8); k++) {
            b.append(k == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4g", values[k]));
        }
        return b.append(values.length > 8 ? ", …]" : "]").toString();
    }

    /** Runs the block; {@code recordGraph} asks for an autograd graph through it. */
    NDList run(Block block, ParameterStore parameters, NDList inputs, boolean recordGraph) {
        return block.forward(parameters, inputs, recordGraph);
    }

    /**
     * Flat rows as a {@code [rows, ...sampleShape]} batch. One-channel images {@code (1, H, W)} are handed over
     * as a view with channels-last strides (the same memory, since C = 1): libtorch's oneDNN convolutions then
     * run channels-last, which took 1.5× less CPU for a forward pass of the MNIST CNN and ~10% less for
     * forward+backward, with results equal to float rounding (BENCHMARK.md). The view is also contiguous, so
     * models that {@code view} or flatten their input see no difference.
     */
    private NDArray shape(NDArray input, long rows) {
        if (sampleShape.dimension() == 3 && sampleShape.get(0) == 1) {
            return input.reshape(rows, sampleShape.get(1), sampleShape.get(2), 1).transpose(0, 3, 1, 2);
        }
        return input.reshape(new Shape(rows).addAll(sampleShape));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int inputDimension() {
        return inputDimension;
    }

    @Override
    public int outputDimension() {
        return outputDimension;
    }

    @Override
    public boolean isDifferentiable() {
        return true;
    }

    /** The underlying model (kept strongly reachable by this adapter). */
    public Model model() {
        return model;
    }

    /** The per-sample shape of the block's output, before it is flattened to {@link #outputDimension()} values. */
    public Shape outputShape() {
        return outputShape;
    }

    /** The per-sample input shape the flat rows are reshaped to. */
    public Shape sampleShape() {
        return sampleShape;
    }

    @Override
    public java.util.Optional<Shape> knownInputShape() {
        return java.util.Optional.of(sampleShape);
    }

    @Override
    public java.util.Optional<Shape> knownOutputShape() {
        return java.util.Optional.ofNullable(outputShape);
    }

    /** A shape's sizes as Java arguments, {@code 1, 8, 8} (its {@code toString} is {@code (1, 8, 8)}). */
    static String dimensions(Shape shape) {
        return java.util.Arrays.stream(shape.getShape()).mapToObj(Long::toString)
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
