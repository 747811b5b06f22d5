package dev.probe.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static field or method providing a {@code dev.probe.core.result.Oracle} (the true label of
 * a generated sample), used to count misclassified samples (the misclassification assertions and columns need
 * one). A probe whose samples are wrong by construction (a generator without class c asked for c:
 * {@code @InDistributionAdversarial}) needs none to ask its question, yet its misclassification counts do.
 *
 * <pre>{@code
 * @ProbeOracle static Oracle shapes = Oracle.ofLatent(a -> (int) a[0]);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface ProbeOracle {}
