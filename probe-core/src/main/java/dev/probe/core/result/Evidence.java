package dev.probe.core.result;

/**
 * What converged evidence means: R̂ across independent chains or populations at most {@code maxRhat}, and at
 * least {@code minAttainedEss} effective samples attaining the target within {@code tolerance}
 * ({@link ProbeResult#attainedEss}). The JUnit extension judges every invocation by it (its settings
 * {@code maxRhat}, {@code minAttainedEss} and the annotation's {@code tolerance}); population sampling can keep
 * adding populations until a result meets it ({@link dev.probe.core.probe.Sampling.Populations#until}).
 *
 * <pre>{@code
 * Evidence evidence = Evidence.DEFAULT;                    // R̂ ≤ 1.05, 100 effective attained samples, tolerance 0.1
 * ProbeResult r = probe.sample(config, Sampling.populations().until(evidence, 16));
 * boolean ok = evidence.isMetBy(r);
 * }</pre>
 *
 * @param maxRhat largest R̂ (over coordinates and the energy) of converged evidence, at least 1
 * @param minAttainedEss fewest effective attained samples, at least 0
 * @param tolerance target distance within which a sample attains the target, positive
 */
public record Evidence(double maxRhat, double minAttainedEss, double tolerance) {
    /** R̂ ≤ 1.05 and 100 effective attained samples within 0.1: the extension's built-in settings. */
    public static final Evidence DEFAULT = new Evidence(1.05, 100, 0.1);

    public Evidence {
        if (!(maxRhat >= 1) || !Double.isFinite(maxRhat)) {
            throw new IllegalArgumentException("Evidence: maxRhat must be a number of at least 1, got " + maxRhat);
        }
        if (!(minAttainedEss >= 0) || !Double.isFinite(minAttainedEss)) {
            throw new IllegalArgumentException("Evidence: minAttainedEss must be a number of at least 0, got "
                    + minAttainedEss);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("Evidence: tolerance must be positive, got " + tolerance);
        }
    }

    /** Whether {@code result}'s R̂ and effective attained samples meet this evidence. */
    public boolean isMetBy(ProbeResult result) {
        return result.diagnostics().maxRhat() <= maxRhat && result.attainedEss(tolerance) >= minAttainedEss;
    }
}
