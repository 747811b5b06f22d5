package dev.probe.junit.extension;

import dev.probe.junit.annotations.ProbeGate;
import dev.probe.junit.annotations.ProbeSource;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The one generic pipeline behind every probe annotation: find the annotation meta-annotated with
 * {@link ProbeSource}, let its factory make the {@link ProbeSpec}s (validated before any sampling),
 * keep those selected by {@code probe.only}, and turn each into an invocation that samples, hands the
 * {@code ProbeResult} to the test method and writes its report. Probe annotations register it
 * themselves; users never name it.
 *
 * <pre>{@code
 * @ProbeAmbivalent(pairs = "1:7")
 * void tornBetweenOneAndSeven(ProbeResult result) { ... }
 * }</pre>
 */
public final class ProbeExtension implements TestTemplateInvocationContextProvider {
    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProbeExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> !probeAnnotations(m).isEmpty()).orElse(false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Class<?> testClass = context.getRequiredTestClass();
        String template = testClass.getSimpleName() + "#" + method.getName();
        List<Annotation> probes = probeAnnotations(method);
        if (probes.size() > 1) {
            throw new IllegalArgumentException(template + " has conflicting probe annotations "
                    + probes.stream().map(a -> "@" + a.annotationType().getSimpleName()).collect(Collectors.toList())
                    + ": a test method asks one question; split it into one method per probe annotation.");
        }
        Annotation annotation = probes.get(0);
        SettingsResolver resolver = new SettingsResolver(context::getConfigurationParameter);
        ProbeContext probeContext = new ProbeContext(context, testClass, method, resolver);
        Object factory = factory(annotation);
        if (factory instanceof GateFactory<?>) {
            return gates((GateFactory<Annotation>) factory, annotation, probeContext, template, context, testClass, method);
        }
        List<ProbeSpec> specs = ((ProbeFactory<Annotation>) factory).specs(annotation, probeContext);
        specs = selected(specs, context);
        if (specs.isEmpty() && context.getConfigurationParameter("probe.only").isPresent()) {
            return Stream.empty(); // another template holds the selected invocation
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException(template + " has no invocations"
                    + context.getConfigurationParameter("probe.only").map(o -> " matching probe.only=" + o).orElse("") + ".");
        }
        ProbeGate gateAnnotation = method.getAnnotation(ProbeGate.class);
        boolean filtered = context.getConfigurationParameter("probe.only").isPresent();
        Gate gate = gateAnnotation == null || filtered ? null : new Gate(template, gateAnnotation, specs.size());
        if (gate != null) {
            context.getStore(NAMESPACE).put("gate", gate);
        }
        return specs.stream().map(spec -> new ProbeInvocation(spec, gate, testClass, method));
    }

    /** A regression gate's invocations (see {@link GateFactory}). */
    private static Stream<TestTemplateInvocationContext> gates(GateFactory<Annotation> factory, Annotation annotation,
            ProbeContext probeContext, String template, ExtensionContext context, Class<?> testClass, Method method) {
        List<GateSpec> gates = factory.gates(annotation, probeContext);
        Optional<Set<String>> only = context.getConfigurationParameter("probe.only")
                .map(o -> Set.copyOf(Arrays.asList(o.split(","))));
        if (only.isPresent()) {
            gates = gates.stream().filter(g -> only.get().contains(g.key())).collect(Collectors.toList());
            if (gates.isEmpty()) {
                return Stream.empty();
            }
        }
        if (gates.isEmpty()) {
            throw new IllegalArgumentException(template + " has no invocations.");
        }
        return gates.stream().map(g -> new GateInvocation(g, testClass, method));
    }

    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return context.getConfigurationParameter("probe.only").isPresent();
    }

    private static List<ProbeSpec> selected(List<ProbeSpec> specs, ExtensionContext context) {
        return context.getConfigurationParameter("probe.only")
                .map(only -> Set.copyOf(Arrays.asList(only.split(","))))
                .map(keys -> specs.stream().filter(s -> keys.contains(s.key())).collect(Collectors.toList()))
                .orElse(specs);
    }

    static List<Annotation> probeAnnotations(Method method) {
        List<Annotation> out = new ArrayList<>();
        for (Annotation a : method.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(ProbeSource.class)) {
                out.add(a);
            }
        }
        return out;
    }

    private static Object factory(Annotation annotation) {
        Class<?> type = annotation.annotationType().getAnnotation(ProbeSource.class).value();
        try {
            if (!ProbeFactory.class.isAssignableFrom(type) && !GateFactory.class.isAssignableFrom(type)) {
                throw new IllegalStateException("@ProbeSource(" + type.getName() + ") on @"
                        + annotation.annotationType().getSimpleName() + " must name a ProbeFactory or a GateFactory.");
            }
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create the probe factory " + type.getName()
                    + ": it needs a no-argument constructor.", e);
        }
    }
}
