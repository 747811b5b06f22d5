package dev.probe.junit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Class-level defaults for every probe annotation in a test class. An attribute left unset on a probe
 * annotation falls back to this, then to the configuration parameters ({@code probe.draws},
 * {@code probe.chains}, ... in {@code junit-platform.properties} or system properties), then to the
 * built-in defaults. Unset here means: not set ({@code -1}, {@code NaN}, {@code ""}, {@code AUTO}).
 *
 * <pre>{@code
 * @ProbeDefaults(chains = 32, warmup = 300, draws = 200, seed = "42")
 * class DigitClassifierProbes { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ProbeDefaults {
    /** Kept draws per chain. */
    int draws() default -1;

    /** Chains batched in one tensor. */
    int chains() default -1;

    /** Warm-up iterations per chain. */
    int warmup() default -1;

    /** Iterations per kept draw. */
    int thin() default -1;

    /** Level-set relaxation σ (paper 000; default 0.05). */
    double sigma() default Double.NaN;

    /** Temperature τ of Gibbs probing functions (paper 004; default 1). */
    double tau() default Double.NaN;

    /** Kernel. */
    SamplerKind sampler() default SamplerKind.AUTO;

    /** Seed as a decimal {@code long}; empty means derived from the test's unique id. */
    String seed() default "";
}
