package dev.probe.core.query;

import ai.djl.ndarray.NDArray;
import dev.probe.core.autograd.Constant;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.ModelUnderTest;
import java.util.List;
import java.util.Locale;

/**
 * A decision taken at a cut-off: class {@code y}'s probability reaches {@code c}. Energy
 * {@code G/τ = max(0, c − f_y(x)) / τ}, target distance {@code max(0, c − f_y(x))}. Past the cut-off the energy is 0,
 * so with a {@link Localiser} ({@link #counterfactual}) nothing pulls a sample further than the cut-off and the
 * localiser holds it at the boundary: the samples gather at the least change that reaches the decision. The hinge is
 * linear, not squared: a squared one has no slope at the boundary, so the localiser held most samples just short of it
 * (5 of 800 attained on a logistic regression, where the linear hinge's samples straddle it, most of them past). The paper's
 * fixed-label energy {@code ‖f(x) − e_y‖²} ({@link FixedLabel}) instead pulls {@code f_y} toward 1 whatever the
 * tolerance, so at a cut-off of 0.5 its closest attained sample lay at 1.8 times the least change (a risk analyst's
 * applicant: 2.13 against an exact 1.18 in the localiser's metric).
 *
 * <p>The least change {@code d} (in the localiser's metric) is where the energy is lowest only when
 * {@code λ·d^r < c − f_y(factual)}: crossing must cost the localiser less than the shortfall it removes (τ divides both
 * and cancels). Choose λ below {@code (c − f_y(factual)) / d^r} for the largest change you would accept (a change of 2
 * from p = 0.1 to c = 0.5 at r = 2: λ below 0.1; a user's λ = 0.05 attained nothing there, 0.01 found the least change
 * 2.0195 against a brute-force 2.01953). τ sets how tightly the samples hug the boundary: within about
 * {@code τ/(r·λ·d^(r−1))} of it.
 *
 * <pre>{@code
 * // the least change that raises the approval probability to the bank's cut-off of 0.5
 * Query recourse = DecisionCutoff.counterfactual(scorecard, 1, 0.5,
 *         Localiser.around(applicant).weights(inverseVariances).lambda(0.01).temperature(0.001));
 * }</pre>
 */
public final class DecisionCutoff implements Query {
    private final Classifier model;
    private final int label;
    private final double cutoff;
    private final double tau;

    private DecisionCutoff(Classifier model, int label, double cutoff, double tau) {
        this.model = model;
        this.label = label;
        this.cutoff = cutoff;
        this.tau = Checks.temperature(tau);
    }

    /**
     * Class {@code label}'s probability is at least {@code cutoff}.
     *
     * @param cutoff in (0, 1): the probability at which the decision is taken
     */
    public static DecisionCutoff of(Classifier classifier, int label, double cutoff) {
        classifier.checkClass(label, "Decision cut-off");
        if (!(cutoff > 0 && cutoff < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "A decision cut-off of class %d of '%s' must lie "
                    + "strictly between 0 and 1 (a probability at which the decision is taken), got %s.", label,
                    classifier.name(), cutoff));
        }
        return new DecisionCutoff(classifier, label, cutoff, 1);
    }

    /**
     * The least change of the localiser's anchor that takes the decision: class {@code label}'s probability at least
     * {@code cutoff}, at the localiser's temperature, held near the anchor by the localiser.
     */
    public static Query counterfactual(Classifier classifier, int label, double cutoff, Localiser localiser) {
        if (localiser.inputDimension() != classifier.inputDimension()) {
            throw new IllegalArgumentException("The factual (the localiser's anchor) has " + localiser.inputDimension()
                    + " features but classifier '" + classifier.name() + "' reads " + classifier.inputDimension()
                    + ": give the factual as one input row of the classifier, in its feature order.");
        }
        return of(classifier, label, cutoff).temperature(localiser.temperature()).plus(localiser);
    }

    /** The same query at temperature {@code τ}. */
    public DecisionCutoff temperature(double t) {
        return new DecisionCutoff(model, label, cutoff, t);
    }

    /** The cut-off {@code c}. */
    public double cutoff() {
        return cutoff;
    }

    @Override
    public NDArray energy(NDArray x) {
        NDArray p = model.output(x).get(":, " + label);
        // max(0, c − p) / τ with array constants (DJL closes a Number operand's scalar before the backward pass)
        NDArray shortfall = ai.djl.nn.Activation.relu(p.neg().add(Constant.of(p, cutoff)));
        return shortfall.div(Constant.of(p, tau));
    }

    @Override
    public boolean isDifferentiable() {
        return model.isDifferentiable();
    }

    @Override
    public int inputDimension() {
        return model.inputDimension();
    }

    @Override
    public List<ModelUnderTest> models() {
        return List.of(model);
    }

    @Override
    public double targetDistance(double[][] outputs) {
        return Math.max(0, cutoff - outputs[0][label]);
    }

    @Override
    public double largestTargetDistance() {
        return cutoff;
    }

    @Override
    public String attainedWhen(double tolerance) {
        return Checks.classAtLeast(label, model.name(), cutoff, "cut-off", tolerance);
    }

    @Override
    public String describe() {
        return "DecisionCutoff[" + model.name() + ", class " + label + " at p ≥ " + cutoff + ", τ=" + tau + "]";
    }

    /** What {@code describe()} says (a query or space printed in a log reads as in reports and messages). */
    @Override
    public String toString() {
        return describe();
    }
}
