package dev.probe.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.util.Pair;
import dev.probe.core.autograd.Autograd;
import dev.probe.core.autograd.ValueAndGradient;
import dev.probe.core.runtime.Devices;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.logging.Logger;

/**
 * Checks, once per JVM, that the engine's convolutions compute what they should on this machine: a few
 * small 2-d convolutions, and their gradients with respect to the input, are compared with a plain Java
 * computation. Channel counts that are not multiples of the CPU's vector block are the point of the check:
 * on some machines PyTorch 2.7.1's oneDNN computes them wrongly (seen on an AMD Zen 5 virtual machine: the
 * forward pass with 20 input channels off by 1.6; the input gradient through a convolution with 1 or 20
 * filters NaN or off by 1.4), so any model with such a layer would give wrong outputs and gradients there,
 * and every sample drawn through it would be wrong without an error.
 *
 * <p>Model adapters call {@link #ensure(String, Block)} when they are created: it looks for convolution
 * weights (parameters named {@code *weight} of rank 3 to 5, in DJL blocks and TorchScript modules alike;
 * {@link AlignedConv2d} layers excepted) whose channel counts need padding ({@link AlignedConv2d#needsPadding}),
 * and only for a model that has some does it run the check. On a machine that fails it, what happens is set by
 * the property {@value #PROPERTY} (system property, or environment variable {@code PROBE_KERNEL_CHECK}):
 * {@code fail} (default: the adapter throws, naming the layers and the fix), {@code warn} (log a warning and
 * go on), or {@code off}. The fix is to start the JVM with the environment variable
 * {@code ONEDNN_MAX_CPU_ISA=SSE41}, which makes oneDNN use kernels that compute correctly there (slower), or to
 * use channel counts that are multiples of 16 ({@link AlignedConv2d} for Java-built models).
 *
 * <pre>{@code
 * KernelCheck.Result r = KernelCheck.result();
 * if (!r.sound()) System.err.println(r.describe());
 * }</pre>
 */
public final class KernelCheck {
    /** Name of the configuration property: {@code fail}, {@code warn} or {@code off}. */
    public static final String PROPERTY = "probe.kernelCheck";
    /** Largest absolute difference from the Java computation that still counts as float rounding. */
    public static final double TOLERANCE = 1e-3;

    private static final Logger LOG = Logger.getLogger(KernelCheck.class.getName());
    private static final Object LOCK = new Object();
    private static Result result;

    private KernelCheck() {}

    /**
     * The outcome of the check.
     *
     * @param sound whether every case matched the Java computation within {@link #TOLERANCE}
     * @param failures one line per case that did not (empty when sound)
     */
    public record Result(boolean sound, List<String> failures) {
        public Result {
            failures = List.copyOf(failures);
        }

        /** @return a message naming what failed and the fix (or that the kernels are sound) */
        public String describe() {
            if (sound) {
                return "The engine's convolutions match a plain Java computation on this machine.";
            }
            return "The engine's convolutions compute wrongly on this machine: " + String.join("; ", failures)
                    + ". Models with convolutions whose channel counts are not multiples of " + AlignedConv2d.ALIGN
                    + " give wrong outputs and gradients here. Fix: ONEDNN_MAX_CPU_ISA=SSE41 in the JVM's environment, "
                    + "or such channel counts (README, Device).";
        }
    }

    /** @return the check's outcome, computed on first use and cached for the JVM */
    public static Result result() {
        synchronized (LOCK) {
            if (result == null) {
                result = run();
            }
            return result;
        }
    }

    /**
     * The mode {@value #PROPERTY} sets ({@code fail}, {@code warn} or {@code off}; {@code fail} when unset), checked:
     * the JUnit extension reads it before any probe runs, so a typo fails at once rather than once some model has
     * convolutions.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static String mode() {
        String mode = System.getProperty(PROPERTY, System.getenv().getOrDefault("PROBE_KERNEL_CHECK", "fail"))
                .trim().toLowerCase(Locale.ROOT);
        if (!List.of("fail", "warn", "off").contains(mode)) {
            throw new IllegalArgumentException("Unknown " + PROPERTY + " '" + mode + "': use fail, warn or off");
        }
        return mode;
    }

    /**
     * Refuses (or warns about, per {@value #PROPERTY}) a model whose convolution layers this machine computes
     * wrongly; does nothing for a model without convolutions that need padded channels, or on a sound machine.
     *
     * @param model the model's name, for the message
     * @param block the model's block (a DJL block tree or a TorchScript module)
     * @throws IllegalStateException when the model has such layers, the machine fails the check and the
     *     property is {@code fail} (the default)
     */
    public static void ensure(String model, Block block) {
        String mode = mode();
        if (mode.equals("off")) {
            return;
        }
        List<String> layers = unalignedConvolutions(block);
        if (layers.isEmpty() || result().sound()) {
            return;
        }
        String message = "Model '" + model + "' has convolution layers whose channel counts are not multiples of "
                + AlignedConv2d.ALIGN + " (" + String.join(", ", layers) + "), and this machine computes such "
                + "convolutions wrongly (" + String.join("; ", result().failures()) + "): the model's outputs and "
                + "gradients, and every sample drawn through it, would be wrong here. Fix: start the JVM with the "
                + "environment variable ONEDNN_MAX_CPU_ISA=SSE41 (oneDNN then uses kernels that compute correctly, "
                + "more slowly; Surefire: <environmentVariables>), or use channel counts that are multiples of "
                + AlignedConv2d.ALIGN + " (Java models: dev.probe.core.model.AlignedConv2d). " + PROPERTY
                + "=warn probes it anyway with a warning.";
        if (mode.equals("fail")) {
            throw new IllegalStateException(message);
        }
        LOG.warning(message);
    }

