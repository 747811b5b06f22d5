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
 * Parameter-sensitive inputs ("Generating Samples to Probe Trained Models" eq. 6): where the
 * prediction of a DJL model changes when its trained weights are perturbed by Gaussian noise
 * {@code θ_k ~ N(θ*, sd²)}, averaged over {@code perturbations} draws. Binary classifiers use the
 * flip form (eq. 6 as the paper writes it), multi-class ones the {@code exp(−‖f_θk − f_θ*‖²/σ²)} form.
 * The flip form also counts the trained model's decision boundary, whatever the noise (copies near 0.5
 * "predict the opposite" of 0.5; identical copies attained 0.83 there for a new user): to ask where the
 * copies' predictions move away from the trained model's on a binary classifier, use
 * {@code ParameterSensitive.multiClass} through {@code Probe.of}. {@code architecture} names a
 * static method returning a fresh {@code ai.djl.nn.Block} of the model's architecture. One invocation
 * ("parameter-sensitive: cnn, sd 0.05, K 8").
 *
 * <pre>{@code
 * static Block architecture() { return ImageCnn.create(10); }
 * @ProbeParameterSensitive(architecture = "architecture", sd = 0.05, perturbations = 8)
 * void fragile(ProbeAnswer a) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(value = ParameterSensitiveFactory.class, relaxation = Relaxation.TAU)
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

    /**
     * Target distance within which a sample attains the target (unset: configuration
     * {@code probe.tolerance}, then 0.1).
     */
    double tolerance() default Double.NaN;
}
