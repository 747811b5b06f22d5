package dev.probe.junit;

import dev.probe.junit.extension.ProbeAnnotationPlacement;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How probes are sampled and judged: the one place for settings. Put it on a probe method, on the test
 * class (or an enclosing or super class), or on a team's own annotation that then carries the settings
 * ({@code @NightlyProbe} below). Every attribute left unset falls back along one chain, attribute by
 * attribute: method, class, its superclasses (nearest first) and interfaces, enclosing classes, configuration parameter {@code probe.<attribute>} ({@code junit-platform.properties}, a system
 * property or Surefire {@code configurationParameters}), built-in default. Failure messages and reports
 * say where each value came from.
 *
 * <p>{@code sigma} is the level-set relaxation of level-set probes (high confidence, ambivalent,
 * confidence, ambiguous, adversarial, novel class); {@code tau} the temperature of Gibbs probes (risky,
 * counterfactual, contrast, parameter-sensitive). Set on a method whose probe does not use it, it is an
 * error; set on a class or in configuration, it applies to the probes that use it.
 *
 * <pre>{@code
 * @Retention(RetentionPolicy.RUNTIME)
 * @ProbeSettings(chains = 32, warmup = 1000, draws = 500)
 * @interface NightlyProbe {}
 *
 * @ProbeSettings(chains = 16, seed = "42")
 * class DigitProbes {
 *     @ProbeAmbivalent(pairs = "1:7") @ProbeSettings(sigma = 0.1) void torn(ProbeAnswer a) { ... }
 *     @ProbeHighConfidence @NightlyProbe void confident(ProbeAnswer a) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(ProbeAnnotationPlacement.class)
public @interface ProbeSettings {
    /**
     * The "not set" value of whole-number attributes ({@link Integer#MIN_VALUE}): every value written is a setting
     * and checked, −1 included (when −1 meant "not set", a new user's {@code chains = -1} ran the class's chains).
     */
    int UNSET = Integer.MIN_VALUE;

    /** Chains batched in one tensor (built-in 32). */
    int chains() default UNSET;

    /** Warm-up iterations per chain, discarded (built-in 200). */
    int warmup() default UNSET;

    /** Kept draws per chain (built-in 100). */
    int draws() default UNSET;

    /** Iterations per kept draw (built-in 1). */
    int thin() default UNSET;

    /**
     * The kernel; {@code AUTO} chooses it from the pipeline. Unset ({@link SamplerKind#INHERIT}): the class's
     * setting, the configuration {@code probe.sampler}, or {@code AUTO}; an explicit {@code AUTO} on a method overrides
     * its class's sampler.
     */
    SamplerKind sampler() default SamplerKind.INHERIT;

    /** One seed (a decimal {@code long}) for every invocation; empty: derived from each invocation's id. */
    String seed() default "";

    /** Level-set relaxation σ of level-set probes (built-in 0.05). */
    double sigma() default Double.NaN;

    /** Temperature τ of Gibbs probes (built-in 1). */
    double tau() default Double.NaN;

    /** Fraction of warm-up that anneals the question from 1% to full strength, in [0, 1) (built-in 0.5). */
    double annealing() default Double.NaN;

    /** Space draws per chain from which starting points are resampled by the query's energy; 1 = off (built-in 16). */
    int screening() default UNSET;

    /**
     * {@code sampler = SMOOTHED_MALA} only: the smoothing width s of the Gaussian-smoothed energy whose estimated
     * gradient shapes proposals, in sampled coordinates (a feature's units, divided by its {@code InputSpace.scale}).
     * Built-in: a tenth of the narrowest box width, 0.1 on an unbounded space (0 is refused, like any width ≤ 0).
     * Wider than a tree's leaves lets the gradient see the next split; acceptance uses the true energy, so s changes
     * efficiency, never the target.
     */
    double smoothing() default Double.NaN;

    /** {@code sampler = SMOOTHED_MALA} only: antithetic pairs J per smoothed gradient, 2J + 1 model calls per step (built-in 4). */
    int smoothingPairs() default UNSET;

    /**
     * Populations only (sampler = SMC, or AUTO where the probe samples populations): independent populations (at least
     * 2; built-in: 4, with chains·(warmup + draws·thin)/20 particles in all, at least 128: SmcConfig.fromBudget).
     */
    int populations() default UNSET;

    /** Populations only (as {@link #populations()}): particles per population (built-in: from the budget). */
    int particles() default UNSET;

    /**
     * Populations only (as {@link #populations()}): most populations in all. While an invocation's evidence falls
     * short of {@link #maxRhat()} and {@link #minAttainedEss()}, population sampling adds populations of the same
     * size, in rounds, when a run of at most this many is projected to meet them; where the first populations
     * disagree (R̂), it replaces them once by populations of twice the particles, and the limit then counts
     * particles (this many first-round populations' worth). Built-in: four times the first round's populations;
     * equal to {@link #populations()}: one round, no growth.
     */
    int maxPopulations() default UNSET;

    /**
     * Draws of the prior pool that level-set probes over one generator and models share (built-in: 32,768 for
     * latents up to 256 dimensions, fewer for wider spaces). A larger pool gives thin level sets more distinct
     * starting particles, at a one-off cost per JVM (MNIST VAE + CNN: 262,144 draws in 28 s on 2 cores).
     */
    int pool() default UNSET;

    /** Converged only with max R̂ at most this, over chains (or populations) (built-in 1.05). */
    double maxRhat() default Double.NaN;

    /**
     * Converged, and counted as sampled by {@link ProbeGate}, only with at least this effective number of
     * samples attaining the target (built-in 100).
     */
    double minAttainedEss() default Double.NaN;

    /**
     * Chains only (HMC): converged only with at most this many divergent trajectories after warm-up (built-in 0,
     * as Stan warns on any; population results are not judged by divergences).
     */
    int maxDivergences() default UNSET;

    /**
     * What an invocation that sampled nothing of its target becomes: {@code "fail"}, or {@code "abort"} (reported as
     * skipped, with the reason); unset: configuration {@code probe.notSampled}, then fail. E.g. {@code "abort"} on an
     * {@code @InDistributionAdversarial} probe in a build that fails on the others: its not-sampled outcome is what a
     * robust model gives.
     */
    String notSampled() default "";

    /**
     * What an invocation whose samples did not converge becomes: {@code "fail"} or {@code "abort"}; unset: configuration
     * {@code probe.notConverged}, then fail.
     */
    String notConverged() default "";
}
