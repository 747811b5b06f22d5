package dev.probe.junit.annotations;

import dev.probe.junit.extension.ProbeExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where two models disagree ("Generating Samples to Probe Trained Models" eq. 5):
 * {@code G = exp(−‖f_a − f_b‖²/σ²)} is low where their outputs differ. One invocation
 * ("contrast cnn vs mlp").
 *
 * <pre>{@code
 * @ProbeModelContrast(models = {"cnn", "mlp"})
 * void disagree(ProbeResult r) { assertThat(r).hasDisagreementRateAtMost("cnn", "mlp", 0.2); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(ModelContrastFactory.class)
public @interface ProbeModelContrast {

    /** The two models ({@code @ModelUnderTest} names). */
    String[] models();

    /** The generator; empty: the default one. */
    String generator() default "";

    /** Kept draws per chain (unset: class defaults, configuration {@code probe.draws}, then 100). */
    int draws() default -1;

    /** Chains (unset: ... then 32). */
    int chains() default -1;

    /** Warm-up iterations (unset: ... then 200). */
    int warmup() default -1;

    /** Iterations per kept draw (unset: ... then 1). */
    int thin() default -1;

    /** Level-set relaxation σ (unset: ... then 0.05). */
    double sigma() default Double.NaN;

    /** Temperature τ (unset: ... then 1). */
    double tau() default Double.NaN;

    /** Kernel (unset: chosen from the pipeline). */
    SamplerKind sampler() default SamplerKind.AUTO;

    /** Seed (unset: derived from the invocation, or configuration {@code probe.seed}). */
    String seed() default "";

    /** Target distance within which a sample counts as attaining the target. */
    double tolerance() default 0.1;
}
