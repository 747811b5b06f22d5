package dev.probe.junit.extension;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The time a probe's sampling may take: JUnit's {@code @Timeout} on the test method (else on its class or an enclosing
 * one), else the configuration parameters {@code junit.jupiter.execution.timeout.testtemplate.method.default} and
 * {@code junit.jupiter.execution.timeout.default}, unless {@code junit.jupiter.execution.timeout.mode} is
 * {@code disabled}. Sampling runs before the test method, where JUnit's own timeout does not reach it: a CI owner's
 * 5-second {@code @Timeout} on a probe that sampled for 29 s passed. The sampler thread is interrupted at the deadline,
 * and the invocation fails naming the timeout and where it came from.
 *
 * <pre>{@code
 * Optional<SamplingTimeout> t = SamplingTimeout.of(context);  // e.g. "5 s (@Timeout on MyProbes#confident)"
 * }</pre>
 */
record SamplingTimeout(Duration duration, String source) {
    private static final Pattern DURATION = Pattern.compile("(?i)^\\s*([1-9]\\d*)\\s*(ns|μs|us|ms|s|m|h|d)?\\s*$");

    /** The timeout of the invocation's sampling, if any applies. */
    static Optional<SamplingTimeout> of(ExtensionContext context) {
        Optional<String> mode = context.getConfigurationParameter("junit.jupiter.execution.timeout.mode");
        if (mode.isPresent() && mode.get().trim().toLowerCase(Locale.ROOT).startsWith("disabled")) {
            return Optional.empty();
        }
        Optional<Method> method = context.getTestMethod();
        if (method.isPresent()) {
            Timeout t = method.get().getAnnotation(Timeout.class);
            if (t != null) {
                return Optional.of(of(t, "@Timeout on " + method.get().getDeclaringClass().getSimpleName() + "#"
                        + method.get().getName()));
            }
        }
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            Timeout t = c.getAnnotation(Timeout.class);
            if (t != null) {
                return Optional.of(of(t, "@Timeout on " + c.getSimpleName()));
            }
        }
        for (String key : new String[] {"junit.jupiter.execution.timeout.testtemplate.method.default",
                "junit.jupiter.execution.timeout.default"}) {
            Optional<String> value = context.getConfigurationParameter(key);
            if (value.isPresent()) {
                return Optional.of(new SamplingTimeout(parse(value.get(), key), key + " = " + value.get().trim()));
            }
        }
        return Optional.empty();
    }

    private static SamplingTimeout of(Timeout t, String source) {
        return new SamplingTimeout(Duration.ofNanos(t.unit().toNanos(t.value())), source);
    }

    /** JUnit's duration format: a positive whole number and an optional unit (ns, μs, ms, s, m, h, d; seconds). */
    static Duration parse(String value, String key) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " = \"" + value + "\" is not a duration: give a positive whole number "
                    + "and a unit, e.g. \"30 s\" or \"5m\" (ns, μs, ms, s, m, h, d; seconds without one).");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        TimeUnit u = switch (unit) {
            case "ns" -> TimeUnit.NANOSECONDS;
            case "μs", "us" -> TimeUnit.MICROSECONDS;
            case "ms" -> TimeUnit.MILLISECONDS;
            case "m" -> TimeUnit.MINUTES;
            case "h" -> TimeUnit.HOURS;
            case "d" -> TimeUnit.DAYS;
            default -> TimeUnit.SECONDS;
        };
        return Duration.ofNanos(u.toNanos(n));
    }

    /** "5 s", "250 ms": as the failure message prints it. */
    String shown() {
        long ms = duration.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
