package dev.probe.core.query;

import dev.probe.core.autograd.Constant;
import ai.djl.ndarray.NDArray;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.model.Regressor;
import java.util.List;

/**
 * Fixed-label samples ("Generating Samples to Probe Trained Models" eq. 7): {@code G(x) = ℓ_G(y(x), y')}
 * with the squared error as {@code ℓ_G}, as the Gibbs energy {@code G/τ} ({@code τ = 1} by default):
 * <ul>
 *   <li>classifier, label {@code y'}: {@code G = ‖f(x) − e_y'‖²}; target distance {@code 1 − f_y'(x)};
 *   <li>regressor, value {@code y'}: {@code G = ‖y(x) − y'‖²}; target distance {@code ‖y(x) − y'‖∞}.
 * </ul>
 * With a {@link Localiser} at an anchor {@code x_a} this is a factual ({@code y'} = the anchor's label)
 * or a counterfactual ({@code y' ≠} the anchor's label): {@link #counterfactual}.
 *
 * <pre>{@code
 * Query cf = FixedLabel.counterfactual(credit, 1, Localiser.around(applicant).lambda(0.05).temperature(0.01));
 * Query price = FixedLabel.of(regressor, 250_000).temperature(0.5);
 * }</pre>
 */
public final class FixedLabel implements Query {
    private final ModelUnderTest model;
    private final double[] target;
    private final int label;
    private final double tau;

    private FixedLabel(ModelUnderTest model, double[] target, int label, double tau) {
        this.model = model;
        this.target = target;
        this.label = label;
        this.tau = Checks.temperature(tau);
    }

    /** The classifier predicts {@code label}. */
    public static FixedLabel of(Classifier classifier, int label) {
        classifier.checkClass(label, "Fixed-label");
        double[] t = new double[classifier.classes()];
        t[label] = 1;
        return new FixedLabel(classifier, t, label, 1);
    }

    /** The regressor predicts {@code value} (every output). */
    public static FixedLabel of(Regressor regressor, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("The fixed value of regressor '" + regressor.name() + "' must be finite, got "
                    + value + ": its energy ‖y(x) − y'‖² would be finite nowhere.");
        }
        double[] t = new double[regressor.outputDimension()];
        java.util.Arrays.fill(t, value);
        return new FixedLabel(regressor, t, -1, 1);
    }

    /**
     * Counterfactual (or factual) at the localiser's anchor: label {@code label} at the localiser's temperature. An
     * anchor the classifier already predicts as {@code label} makes it a factual: samples near the anchor that keep
     * its label, where nothing flips (the extension's {@code @ProbeCounterfactual} refuses such a factual). Over an
     * {@code InputSpace}, {@code Probe.of} refuses an anchor that contradicts a feature the space fixes or a one-hot
     * group.
     */
    public static Query counterfactual(Classifier classifier, int label, Localiser localiser) {
        if (localiser.inputDimension() != classifier.inputDimension()) {
            throw new IllegalArgumentException("The factual (the localiser's anchor) has " + localiser.inputDimension()
                    + " features but classifier '" + classifier.name() + "' reads " + classifier.inputDimension()
                    + ": give the factual as one input row of the classifier, in its feature order.");
        }
        return of(classifier, label).temperature(localiser.temperature()).plus(localiser);
    }

    /** The same query at temperature {@code τ}. */
    public FixedLabel temperature(double t) {
        return new FixedLabel(model, target, label, t);
    }

    @Override
    public NDArray energy(NDArray x) {
        NDArray t = x.getManager().create(target).toType(x.getDataType(), false);
        return model.output(x).sub(t).square().sum(new int[] {1}).div(Constant.of(x, tau));
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
        return label >= 0 ? 1 - outputs[0][label] : Checks.infinityDistance(outputs[0], target);
    }

    @Override
    public double largestTargetDistance() {
        return label >= 0 ? 1 : Double.POSITIVE_INFINITY;
    }

    @Override
    public String attainedWhen(double tolerance) {
        return label >= 0 ? Checks.classAtLeast(label, model.name(), 1, "", tolerance)
                : "every output of '" + model.name() + "' within " + Checks.number(tolerance) + " of its target value";
    }

    @Override
    public String describe() {
        return "FixedLabel[" + model.name() + ", " + (label >= 0 ? "class " + label : "value " + target[0]) + ", τ=" + tau + "]";
    }

    /** What {@code describe()} says (a query or space printed in a log reads as in reports and messages). */
    @Override
    public String toString() {
        return describe();
    }
}
