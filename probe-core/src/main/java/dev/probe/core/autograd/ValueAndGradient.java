package dev.probe.core.autograd;

import ai.djl.ndarray.NDArray;

/**
 * A batched function's values {@code [C]} and their gradients {@code [C, d]} with respect to the input,
 * both detached from the autograd graph and in the input's manager.
 *
 * <pre>{@code
 * ValueAndGradient vg = Autograd.valueAndGradient(x, z -> z.square().sum(new int[] {1}));
 * NDArray g = vg.gradient(); // 2x
 * }</pre>
 */
public record ValueAndGradient(NDArray value, NDArray gradient) {}
