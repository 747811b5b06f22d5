package dev.probe.core.query;

import ai.djl.ndarray.NDArray;
import dev.probe.core.model.ModelUnderTest;
import java.util.List;

/**
 * A question asked of trained models, as an energy over model inputs: samples follow
 * {@code π(x) ∝ p(x)·exp(−energy(x))}. BAYES-PROBE's relaxed level-set likelihoods
 * ({@code u|x ~ N(q(f(x)), σ²)}, energy {@code |q(f(x)) − u*|²/2σ²}) and the probing functions
 * {@code G/τ} of "Generating Samples to Probe Trained Models" are both such energies, so one engine
 * serves both. Queries add: {@code a.plus(b)} asks both questions at once.
 *
 * <p>Contract: {@link #energy} maps {@code [C, d]} to {@code [C]} (a column {@code [C, 1]} is taken as {@code [C]};
 * any other shape is refused, naming the query) in {@code x}'s manager, keeps rows independent and is differentiable
 * through DJL autograd when {@link #isDifferentiable()}; it never opens a gradient collector itself. It is +∞ where
 * the question excludes an input: such an input has no weight and never attains, so an energy that is +∞ everywhere
 * the draws go gives a result in which nothing attains (its {@code summary()} says so). {@link #targetDistance} says
 * how far one sample's outputs are from what the query asks (0 = attained), in the units of the outputs.
 *
 * <pre>{@code
 * Query q = HighConfidence.of(classifier, 7).plus(Localiser.around(anchor).lambda(0.5));
 * ProbeResult r = Probe.of(space, q).sample(config);
 * }</pre>
 */
public interface Query {

    /**
     * The energy of every row of the {@code [C, d]} input batch {@code x}, as a {@code [C]} tensor (or a {@code [C, 1]}
     * column, taken as {@code [C]}).
     */
    NDArray energy(NDArray x);

    /** Whether {@link #energy} is differentiable (all its models are). */
    boolean isDifferentiable();

    /**
     * A lower bound of {@link #energy}: 0 unless overridden, as every built-in energy is a squared distance or a
     * positive sum. Population sampling tempers toward the query in stages that lower log Z by at most
     * {@code ln 10} from it, which keeps a rare level set's mass from being skipped; an energy seen below it lowers
     * it for the run, and one far above it everywhere only costs stages (about {@code min energy / ln 10}). Return
     * {@code Double.NEGATIVE_INFINITY} when no bound is known.
     */
    default double energyFloor() {
        return 0;
    }

    /** Features of one input row the query's models take. */
    int inputDimension();

    /** The models whose outputs {@link #targetDistance} reads, in order. */
    List<ModelUnderTest> models();

    /**
     * Distance of one sample from the query's target: {@code outputs[m]} is the output row of
     * {@code models().get(m)} at that sample. 0 means exactly attained.
     */
    double targetDistance(double[][] outputs);

    /**
     * The largest {@link #targetDistance} any outputs can have (e.g. 1 for a high-confidence query, 0.5 for an
     * ambivalent pair of a two-class model), or infinity when unbounded: a tolerance at least this large lets every
     * sample attain the target, so judging at it says nothing ({@code ProbeAnswer.of} refuses it).
     */
    default double largestTargetDistance() {
        return Double.POSITIVE_INFINITY;
    }

    /** A one-line description with the parameters, for results. */
    String describe();

    /**
     * What a sample attaining the target at {@code tolerance} means, in the outputs' terms and units, for results and
     * failure messages (a regressor contrast at σ = 10 and tolerance 5 says {@code ‖y_a − y_b‖ ≥ 5 (σ 10 − tolerance
     * 5), in the outputs' units}); by default that its {@link #targetDistance} is at most {@code tolerance}.
     */
    default String attainedWhen(double tolerance) {
        return "target distance ≤ " + Checks.number(tolerance);
    }

    /** This question and {@code other} at once: energies add, distances take the maximum. */
    default Query plus(Query other) {
        return QuerySum.of(this, other);
    }
}
