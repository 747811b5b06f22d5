package dev.probe.junit.extension;

/**
 * What happens when a probe could not sample its target at all (no kept sample attains the query's
 * target): this says nothing about the model's property, so it is reported apart from a failing model.
 * Configured with {@code probe.notSampled = fail | abort} (default {@code fail}).
 *
 * <pre>{@code
 * # junit-platform.properties
 * probe.notSampled = abort
 * }</pre>
 */
public enum NotSampledPolicy {
    /** The invocation fails with a "could not sample" error. */
    FAIL,
    /** The invocation is aborted (reported as skipped: not applicable). */
    ABORT
}