    /**
     * @param block a DJL block tree or a TorchScript module
     * @return each convolution weight ({@code *weight} of rank 3 to 5, outside {@link AlignedConv2d}) whose channel
     *     counts need padding, as {@code "path shape"}
     */
    static List<String> unalignedConvolutions(Block block) {
        List<String> found = new ArrayList<>();
        collect(block, "", found);
        return found;
    }

    private static void collect(Block block, String path, List<String> found) {
        if (block instanceof AlignedConv2d) {
            return;
        }
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            Parameter parameter = p.getValue();
            if (!p.getKey().endsWith("weight") || !parameter.isInitialized()) {
                continue;
            }
            Shape shape = parameter.getArray().getShape();
            if (shape.dimension() >= 3 && shape.dimension() <= 5 && AlignedConv2d.needsPadding(shape.get(0), shape.get(1))) {
                found.add(path + p.getKey() + " " + shape);
            }
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), path + child.getKey() + "/", found);
        }
    }

    private static Result run() {
        List<String> failures = new ArrayList<>();
        // the faulty kernels read uninitialised memory, so one case can come out right by chance: two rounds
        for (int round = 0; round < 2 && failures.isEmpty(); round++) {
            // forward: input channels above oneDNN's narrow-input kernels and not a multiple of 16
            for (int channels : new int[] {20, 17}) {
                record(failures, Pass.FORWARD, channels, 4, channels + " input channels");
            }
            // gradient with respect to the input: filters not a multiple of 16 (the reduction of that pass)
            for (int filters : new int[] {1, 20}) {
                record(failures, Pass.INPUT_GRADIENT, 2, filters, filters + (filters == 1 ? " filter" : " filters"));
            }
        }
        return new Result(failures.isEmpty(), failures);
    }

    private static void record(List<String> failures, Pass pass, int channels, int filters, String label) {
        double worst;
        try {
            worst = worstDifference(pass, channels, filters);
        } catch (RuntimeException e) {
            failures.add(pass.label + " with " + label + " could not run (" + e + ")");
            return;
        }
        if (!(worst <= TOLERANCE)) {
            failures.add(String.format(Locale.ROOT, "%s with %s off by %.3g", pass.label, label, worst));
        }
    }

    /** The two passes of a convolution the check compares. */
    enum Pass {
        FORWARD("forward"),
        INPUT_GRADIENT("input gradient");

        final String label;

        Pass(String label) {
            this.label = label;
        }
    }

    private static final int BATCH = 2;
    private static final int SIDE = 6;
    private static final int KERNEL = 3;
    private static final int OUT = SIDE - KERNEL + 1;

    /**
     * @return the largest absolute difference (NaN if any is NaN) between the engine and the Java computation
     *     of one pass of a {@code channels → filters} 3×3 convolution on seeded random data
     */
    static double worstDifference(Pass pass, int channels, int filters) {
        SplittableRandom random = new SplittableRandom(31L * channels + filters);
        float[] x = uniform(random, BATCH * channels * SIDE * SIDE, 0, 1);
        float[] w = uniform(random, filters * channels * KERNEL * KERNEL, -0.5, 0.5);
        float[] r = uniform(random, BATCH * filters * OUT * OUT, -1, 1);
        double[][] expected = reference(x, w, r, channels, filters);
        float[] got;
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            NDArray weight = manager.create(w, new Shape(filters, channels, KERNEL, KERNEL));
            NDArray readout = manager.create(r, new Shape(BATCH, filters * OUT * OUT));
            NDArray input = manager.create(x, new Shape(BATCH, channels * SIDE * SIDE));
            // f(x) = <conv(x), r> per row: its value tests the forward pass, its gradient the backward-data pass
            ValueAndGradient vg = Autograd.valueAndGradient(input, z -> Conv2d.conv2d(
                    z.reshape(BATCH, channels, SIDE, SIDE), weight).singletonOrThrow()
                    .reshape(BATCH, filters * OUT * OUT).mul(readout).sum(new int[] {1}));
            got = pass == Pass.FORWARD ? vg.value().toFloatArray() : vg.gradient().toFloatArray();
        }
        double[] want = pass == Pass.FORWARD ? expected[0] : expected[1];
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            double d = Math.abs(got[i] - want[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    /** @return {value per row, gradient with respect to x} of f(x) = Σ conv(x)·r, in double precision */
    private static double[][] reference(float[] x, float[] w, float[] r, int channels, int filters) {
        double[] value = new double[BATCH];
        double[] gradient = new double[x.length];
        for (int n = 0; n < BATCH; n++) {
            for (int f = 0; f < filters; f++) {
                for (int i = 0; i < OUT; i++) {
                    for (int j = 0; j < OUT; j++) {
                        double ro = r[((n * filters + f) * OUT + i) * OUT + j];
                        double y = 0;
                        for (int c = 0; c < channels; c++) {
                            for (int a = 0; a < KERNEL; a++) {
                                for (int b = 0; b < KERNEL; b++) {
                                    int xi = ((n * channels + c) * SIDE + i + a) * SIDE + j + b;
                                    double wv = w[((f * channels + c) * KERNEL + a) * KERNEL + b];
                                    y += x[xi] * wv;
                                    gradient[xi] += ro * wv;
                                }
                            }
                        }
                        value[n] += y * ro;
                    }
                }
            }
        }
        return new double[][] {value, gradient};
    }

    private static float[] uniform(SplittableRandom random, int n, double from, double to) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextDouble(from, to);
        }
        return a;
    }
}
