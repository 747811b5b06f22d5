package dev.probe.junit.extension;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes whose declarations a test class's probes see, nearest first: the test class, its superclasses (upward),
 * then the interfaces they implement (JUnit's test interfaces, with their superinterfaces), and the same for each
 * enclosing class (outward). {@code @ProbeSettings}, {@code @ProbedModel}, {@code @Generator}, {@code @ProbeOracle},
 * {@code @TrainingData} and the members a probe annotation names are looked up along it; the nearest wins.
 *
 * <pre>{@code
 * for (Class<?> c : DeclaringClasses.of(DigitProbes.Nested.class)) { ... } // Nested, its supertypes, DigitProbes, ...
 * }</pre>
 */
final class DeclaringClasses {
    private DeclaringClasses() {}

    static List<Class<?>> of(Class<?> testClass) {
        Set<Class<?>> out = new LinkedHashSet<>();
        for (Class<?> outer = testClass; outer != null; outer = outer.getEnclosingClass()) {
            List<Class<?>> supers = new ArrayList<>();
            for (Class<?> c = outer; c != null && c != Object.class; c = c.getSuperclass()) {
                supers.add(c);
            }
            out.addAll(supers);
            for (Class<?> c : supers) {
                addInterfaces(c, out);
            }
        }
        return List.copyOf(out);
    }

    private static void addInterfaces(Class<?> c, Set<Class<?>> out) {
        for (Class<?> i : c.getInterfaces()) {
            if (out.add(i)) {
                addInterfaces(i, out);
            }
        }
    }
}
