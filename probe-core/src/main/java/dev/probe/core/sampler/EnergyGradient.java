package dev.probe.core.sampler;

import ai.djl.ndarray.NDArray;

/**
 * An energy evaluation with its gradient: {@code value} is {@code [C]}, {@code gradient} is {@code [C, d]}.
 *
 * <pre>{@code
 * EnergyGradient eg = energy.valueAndGradient(x);
 * NDArray drift = eg.gradient().mul(-stepSize);
 * }</pre>
 */
public record EnergyGradient(NDArray value, NDArray gradient) {}
