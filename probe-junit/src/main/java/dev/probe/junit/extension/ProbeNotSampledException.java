package dev.probe.junit.extension;

/**
 * The probe could not sample its target: no kept sample came within the tolerance of what the query
 * asks. This is not a verdict on the model; {@code probe.notSampled = abort} reports the invocation as
 * skipped instead.
 *
 * <pre>{@code
 * catch (ProbeNotSampledException e) { ... }
 * }</pre>
 */
public class ProbeNotSampledException extends AssertionError {
    private static final long serialVersionUID = 1L;

    public ProbeNotSampledException(String message) {
        super(message);
    }
}
