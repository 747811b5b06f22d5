package dev.probe.junit.extension;

/**
 * The probe could not sample its target: no kept sample came within the tolerance of what the query
 * asks. This is not a verdict on the model's property; see {@link NotSampledPolicy}.
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
