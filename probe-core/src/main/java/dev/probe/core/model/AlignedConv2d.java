package dev.probe.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-d convolution that computes the same function as DJL's {@link Conv2d}, with the same parameters
 * (so saved models load unchanged), but hands oneDNN channel counts that are multiples of
 * {@value #ALIGN}: the input channels are padded with zero planes (when there are more than
 * {@value #NARROW_INPUT}) and the filters with zero filters, and the extra output channels are cut off.
 *
 * <p>Why: on some machines PyTorch 2.7.1's oneDNN 3.7.1 convolutions compute wrongly when a channel count
 * is not a multiple of the vector block (measured on an AMD Zen 5 virtual machine: the forward pass is
 * off by up to 2 when the input has 20 channels, and the input gradient is NaN or off by 1.4 when there
 * are 1 or 50 filters; the blocked layouts' padding is read uninitialised). {@link KernelCheck} detects
 * such a machine, and the model adapters refuse a model with such
 * layers there; build a Java model's convolutions with this class and it computes correctly on any machine.
 * Zero channels change no sum, so on a sound machine the outputs equal {@code Conv2d}'s to float rounding; the
 * cost is the padded channels' work.
 *
 * <pre>{@code
 * Conv2d conv = AlignedConv2d.of(Conv2d.builder().setFilters(20).setKernelShape(new Shape(5, 5)));
 * }</pre>
 */
public final class AlignedConv2d extends Conv2d {
    /** Channel counts are padded to a multiple of this (oneDNN's AVX-512 block, also a multiple of AVX2's). */
    public static final int ALIGN = 16;
    /** Inputs with at most this many channels use oneDNN's narrow-input kernels, which need no padding. */
    public static final int NARROW_INPUT = 8;

    /**
     * @param filters a convolution's output channels
     * @param channels its input channels (per group)
     * @return whether oneDNN needs padded channels for it, which some machines compute wrongly
     */
    public static boolean needsPadding(long filters, long channels) {
        return filters % ALIGN != 0 || (channels > NARROW_INPUT && channels % ALIGN != 0);
    }

    private AlignedConv2d(Conv2d.Builder builder) {
        super(builder);
    }

    /**
     * @param builder a configured {@code Conv2d} builder (groups must be 1)
     * @return the aligned convolution of that configuration
     */
    public static AlignedConv2d of(Conv2d.Builder builder) {
        builder.build(); // DJL's validation of the configuration
        AlignedConv2d conv = new AlignedConv2d(builder);
        if (conv.getGroups() != 1) {
            throw new IllegalArgumentException("AlignedConv2d pads channels and supports groups = 1 only, got "
                    + conv.getGroups() + "; use Conv2d for grouped convolutions");
        }
        return conv;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        NDArray w = parameterStore.getValue(weight, device, training);
        NDArray b = includeBias ? parameterStore.getValue(bias, device, training) : null;
        long channels = x.getShape().get(1);
        long filters = w.getShape().get(0);
        long paddedChannels = channels > NARROW_INPUT ? roundUp(channels) : channels;
        long paddedFilters = roundUp(filters);
        NDManager manager = x.getManager();
        if (paddedChannels > channels) {
            x = padAxis(x, 1, paddedChannels, manager);
            w = padAxis(w, 1, paddedChannels, manager);
        }
        if (paddedFilters > filters) {
            w = padAxis(w, 0, paddedFilters, manager);
            b = b == null ? null : padAxis(b, 0, paddedFilters, manager);
        }
        NDArray y = Conv2d.conv2d(x, w, b, stride, padding, dilation, 1).singletonOrThrow();
        return new NDList(paddedFilters > filters ? y.get(new NDIndex(":, 0:" + filters)) : y);
    }

    private static long roundUp(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    /**
     * @return {@code a} with zeros appended along {@code axis} up to {@code size} (differentiable), owned by
     *     {@code manager} (the input's) so that padded parameters do not pile up in the model's manager
     */
    private static NDArray padAxis(NDArray a, int axis, long size, NDManager manager) {
        int rank = a.getShape().dimension();
        long[] pairs = new long[2 * rank]; // (before, after) per axis, the last axis first, as torch.nn.functional.pad
        pairs[2 * (rank - 1 - axis) + 1] = size - a.getShape().get(axis);
        NDArray padded = a.pad(new Shape(pairs), 0);
        padded.attach(manager);
        return padded;
    }
}
