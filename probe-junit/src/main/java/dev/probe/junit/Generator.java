package dev.probe.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static field or static no-argument method providing where samples live: a
 * {@code dev.probe.core.space.SampleSpace} (a generator's latent space, or a bounded input space).
 * {@code excludes} declares a generator trained without one class (for
 * {@code @InDistributionAdversarial}); {@code value} names a generator referred to by name (e.g. the
 * novel-class generator of {@code @NovelClassExtrapolation}). The unnamed, non-excluding generator is
 * the default space of every probe; two such in one class (with its superclasses) are an error for a probe that names
 * none, since Java gives a class's members in no fixed order: name all but the default one.
 *
 * <pre>{@code
 * @Generator static SampleSpace vae() { ... }
 * @Generator(excludes = 4) static SampleSpace vaeWithout4() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Generator {
    /** Name; empty means the member's name. */
    String value() default "";

    /** The class this generator was trained without, or -1. */
    int excludes() default -1;
}
