package dev.probe.junit.extension;

/**
 * The probe's samples attained its target, but its chains did not converge (max R̂ too large, or too
 * few effective attained samples): no verdict on the model, with the numbers and the budget it would
 * need. Thrown when {@code probe.notConverged = fail} (the default); {@code abort} reports the
 * invocation as skipped instead.
 *
 * <pre>{@code
 * catch (ProbeNotConvergedException e) { ... }
 * }</pre>
 */
public class ProbeNotConvergedException extends AssertionError {
    private static final long serialVersionUID = 1L;

    public ProbeNotConvergedException(String message) {
        super(message);
    }
}
