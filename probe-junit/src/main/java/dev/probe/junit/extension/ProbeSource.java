package dev.probe.junit.extension;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Meta-annotation that makes an annotation a probe: it names the factory turning the annotation into
 * one {@link ProbeSpec} per invocation (a regression gate: one {@link GateSpec}), and which relaxation of {@code @ProbeSettings} its question
 * uses. The extension finds it generically, so a new probe type is one annotation plus one factory.
 *
 * <pre>{@code
 * @TestTemplate @ExtendWith(ProbeExtension.class)
 * @ProbeSource(value = HighConfidenceFactory.class, relaxation = Relaxation.SIGMA)
 * public @interface ProbeHighConfidence { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface ProbeSource {
    /**
     * The factory: a {@link ProbeFactory} (probes) or a {@link GateFactory} (regression gates between two
     * model versions); it needs a no-argument constructor (it may be package-private).
     */
    Class<?> value();

    /** The relaxation setting the question uses. */
    Relaxation relaxation();

    /** How a probe's question is relaxed, and so which setting applies to it. */
    enum Relaxation {
        /** Level-set probes: target distances within σ ({@code @ProbeSettings(sigma)}). */
        SIGMA,
        /** Gibbs probes: energy divided by the temperature τ ({@code @ProbeSettings(tau)}). */
        TAU
    }
}
