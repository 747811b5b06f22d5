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
 * Where two models disagree ("Generating Samples to Probe Trained Models" eq. 5):
 * {@code G = exp(−‖f_a − f_b‖²/σ²)} is low where their outputs differ. One invocation
 * ("contrast cnn vs mlp").
 *
 * <p>{@code models} names {@code @ProbedModel} members; assertions on the answer name the models by their own names
 * ({@code name()}: a TorchScript file's name without {@code .pt}), which are the same here:
 *
 * <pre>{@code
 * @ProbedModel("cnn") static Classifier cnn() { return Classifier.fromLogits(TorchScriptFunction.load(DIR.resolve("cnn.pt"), IMAGE)); }
 * @ProbedModel("mlp") static Classifier mlp() { return Classifier.fromLogits(TorchScriptFunction.load(DIR.resolve("mlp.pt"), IMAGE)); }
 *
 * @ProbeModelContrast(models = {"cnn", "mlp"})
 * void disagree(ProbeAnswer a) { assertThat(a).hasDisagreementRateAtMost("cnn", "mlp", 0.2); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(ProbeExtension.class)
@ProbeSource(value = ModelContrastFactory.class, relaxation = Relaxation.TAU)
public @interface ProbeModelContrast {

    /** The two models ({@code @ProbedModel} names). */
    String[] models();

    /** The generator; empty: the default one. */
    String generator() default "";

    /**
     * Target distance within which a sample attains the target (unset: configuration
     * {@code probe.tolerance}, then 0.1).
     */
    double tolerance() default Double.NaN;
}
