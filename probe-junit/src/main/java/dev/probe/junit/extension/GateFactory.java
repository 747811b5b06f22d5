package dev.probe.junit.extension;

import java.lang.annotation.Annotation;
import java.util.List;

/**
 * Turns a regression-gate annotation into its invocations (one per class, or one pooled), validated
 * before any sampling, as {@link ProbeFactory} does for probes. A probe annotation's {@code @ProbeSource}
 * names either kind of factory.
 *
 * <pre>{@code
 * final class RegressionGateFactory implements GateFactory<ProbeRegressionGate> { ... }
 * }</pre>
 *
 * @param <A> the gate annotation
 */
public interface GateFactory<A extends Annotation> {

    /** The invocations of the template annotated with {@code annotation}. */
    List<GateSpec> gates(A annotation, ProbeContext context);
}
