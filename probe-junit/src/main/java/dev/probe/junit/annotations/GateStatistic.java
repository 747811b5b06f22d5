package dev.probe.junit.annotations;

/**
 * What a {@link ProbeRegressionGate} compares between two model versions, on the high-confidence level
 * sets of the gate's classes, or on prior draws ({@link #CONFIDENTLY_WRONG_MASS}, {@link #DECISION_CHANGE}). Every
 * statistic is a rate where lower is better; all but {@link #DECISION_CHANGE} need a {@code @ProbeOracle}.
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
    CONFIDENTLY_WRONG_MASS("prior mass of confidently wrong inputs"),
    /**
     * The prior mass of inputs whose decision the candidate changed: the fraction of independent draws from the
     * generator on which the two models' top classes differ, one of them being a gate's class (every class by
     * default: how often the new model answers differently). No oracle and no MCMC; the baseline's own rate is 0, so
     * the margin bounds the changed mass itself, with the exact interval of the candidate's count. It counts lost
     * confidence and new mistakes alike (a candidate that stops predicting a class changes every decision it made
     * there), and improvements too: a fix changes decisions as well. Draws as {@link #CONFIDENTLY_WRONG_MASS}'s.
     */
    DECISION_CHANGE("prior mass of inputs whose decision changed");

    private final String description;

    GateStatistic(String description) {
        this.description = description;
    }

    /** @return how the statistic reads in messages */
    public String description() {
        return description;
    }
}
