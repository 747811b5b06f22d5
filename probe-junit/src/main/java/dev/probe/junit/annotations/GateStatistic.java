package dev.probe.junit.annotations;

/**
 * What a {@link ProbeRegressionGate} compares between two model versions, on the high-confidence level
 * sets of the gate's classes. Every statistic is a rate where lower is better.
 *
 * <pre>{@code
 * @ProbeRegressionGate(baseline = "v1", candidate = "v2", statistic = GateStatistic.MISCLASSIFICATION, margin = 0.05)
 * }</pre>
 */
public enum GateStatistic {
    /**
     * Among the samples of the model's high-confidence level set (MCMC), the fraction the oracle labels
     * differently: how often the model is confidently wrong on realistic inputs it is sure about
     * (BAYES-PROBE Table 1). Interval on effective draws.
     */
    MISCLASSIFICATION("high-confidence misclassification rate"),
    /**
     * Among all samples of the level-set probe (MCMC), the fraction the oracle labels differently from the model's top
     * class: every sample counts, those that missed the level set's tolerance too (unlike {@link #MISCLASSIFICATION}).
     */
    ORACLE_DISAGREEMENT("disagreement with the oracle"),
    /**
     * The prior mass of the confidently wrong part of the level set: the fraction of independent draws
     * from the generator that the model classifies as the class with confidence and the oracle does not
     * (ten times the probe's chains × kept draws per class; no MCMC, exact interval). Pooled, every class's draws
     * are judged for all the classes: the mass of inputs confidently wrong in any of them. Class {@code c}'s draws come
     * from seed {@code s + c}, so a gate re-run with seed {@code s + 1} shares all but one class's draws with seed
     * {@code s}: to re-check with other draws, move the seed by more than the number of classes.
     */
    CONFIDENTLY_WRONG_MASS("prior mass of confidently wrong inputs");

    private final String description;

    GateStatistic(String description) {
        this.description = description;
    }

    /** @return how the statistic reads in messages */
    public String description() {
        return description;
    }
}
