package dev.probe.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static field or static no-argument method of a test class that provides a model under test
 * ({@code dev.probe.core.model.Classifier} or {@code Regressor}). Methods are called once per JVM; an
 * {@link AutoCloseable} result is closed when the test run ends. With several models, give each a
 * name and refer to it from the probe annotation ({@code model = "cnn"}): with several models, a probe
 * annotation that names none fails before sampling, listing them.
 *
 * <pre>{@code
 * @ProbedModel static Classifier cnn() { return BundledModels.mnistCnn(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface ProbedModel {
    /** Name to refer to the model by; empty means the member's name. */
    String value() default "";
}
