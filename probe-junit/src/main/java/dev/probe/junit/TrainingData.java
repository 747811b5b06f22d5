package dev.probe.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static field or method returning the training inputs ({@code double[][]}) of a tabular
 * model; reports then plot per-feature distributions of the samples against them.
 *
 * <pre>{@code
 * @TrainingData static double[][] wine() { return Datasets.wine().train().features(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface TrainingData {}
