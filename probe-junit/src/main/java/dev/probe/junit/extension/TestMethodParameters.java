package dev.probe.junit.extension;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * Checks, when a template is expanded and before any sampling, that every parameter of the test method is one
 * the extension supplies (or JUnit's own {@link TestInfo}, {@link TestReporter}, {@link TempDir}); otherwise
 * the method would sample first and then fail with JUnit's generic parameter error. When the test class
 * registers other extensions ({@code @ExtendWith}, {@code @RegisterExtension}, or automatic registration), one
 * of them may supply a parameter, so the check leaves the rest to JUnit.
 *
 * <pre>{@code
 * TestMethodParameters.check(method, "DigitProbes#torn", List.of(ProbeAnswer.class, ProbeResult.class), context);
 * }</pre>
 */
final class TestMethodParameters {
    private TestMethodParameters() {}

    /** Fails naming the parameter and the supported types if the method takes one nobody supplies. */
    static void check(Method method, String template, List<Class<?>> supplied, ExtensionContext context) {
        List<Parameter> unsupported = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            Class<?> type = p.getType();
            boolean junit = type == TestInfo.class || type == TestReporter.class || p.isAnnotationPresent(TempDir.class);
            if (!supplied.contains(type) && !junit) {
                unsupported.add(p);
            }
        }
        if (unsupported.isEmpty() || otherExtensions(method, context)) {
            return;
        }
        Parameter p = unsupported.get(0);
        String types = supplied.stream().map(Class::getSimpleName).collect(Collectors.joining(" or "));
        throw new IllegalArgumentException(template + " takes a parameter of type " + p.getType().getSimpleName()
                + ", which no extension supplies: a probe method takes a " + types + " (JUnit adds TestInfo, TestReporter "
                + "and @TempDir); change the parameter's type or remove it.");
    }

    /** Whether the test class or method registers extensions besides Probe's own, which might resolve parameters. */
    private static boolean otherExtensions(Method method, ExtensionContext context) {
        if (context.getConfigurationParameter("junit.jupiter.extensions.autodetection.enabled", Boolean::parseBoolean)
                .orElse(false)) {
            return true;
        }
        List<AnnotatedElement> elements = new ArrayList<>();
        elements.add(method);
        for (Class<?> c : DeclaringClasses.of(context.getRequiredTestClass())) {
            elements.add(c);
            if (!AnnotationSupport.findAnnotatedFields(c, RegisterExtension.class, f -> true,
                    HierarchyTraversalMode.TOP_DOWN).isEmpty()) {
                return true;
            }
        }
        for (AnnotatedElement e : elements) {
            for (ExtendWith extendWith : AnnotationSupport.findRepeatableAnnotations(e, ExtendWith.class)) {
                for (Class<?> type : extendWith.value()) {
                    // Probe's own (ProbeExtension on probe annotations, ProbeAnnotationPlacement on @ProbeSettings and
                    // @ProbeGate) supply no other parameters
                    if (!type.getPackageName().equals(ProbeExtension.class.getPackageName())) {
                        return true;
                    }
                }
            }
        }
        for (Parameter p : method.getParameters()) {
            if (!AnnotationSupport.findRepeatableAnnotations(p, ExtendWith.class).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
