package dev.probe.core.population;

import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.Energy;
import java.util.Objects;

/**
 * The path of distributions population sampling follows: {@code π_β(x) ∝ exp(−P(x) − β·G(x))} on a box, from
 * the prior ({@code β = 0}) to the question's target ({@code β = 1}). {@code P} is the prior energy (its draws
 * start the populations), {@code G} the question's energy. Both are differentiable for MALA/HMC moves.
 *
 * <pre>{@code
 * TemperedTarget t = TemperedTarget.of(Energies.differentiable(d, z -> z.square().sum(new int[] {1}).div(2)),
 *         Energies.differentiable(d, z -> query.energy(decoder.apply(z))), Box.unbounded(d));
 * }</pre>
 *
 * @param prior {@code P}, whose normalised density the starting draws follow
 * @param question {@code G}; {@code E_prior[exp(−G)]} is the normalising constant the run estimates
 * @param bounds the support (proposals outside are rejected)
 * @param questionFloor a lower bound of {@code G}, or {@code Double.NEGATIVE_INFINITY} (unless set: no cap); tempering
 *     caps each stage's drop of log Z counted from it ({@link SmcConfig#maxStageDrop}). Declare it when the question
 *     may reach values far below those of the prior's bulk (a rare level set: probes declare 0, as every built-in
 *     question is a squared distance or a positive sum). A {@code G} seen below it lowers it for the run; a floor far
 *     below the question's least value only adds stages (about {@code (min G − floor)/maxStageDrop})
 */
public record TemperedTarget(Energy prior, Energy question, Box bounds, double questionFloor) {

    /** The target without a declared floor (each stage follows the ESS rule alone). */
    public TemperedTarget(Energy prior, Energy question, Box bounds) {
        this(prior, question, bounds, Double.NEGATIVE_INFINITY);
    }

    public TemperedTarget {
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(bounds, "bounds");
        if (prior.dimension() != question.dimension() || bounds.dimension() != prior.dimension()) {
            throw new IllegalArgumentException("Prior (" + prior.dimension() + "), question (" + question.dimension()
                    + ") and bounds (" + bounds.dimension() + ") must have the same number of coordinates");
        }
        if (Double.isNaN(questionFloor) || questionFloor == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("The question's floor must be a number or −∞ (no floor), got "
                    + questionFloor);
        }
    }

    public static TemperedTarget of(Energy prior, Energy question, Box bounds) {
        return new TemperedTarget(prior, question, bounds);
    }

    /**
     * This target with {@code G ≥ floor} declared, e.g. 0 for a squared distance, so that no stage lowers log Z by
     * more than {@link SmcConfig#maxStageDrop} from it: the rule that keeps a rare region's mass from being skipped.
     */
    public TemperedTarget withQuestionFloor(double floor) {
        return new TemperedTarget(prior, question, bounds, floor);
    }

    public int dimension() {
        return prior.dimension();
    }

    /** Whether both energies give gradients (needed by MALA and HMC moves). */
    public boolean isDifferentiable() {
        return prior.isDifferentiable() && question.isDifferentiable();
    }
}
