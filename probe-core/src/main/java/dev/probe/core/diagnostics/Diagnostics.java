package dev.probe.core.diagnostics;

import java.util.Arrays;

/**
 * What a sampling run reports about itself: acceptance, convergence (rank-normalised split-R̂ and
 * bulk ESS per coordinate and for the energy), speed and invalid proposals. {@link #maxRhat()} and
 * {@link #minEss()} cover the sampled coordinates only; the energy's are {@link #energyRhat()} and
 * {@link #energyEss()}. {@link #divergences()} counts HMC's divergent trajectories after warm-up (0 for the other
 * kernels): chains that miss a region the integrator cannot follow can show a good R̂ and ESS, so judge them too
 * (as {@code dev.probe.core.result.Evidence} does for chains).
 *
 * <pre>{@code
 * Diagnostics d = trace.diagnostics();
 * boolean ok = d.maxRhat() < 1.01 && d.minEss() > 400 && d.divergences() == 0;
 * }</pre>
 *
 * @param acceptanceRate per chain, fraction of sampling iterations whose proposal was accepted
 * @param rhat per coordinate
 * @param ess per coordinate (bulk)
 * @param energyRhat split-R̂ of the energy trace
 * @param energyEss bulk ESS of the energy trace
 * @param wallSeconds whole run including warm-up
 * @param samplingSeconds sampling phase only
 * @param warmup proposals rejected during warm-up, by cause (non-finite, divergent, out of the box)
 * @param sampling proposals rejected after warm-up, by cause
 * @param gradientEvaluations batched gradient evaluations (warm-up included)
 * @param energyEvaluations batched energy-only evaluations (warm-up included)
 * @param stepSize step size used after warm-up
 * @param settlingDrift population sampling only (NaN for chains): how far the particles' energies drifted, as a
 *     |t| statistic, between their resampling at the target and their last draw under moves that leave the target
 *     invariant; above {@code PopulationRun.MAX_SETTLING_DRIFT} the populations had not settled into the target
 *     (their draws and log Z are biased even when R̂ is good: Neal's funnel), so they are not converged evidence
 * @param plateauNats population sampling only (NaN for chains): the log Z that the stages charged while every
 *     particle sat on a plateau of the question's energy (weights all alike, so no particle saw where the set is),
 *     beyond what the set the particles found later costs, in nats, the largest over the populations; above
 *     {@code PopulationRun.MAX_PLATEAU_NATS} the populations found the set by moves after crossing the plateau, not
 *     by following the tempered targets, so their log Z can be low by that much and their draws biased, however
 *     well they agree: not converged evidence
 */
