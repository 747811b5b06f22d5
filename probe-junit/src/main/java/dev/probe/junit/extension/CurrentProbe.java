package dev.probe.junit.extension;

import java.util.Optional;

/**
 * The probe invocation running on the current thread, so assertion failures can name it, print its
 * seed and say how to re-run just that invocation.
 *
 * <pre>{@code
 * CurrentProbe.get().ifPresent(p -> System.out.println(p.rerunCommand()));
 * }</pre>
 *
 * @param testClass simple name of the test class
 * @param className fully qualified name of the test class
 * @param method test method name
 * @param displayName the invocation's display name
 * @param key the invocation's key for {@code -Dprobe.only}
 * @param seed the seed of the run
 * @param spec the invocation's spec (oracle, judged model, tolerance)
 */
public record CurrentProbe(String testClass, String className, String method, String displayName, String key, long seed,
        ProbeSpec spec) {
    private static final ThreadLocal<CurrentProbe> CURRENT = new ThreadLocal<>();

    /** The invocation running on this thread, if any. */
    public static Optional<CurrentProbe> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void set(CurrentProbe probe) {
        CURRENT.set(probe);
    }

    static void clear() {
        CURRENT.remove();
    }

    /** The command that re-runs only this invocation with the same seed. */
    public String rerunCommand() {
        return "./mvnw test -Dtest='" + className + "#" + method + "' -Dsurefire.failIfNoSpecifiedTests=false -Dprobe.only='"
                + key + "' -Dprobe.seed=" + seed;
    }
}
