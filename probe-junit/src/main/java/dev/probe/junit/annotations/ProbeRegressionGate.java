package dev.probe.junit.annotations;

import dev.probe.junit.extension.ProbeExtension;
import dev.probe.junit.extension.ProbeSource;
import dev.probe.junit.extension.ProbeSource.Relaxation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Is the candidate model no worse than the baseline on this probe? Probes the high-confidence level set
 * (BAYES-PROBE eqs. 4–5) of each class for both models, estimates the {@link #statistic() statistic} for
 * each with an interval that accounts for the chains' autocorrelation, and passes when the interval of
 * {@code candidate − baseline} lies below the {@link #margin() margin δ} (a non-inferiority test, see
 * {@code dev.probe.core.result.Comparison}). A failing gate prints both estimates with their intervals,
 * the difference, the margin, the seeds and the re-run command. One invocation per class
 * ("no worse than baseline: class 7"), or one pooling every class ({@link #pooled()}). Needs a
 * {@code @ProbeOracle}. The test method may take the {@code Comparison}. Sampling settings come from
 * {@code @ProbeSettings} and configuration, as for every probe; each side's evidence must support a
 * verdict (attained and converged), else the gate has none ("not sampled" / "not converged").
 *
 * <pre>{@code
 * @ProbeRegressionGate(baseline = "v1", candidate = "v2", statistic = GateStatistic.MISCLASSIFICATION, margin = 0.05)
 * void noMoreConfidentMistakes(Comparison c) { }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(value = RegressionGateFactory.class, relaxation = Relaxation.SIGMA)
public @interface ProbeRegressionGate {

    /** The baseline model ({@code @ProbedModel} name). */
    String baseline();

    /** The candidate model ({@code @ProbedModel} name). */
    String candidate();

    /** What is compared (default: the high-confidence misclassification rate). */
    GateStatistic statistic() default GateStatistic.MISCLASSIFICATION;

    /** The non-inferiority margin δ in [0, 1), in the statistic's units (a rate: 0.05 = five percentage points). */
    double margin();

    /** Classes whose level sets are compared; empty means every class. */
    int[] classes() default {};

    /**
     * One invocation comparing the rates pooled over all {@link #classes()}, instead of one per class: the classes'
     * rates averaged with equal weights, and for {@link GateStatistic#CONFIDENTLY_WRONG_MASS} the prior mass of inputs
     * confidently wrong in any of the classes (the sum of the classes' masses).
     */
    boolean pooled() default false;

    /** The generator ({@code @Generator} name); empty: the default one. */
    String generator() default "";

    /**
     * Target distance within which a sample is in the level set (unset: configuration
     * {@code probe.tolerance}, then 0.1).
     */
    double tolerance() default Double.NaN;
}
