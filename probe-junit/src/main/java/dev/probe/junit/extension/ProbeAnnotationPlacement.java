package dev.probe.junit.extension;

import dev.probe.junit.ProbeGate;
import dev.probe.junit.ProbeSettings;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Fails a test method that carries {@link ProbeSettings} (directly or through a composed annotation) or
 * {@link ProbeGate} but no probe annotation: on a plain {@code @Test}, {@code @ParameterizedTest} or
 * {@code @RepeatedTest} they would change nothing, silently. {@code @ProbeSettings} on a class stays allowed for its
 * plain tests. Both annotations register it themselves; users never name it.
 *
 * <pre>{@code
 * @Test @ProbeSettings(chains = 32)   // fails: "… has no probe annotation …"
 * void plain() { ... }
 * }</pre>
 */
public final class ProbeAnnotationPlacement implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        if (!ProbeExtension.probeAnnotations(method).isEmpty()) {
            return;
        }
        List<String> placed = new ArrayList<>();
        for (Annotation a : method.getDeclaredAnnotations()) {
            if (a.annotationType() == ProbeSettings.class || a.annotationType() == ProbeGate.class
                    || AnnotationSupport.isAnnotated(a.annotationType(), ProbeSettings.class)
                    || AnnotationSupport.isAnnotated(a.annotationType(), ProbeGate.class)) {
                placed.add("@" + a.annotationType().getSimpleName());
            }
        }
        if (!placed.isEmpty()) {
            throw new IllegalArgumentException(method.getDeclaringClass().getSimpleName() + "#" + method.getName() + " has "
                    + String.join(" and ", placed) + " but no probe annotation (@ProbeHighConfidence, @ProbeAmbivalent, …), "
                    + "so nothing would read " + (placed.size() == 1 ? "it" : "them") + ": add the probe annotation, put "
                    + "@ProbeSettings on the class (for its probes), or remove " + (placed.size() == 1 ? "it" : "them") + ".");
        }
    }
}
