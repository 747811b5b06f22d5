package dev.probe.junit.extension;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Finds the static fields and no-argument static methods of a test class (and its superclasses, interfaces and
 * enclosing classes) carrying an annotation, and provides their values — computed when first asked for, once per
 * JVM, and kept in the root store, so models load once, a member that fails to load fails only the probes that use
 * it, and {@link AutoCloseable} ones close at the end. Members
 * that a probe annotation names ({@code factuals = "applicants"}) are looked up the same way.
 */
final class TestClassMembers {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestClassMembers.class);

    private TestClassMembers() {}

    record Found<A extends Annotation>(A annotation, Member member, ExtensionContext context) {
        String name() {
            return member.getName();
        }

        /** The member's value, loaded on first use (a failure is thrown to the probe that asked). */
        Object value() {
            return TestClassMembers.value(member, context);
        }
    }

    static <A extends Annotation> List<Found<A>> find(Class<?> testClass, Class<A> type, ExtensionContext context) {
        List<Found<A>> out = new ArrayList<>();
        for (Class<?> c : DeclaringClasses.of(testClass)) {
            for (Field f : c.getDeclaredFields()) {
                A a = f.getAnnotation(type);
                if (a != null) {
                    requireStatic(f);
                    out.add(new Found<>(a, f, context));
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                A a = m.getAnnotation(type);
                if (a != null) {
                    requireStatic(m);
                    out.add(new Found<>(a, m, context));
                }
            }
        }
        return out;
    }

    /**
     * The members of {@code found} (in {@link DeclaringClasses} order) declared by the nearest class that declares
     * any: a subclass's {@code @ProbeOracle} overrides its superclass's, as the nearest {@code @ProbeSettings} does.
     */
    static <A extends Annotation> List<Found<A>> nearest(List<Found<A>> found) {
        if (found.isEmpty()) {
            return found;
        }
        Class<?> nearest = found.get(0).member().getDeclaringClass();
        return found.stream().filter(f -> f.member().getDeclaringClass() == nearest).toList();
    }

    /**
     * The value of the static field or no-argument static method called {@code name}, looked up like annotated
     * members ({@link DeclaringClasses}: the test class, its superclasses and interfaces, then each enclosing class
     * likewise; the nearest wins). Computed on every call and not cached (e.g. a factory of new blocks).
     */
    static Object named(Class<?> testClass, String name) {
        for (Class<?> c : DeclaringClasses.of(testClass)) {
            Member member = declared(c, name);
            if (member != null) {
                String where = c.getName() + "." + name;
                if (!Modifier.isStatic(member.getModifiers())) {
                    throw new IllegalArgumentException(where + " must be static: probe annotations refer to static "
                            + "fields and static no-argument methods of the test class.");
                }
                return compute(member, where);
            }
        }
        throw new IllegalArgumentException("No static method or field '" + name + "' in " + testClass.getSimpleName()
                + ", its superclasses, interfaces or enclosing classes: declare it there (a static field, or a static method without "
                + "arguments), or fix the name in the probe annotation.");
    }

    /** The no-argument method, else the field, that {@code c} declares under {@code name}; null if none. */
    private static Member declared(Class<?> c, String name) {
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 0 && !m.isSynthetic()) {
                return m;
            }
        }
        for (Field f : c.getDeclaredFields()) {
            if (f.getName().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private static void requireStatic(Member member) {
        if (!Modifier.isStatic(member.getModifiers())) {
            throw new IllegalArgumentException(member.getDeclaringClass().getName() + "." + member.getName() + " must be "
                    + "static: probe models, generators and oracles are shared by all invocations and loaded once per JVM.");
        }
    }

    private static Object value(Member member, ExtensionContext context) {
        String where = member.getDeclaringClass().getName() + "." + member.getName();
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        Object cached = store.getOrComputeIfAbsent(where, k -> new Holder(compute(member, where)), Holder.class);
        return ((Holder) cached).value;
    }

    private static Object compute(Member member, String where) {
        try {
            if (member instanceof Field f) {
                f.setAccessible(true);
                return f.get(null);
            }
            Method m = (Method) member;
            if (m.getParameterCount() != 0) {
                throw new IllegalArgumentException(where + " must take no arguments.");
            }
            m.setAccessible(true);
            return m.invoke(null);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalStateException("Loading " + where + " failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + where, e);
        }
    }

    /** Keeps the value reachable for the whole run and closes it at the end if it can be closed. */
    private static final class Holder implements AutoCloseable {
        private final Object value;

        Holder(Object value) {
            this.value = value;
        }

        @Override
        public void close() throws Exception {
            if (value instanceof AutoCloseable c) {
                c.close();
            }
        }
    }
}
