package dev.probe.core.result;

/**
 * Which direction of a probe statistic is better, for comparing two model versions: a misclassification or
 * disagreement rate is better {@link #LOWER}; attainment or a level set's prior mass of a wanted
 * prediction may be better {@link #HIGHER}.
 *
 * <pre>{@code
 * Comparison c = Comparison.ofRates("high-confidence misclassification", Better.LOWER, base, cand, 0.05);
 * }</pre>
 */
public enum Better {
    /** Smaller values are better (error rates). */
    LOWER,
    /** Larger values are better. */
    HIGHER
}
