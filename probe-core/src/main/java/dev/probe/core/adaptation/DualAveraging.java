package dev.probe.core.adaptation;

/**
 * Nesterov dual averaging of the log step size toward a target mean acceptance probability
 * (Hoffman &amp; Gelman 2014, "The No-U-Turn Sampler", Algorithm 5), with their defaults
 * {@code γ = 0.05, t0 = 10, κ = 0.75} and shrinkage point {@code μ = log(10 ε0)}.
 *
 * <pre>{@code
 * DualAveraging da = new DualAveraging(0.1, 0.574);
 * double next = da.update(meanAcceptance);   // step size to use next
 * double tuned = da.finalStepSize();         // averaged iterate, used after warm-up
 * }</pre>
 */
public final class DualAveraging {
    private static final double GAMMA = 0.05;
    private static final double T0 = 10;
    private static final double KAPPA = 0.75;
    /** Step sizes are kept within [1e-12, 1e6]: beyond them the chain is broken, not tuned. */
    private static final double MIN_LOG_STEP = Math.log(1e-12);
    private static final double MAX_LOG_STEP = Math.log(1e6);

    private final double target;
    private final double mu;
    private double hBar;
    private double logStepBar;
    private int m;

    /** Starts at step size {@code initial}, steering toward mean acceptance {@code target}. */
    public DualAveraging(double initial, double target) {
        if (!(initial > 0) || !(target > 0 && target < 1)) {
            throw new IllegalArgumentException("Need a positive initial step size and a target acceptance in (0, 1); got "
                    + initial + " and " + target);
        }
        this.target = target;
        this.mu = Math.log(10 * initial);
        this.logStepBar = Math.log(initial);
    }

    /** Records one iteration's mean acceptance probability and returns the step size to use next. */
    public double update(double acceptance) {
        m++;
        double a = Double.isFinite(acceptance) ? acceptance : 0;
        double w = 1.0 / (m + T0);
        hBar = (1 - w) * hBar + w * (target - a);
        double logStep = Math.max(MIN_LOG_STEP, Math.min(MAX_LOG_STEP, mu - Math.sqrt(m) / GAMMA * hBar));
        double eta = Math.pow(m, -KAPPA);
        logStepBar = eta * logStep + (1 - eta) * logStepBar;
        return Math.exp(logStep);
    }

    /** The averaged step size, to freeze after warm-up. */
    public double finalStepSize() {
        return Math.exp(logStepBar);
    }
}