public record Diagnostics(
        double[] acceptanceRate,
        double[] rhat,
        double[] ess,
        double energyRhat,
        double energyEss,
        double wallSeconds,
        double samplingSeconds,
        InvalidProposals warmup,
        InvalidProposals sampling,
        long gradientEvaluations,
        long energyEvaluations,
        double stepSize,
        double settlingDrift,
        double plateauNats) {

    /** Diagnostics of chains (no settling drift: NaN). */
    public Diagnostics(double[] acceptanceRate, double[] rhat, double[] ess, double energyRhat, double energyEss,
            double wallSeconds, double samplingSeconds, InvalidProposals warmup, InvalidProposals sampling,
            long gradientEvaluations, long energyEvaluations, double stepSize) {
        this(acceptanceRate, rhat, ess, energyRhat, energyEss, wallSeconds, samplingSeconds, warmup, sampling,
                gradientEvaluations, energyEvaluations, stepSize, Double.NaN, Double.NaN);
    }

    /** Diagnostics with a settling drift and no plateau measure (NaN). */
    public Diagnostics(double[] acceptanceRate, double[] rhat, double[] ess, double energyRhat, double energyEss,
            double wallSeconds, double samplingSeconds, InvalidProposals warmup, InvalidProposals sampling,
            long gradientEvaluations, long energyEvaluations, double stepSize, double settlingDrift) {
        this(acceptanceRate, rhat, ess, energyRhat, energyEss, wallSeconds, samplingSeconds, warmup, sampling,
                gradientEvaluations, energyEvaluations, stepSize, settlingDrift, Double.NaN);
    }

    /**
     * Diagnostics with rejection totals of unknown phase (recorded as sampling-phase counts, no divergences);
     * kept for callers written before divergences were counted.
     */
    public Diagnostics(double[] acceptanceRate, double[] rhat, double[] ess, double energyRhat, double energyEss,
            double wallSeconds, double samplingSeconds, long nonFiniteProposals, long outOfBoundsProposals,
            long gradientEvaluations, long energyEvaluations, double stepSize) {
        this(acceptanceRate, rhat, ess, energyRhat, energyEss, wallSeconds, samplingSeconds, InvalidProposals.NONE,
                new InvalidProposals(nonFiniteProposals, 0, outOfBoundsProposals), gradientEvaluations,
                energyEvaluations, stepSize, Double.NaN, Double.NaN);
    }

    /** Proposals rejected for a NaN/∞ energy or gradient, warm-up and sampling together. */
    public long nonFiniteProposals() {
        return warmup.nonFinite() + sampling.nonFinite();
    }

    /** Proposals rejected for leaving the support box, warm-up and sampling together. */
    public long outOfBoundsProposals() {
        return warmup.outOfBounds() + sampling.outOfBounds();
    }

    /**
     * Divergent trajectories after warm-up (HMC): the signal that the chains could not explore part of the
     * target (e.g. a funnel's neck). Warm-up divergences ({@link #warmupDivergences()}) are expected while the
     * step size is still searched for and are not counted here.
     */
    public long divergences() {
        return sampling.divergent();
    }

    /** Divergent trajectories during warm-up. */
    public long warmupDivergences() {
        return warmup.divergent();
    }

    /** Mean acceptance rate over chains. */
    public double meanAcceptance() {
        return Arrays.stream(acceptanceRate).average().orElse(Double.NaN);
    }

    /**
     * The chains that accepted no proposal after warm-up (indices, as in a result's chain column): each stayed at one
     * point, its draws copies of it, which R̂ reads as a chain in a region of its own. Empty for populations, whose
     * acceptance is per population, and when every chain moved.
     */
    public int[] unmovedChains() {
        if (!Double.isNaN(settlingDrift)) {
            return new int[0];
        }
        return java.util.stream.IntStream.range(0, acceptanceRate.length).filter(i -> acceptanceRate[i] == 0).toArray();
    }

    /**
     * Largest R̂ over the sampled coordinates, not the energy ({@link #energyRhat()}); {@code NaN} if one is
     * undefined.
     */
    public double maxRhat() {
        return max(rhat);
    }

    /** Smallest bulk ESS over coordinates ({@code NaN} if any is undefined). */
    public double minEss() {
        double m = Double.POSITIVE_INFINITY;
        for (double v : ess) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            m = Math.min(m, v);
        }
        return m;
    }

    /** Smallest ESS per second of sampling. */
    public double essPerSecond() {
        return minEss() / samplingSeconds;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            m = Math.max(m, v);
        }
        return m;
    }

    /** The {@link #table()} (a record's own {@code toString} printed its arrays as {@code [D@a4b2d8f}). */
    @Override
    public String toString() {
        return table();
    }

    /**
     * A key/value table for reports and failure messages. Non-finite and out-of-box proposals and divergences are
     * counted after warm-up, with warm-up's in parentheses (a new user's HMC table read "non-finite proposals 7" on a Gaussian, all
     * 7 in warm-up while the step size was still searched for, beside "divergences 0 (warm-up 40)").
     */
    public String table() {
        String settling = Double.isNaN(settlingDrift) ? ""
                : String.format(java.util.Locale.ROOT, "settling drift |t|   %.2f%n", settlingDrift);
        String plateau = !(plateauNats > 0) ? ""
                : String.format(java.util.Locale.ROOT, "plateau (nats)       %.2f%n", plateauNats);
        return String.format(java.util.Locale.ROOT,
                "acceptance (mean)   %.3f%nmax R-hat            %.4f%nmin bulk ESS         %.1f%n"
                        + "energy R-hat         %.4f%nenergy ESS           %.1f%nESS/s                %.1f%n"
                        + "wall time (s)        %.2f%nsampling time (s)    %.2f%nnon-finite proposals %d (warm-up %d)%n"
                        + "divergences          %d (warm-up %d)%n"
                        + "out-of-box proposals %d (warm-up %d)%ngradient evaluations %d%nenergy evaluations   %d%nstep size            %.4g%n",
                meanAcceptance(), maxRhat(), minEss(), energyRhat, energyEss, essPerSecond(), wallSeconds,
                samplingSeconds, sampling.nonFinite(), warmup.nonFinite(), divergences(), warmupDivergences(), sampling.outOfBounds(),
                warmup.outOfBounds(),
                gradientEvaluations, energyEvaluations, stepSize) + settling + plateau;
    }
}
