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
 */
public record TemperedTarget(Energy prior, Energy question, Box bounds) {

    public TemperedTarget {
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(bounds, "bounds");
        if (prior.dimension() != question.dimension() || bounds.dimension() != prior.dimension()) {
            throw new IllegalArgumentException("Prior (" + prior.dimension() + "), question (" + question.dimension()
                    + ") and bounds (" + bounds.dimension() + ") must have the same number of coordinates");
        }
    }

    public static TemperedTarget of(Energy prior, Energy question, Box bounds) {
        return new TemperedTarget(prior, question, bounds);
    }

    public int dimension() {
        return prior.dimension();
    }

    /** Whether both energies give gradients (needed by MALA and HMC moves). */
    public boolean isDifferentiable() {
        return prior.isDifferentiable() && question.isDifferentiable();
    }
}
