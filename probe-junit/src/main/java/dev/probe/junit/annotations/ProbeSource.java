package dev.probe.junit.annotations;

import dev.probe.junit.extension.ProbeFactory;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Meta-annotation that makes an annotation a probe: it names the factory turning the annotation into
 * one {@link dev.probe.junit.extension.ProbeSpec} per invocation (or, for a regression gate, one
 * {@link dev.probe.junit.extension.GateSpec}). The extension finds it generically,
 * so a new probe type is one annotation plus one factory.
 *
 * <pre>{@code
 * @TestTemplate @ExtendWith(ProbeExtension.class) @ProbeSource(HighConfidenceFactory.class)
 * public @interface ProbeHighConfidence { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface ProbeSource {
    /**
     * The factory: a {@link ProbeFactory} (probes) or a {@link dev.probe.junit.extension.GateFactory}
     * (regression gates between two model versions); it needs a no-argument constructor (it may be
     * package-private).
     */
    Class<?> value();
}
