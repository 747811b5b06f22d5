package dev.probe.core.population;

/**
 * How a population run ended (README, "Population sampling"; the thresholds are suggested defaults, not from the literature).
 *
 * <ul>
 *   <li>{@link #OK}: every population reached β = 1 and they agree.</li>
 *   <li>{@link #STALLED}: a population needed more than {@code maxStages} stages, or its temperature stopped
 *       rising for 5 stages while its moves were rejected (the question is too sharp to temper at this size).</li>
 *   <li>{@link #DEGENERATE}: the weights were all zero or non-finite, fewer than max(20, 0.05·N) distinct
 *       ancestors survived a stage, or in the last stage fewer than half the particles moved or the mean
 *       acceptance fell below 0.05.</li>
 *   <li>{@link #UNRELIABLE}: the populations disagree: R̂ across them (coordinates and energy) above
 *       {@link SmcConfig#maxRhat()} (1.01 by default: stricter than the 1.05 a verdict's
 *       {@link dev.probe.core.result.Evidence#DEFAULT} needs, so a run can be UNRELIABLE and still meet the evidence),
 *       or two log Z estimates further apart than {@code 5·√(2T(1−α)/(αN))}; {@link PopulationRun#table()} says which,
 *       with the numbers.</li>
 *   <li>{@link #UNSETTLED}: the particles kept drifting after they reached the target: their energies moved, under
 *       moves that leave the target invariant, further than chance allows from where the last resampling put them
 *       ({@link dev.probe.core.diagnostics.Diagnostics#settlingDrift()} above
 *       {@link PopulationRun#MAX_SETTLING_DRIFT}). The populations had not settled into the target (earlier stages'
 *       moves could not follow it, as in the neck of Neal's funnel), so their draws and log Z are biased even when
 *       they agree with each other. Also when the stages charged more than {@link PopulationRun#MAX_PLATEAU_NATS}
 *       to a plateau of the question's energy that every particle crossed before any saw the set (a rare set behind a
 *       saturated model): a larger prior pool gives starting draws beside the set
 *       ({@link PopulationRun#poolToSeeTheSet}), more particles do not.
 *       {@link PopulationRun#table()} says which cause, and what helps.</li>
 * </ul>
 *
 * <pre>{@code
 * if (run.status() != PopulationStatus.OK) System.out.println(run.table());
 * }</pre>
 */
public enum PopulationStatus {
    OK,
    UNRELIABLE,
    UNSETTLED,
    STALLED,
    DEGENERATE;

    /** The worse of the two (OK &lt; UNRELIABLE &lt; UNSETTLED &lt; STALLED &lt; DEGENERATE). */
    public PopulationStatus worst(PopulationStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
