package dev.probe.core.query;

import dev.probe.core.autograd.Constant;
import ai.djl.ndarray.NDArray;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.model.Regressor;
import java.util.List;

/**
 * Model-contrasting samples, where two models disagree ("Generating Samples to Probe Trained Models"
 * eq. 5 and the {@code exp} form below eq. 6), as the Gibbs energy {@code G/τ} ({@code τ = 1} default):
 * <pre>  G(x) = exp(−‖y_a(x) − y_b(x)‖² / σ²)</pre>
 * with {@code y} the class probabilities of two classifiers ({@code σ = 0.5} by default) or the
 * predictions of two regressors ({@code σ} in the outputs' units, required). {@code G} is bounded, so use
 * a bounded space. Target distance: classifiers {@code 1 − TV(f_a, f_b)} (total variation; 0 when they
 * are certain of different classes); regressors {@code max(0, σ − ‖y_a − y_b‖)}.
 *
 * <pre>{@code
 * Query where = ModelContrast.classifiers(linear, forest).temperature(0.05);
 * Query prices = ModelContrast.regressors(modelA, modelB, 10_000).temperature(0.1);
 * }</pre>
 */
public final class ModelContrast implements Query {
    private final ModelUnderTest a;
    private final ModelUnderTest b;
    private final double sigma;
    private final double tau;

    private ModelContrast(ModelUnderTest a, ModelUnderTest b, double sigma, double tau) {
        this.a = a;
        this.b = b;
        this.sigma = Checks.sigma(sigma, "the yardstick of the two models' difference (0.5 for class probabilities; "
                + "in the outputs' units for regressors)");
        this.tau = Checks.temperature(tau);
        if (a.inputDimension() != b.inputDimension() || a.outputDimension() != b.outputDimension()) {
            throw new IllegalArgumentException("Cannot contrast '" + a.name() + "' (" + a.inputDimension() + " -> "
                    + a.outputDimension() + ") with '" + b.name() + "' (" + b.inputDimension() + " -> " + b.outputDimension()
                    + "). Contrast models with the same inputs and outputs.");
        }
        if (a == b) {
            throw new IllegalArgumentException("Contrasting '" + a.name() + "' with itself finds nothing. Pass two different models.");
        }
    }

    /** Two classifiers, {@code σ = 0.5}. */
    public static ModelContrast classifiers(Classifier a, Classifier b) {
        return new ModelContrast(a, b, 0.5, 1);
    }

    /** Two regressors, with yardstick {@code σ}. */
    public static ModelContrast regressors(Regressor a, Regressor b, double sigma) {
        return new ModelContrast(a, b, sigma, 1);
    }

    public ModelContrast withSigma(double s) {
        return new ModelContrast(a, b, s, tau);
    }

    public ModelContrast temperature(double t) {
        return new ModelContrast(a, b, sigma, t);
    }

    @Override
    public NDArray energy(NDArray x) {
        NDArray gap = a.output(x).sub(b.output(x)).square().sum(new int[] {1});
        return gap.div(Constant.of(gap, -sigma * sigma)).exp().div(Constant.of(gap, tau));
    }

    @Override
    public boolean isDifferentiable() {
        return a.isDifferentiable() && b.isDifferentiable();
    }

    @Override
    public int inputDimension() {
        return a.inputDimension();
    }

    @Override
    public List<ModelUnderTest> models() {
        return List.of(a, b);
    }

    @Override
    public double targetDistance(double[][] outputs) {
        double l1 = 0;
        double l2 = 0;
        for (int k = 0; k < outputs[0].length; k++) {
            double d = outputs[0][k] - outputs[1][k];
            l1 += Math.abs(d);
            l2 += d * d;
        }
        return a instanceof Classifier ? 1 - l1 / 2 : Math.max(0, sigma - Math.sqrt(l2));
    }

    @Override
    public double largestTargetDistance() {
        return a instanceof Classifier ? 1 : sigma;
    }

    @Override
    public String attainedWhen(double tolerance) {
        return a instanceof Classifier
                ? "the total-variation distance ½‖p_a − p_b‖₁ of '" + a.name() + "' and '" + b.name() + "' ≥ "
                        + Checks.less(1, "", tolerance)
                : "‖y_a − y_b‖ of '" + a.name() + "' and '" + b.name() + "' ≥ " + Checks.less(sigma, "σ", tolerance)
                        + ", in the outputs' units" + (a.outputDimension() > 1 ? " (every output together)" : "");
    }

    @Override
    public String describe() {
        return "ModelContrast[" + a.name() + " vs " + b.name() + ", σ=" + sigma + ", τ=" + tau + "]";
    }

    /** What {@code describe()} says (a query or space printed in a log reads as in reports and messages). */
    @Override
    public String toString() {
        return describe();
    }
}
