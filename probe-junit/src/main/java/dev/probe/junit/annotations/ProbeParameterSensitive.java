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
 * Parameter-sensitive inputs ("Generating Samples to Probe Trained Models" eq. 6): where the
 * prediction of a DJL model changes when its trained weights are perturbed by Gaussian noise
 * {@code θ_k ~ N(θ*, sd²)}, averaged over {@code perturbations} draws. Binary classifiers use the
 * flip form, multi-class ones the {@code exp(−‖f_θk − f_θ*‖²/σ²)} form. {@code architecture} names a
 * static method returning a fresh {@code ai.djl.nn.Block} of the model's architecture. One invocation
 * ("parameter-sensitive: cnn, sd 0.05, K 8").
 *
 * <pre>{@code
 * static Block architecture() { return ImageCnn.create(10); }
 * @ProbeParameterSensitive(architecture = "architecture", sd = 0.05, perturbations = 8)
 * void fragile(ProbeResult r) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(ParameterSensitiveFactory.class)
public @interface ProbeParameterSensitive {

    /** Static no-argument method of the test class returning a fresh {@code Block} of the model's architecture. */
    String architecture();

    /** Standard deviation of the weight noise. */
    double sd() default 0.05;

    /** Number K of perturbed weight draws. */
    int perturbations() default 8;

    /** Seed of the weight noise (fixed, so the perturbed models are the same on every run). */
    long noiseSeed() default 1;

    /** The model (a DJL block); empty: the only one. */
    String model() default "";

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
