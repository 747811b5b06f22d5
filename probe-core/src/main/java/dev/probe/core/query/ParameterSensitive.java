package dev.probe.core.query;

import dev.probe.core.autograd.Constant;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.model.Regressor;
import dev.probe.core.model.TensorFunction;
import dev.probe.core.model.WeightNoise;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Parameter-sensitive samples, whose predictions change when the trained weights {@code θ*} are
 * perturbed ("Generating Samples to Probe Trained Models" eq. 6 and the paragraph after it), as the Gibbs
 * energy {@code G/τ} ({@code τ = 1} by default). The integral over {@code q*(θ)} is the mean over
 * {@code K} fixed perturbed copies {@code θ_1..θ_K} (e.g. from {@link WeightNoise}):
 * <ul>
 *   <li>{@link #binary}: eq. 6 with {@code ℓ_G} the squared error and {@code y} the class-1 probability,
 *       <pre>  G(x) = (1/K) Σ_k (p_θk(x) − (1 − p_θ*(x)))²</pre>
 *       small where the perturbed models predict the opposite of the trained one; target distance
 *       {@code √G} (root-mean-square gap to the flipped prediction). It is also small on the trained model's
 *       decision boundary, whatever the noise: where {@code p_θ* ≈ 0.5} copies near 0.5 "predict the opposite"
 *       (a new user's identical, unperturbed copies attained 0.83 of the samples there, and more noise gave fewer:
 *       0.86 at sd 0.01, 0.51 at 0.2, 0 at 0.5). To ask where the copies' predictions move away from the trained
 *       model's, whatever it predicts, use {@link #multiClass} (two classes too: 0 with identical copies, 0.82 at
 *       sd 0.5 on the same kind of model);
 *   <li>{@link #multiClass} (post-softmax probabilities, {@code σ = 0.5} by default) and
 *       {@link #regression} (predictions, {@code σ} in the outputs' units):
 *       <pre>  G(x) = (1/K) Σ_k exp(−‖y_θk(x) − y_θ*(x)‖² / σ²)</pre>
 *       small where the perturbed predictions are far from the trained one; target distance
 *       {@code max(0, σ − (1/K) Σ_k ‖y_θk − y_θ*‖)}.
 * </ul>
 * The copies are built once, at construction, and evaluated together in every energy (differentiable in
 * the input; their parameters are frozen). Results record the outputs of the trained model first, then
 * of every copy (named {@code name~1..name~K}). Add a {@link Localiser} for {@code R_G}.
 *
 * <pre>{@code
 * Classifier net = Classifier.fromLogits(DjlBlockFunction.of(model, new Shape(4)));
 * Query q = ParameterSensitive.binary(net, Nets::mlp, WeightNoise.gaussian(0.05, 16, 7)).temperature(0.01);
 * ProbeResult r = Probe.of(InputSpace.box(lo, hi), q).sample(config);
 * }</pre>
 */
public final class ParameterSensitive implements Query {
    private enum Form { BINARY, MULTI_CLASS, REGRESSION }

    private final Form form;
    private final ModelUnderTest trained;
    private final List<ModelUnderTest> perturbed;
    private final double sigma;
    private final double tau;

    private ParameterSensitive(Form form, ModelUnderTest trained, List<? extends ModelUnderTest> perturbed, double sigma,
            double tau) {
        this.form = form;
        this.trained = Objects.requireNonNull(trained, "trained");
        this.perturbed = List.copyOf(perturbed);
        this.sigma = form == Form.BINARY ? Double.NaN : Checks.sigma(sigma, "the yardstick of the copies' difference "
                + "from the trained model (0.5 for class probabilities; in the outputs' units for regressors)");
        this.tau = Checks.temperature(tau);
        if (this.perturbed.isEmpty()) {
            throw new IllegalArgumentException("Parameter sensitivity of '" + trained.name() + "' needs at least one "
                    + "perturbed copy; the integral over q*(θ) is their mean.");
        }
        for (ModelUnderTest m : this.perturbed) {
            if (m.inputDimension() != trained.inputDimension() || m.outputDimension() != trained.outputDimension()) {
                throw new IllegalArgumentException("Perturbed copy '" + m.name() + "' (" + m.inputDimension() + " -> "
                        + m.outputDimension() + ") does not match trained model '" + trained.name() + "' ("
                        + trained.inputDimension() + " -> " + trained.outputDimension() + "). Perturb the same architecture.");
            }
        }
        if (form == Form.BINARY && trained.outputDimension() != 2) {
            throw new IllegalArgumentException("The binary form needs a 2-class classifier, but '" + trained.name() + "' has "
                    + trained.outputDimension() + " classes. Use ParameterSensitive.multiClass(...) instead.");
        }
    }

    /** Eq. 6 for a binary classifier, with {@code K} perturbed copies built from its DJL model. */
    public static ParameterSensitive binary(Classifier trained, Supplier<Block> architecture, WeightNoise noise) {
        return binary(trained, copies(trained, architecture, noise));
    }

    /** Eq. 6 for a binary classifier and given perturbed copies (e.g. weights drawn elsewhere). */
    public static ParameterSensitive binary(Classifier trained, List<Classifier> perturbed) {
        return new ParameterSensitive(Form.BINARY, trained, perturbed, Double.NaN, 1);
    }

    /** The exp form over class probabilities, {@code σ = 0.5}, with copies built from the DJL model. */
    public static ParameterSensitive multiClass(Classifier trained, Supplier<Block> architecture, WeightNoise noise) {
        return multiClass(trained, copies(trained, architecture, noise));
    }

    /** The exp form over class probabilities, {@code σ = 0.5}, with given perturbed copies. */
    public static ParameterSensitive multiClass(Classifier trained, List<Classifier> perturbed) {
        return new ParameterSensitive(Form.MULTI_CLASS, trained, perturbed, 0.5, 1);
    }

    /** The exp form over predictions with yardstick {@code σ}, with copies built from the DJL model. */
    public static ParameterSensitive regression(Regressor trained, Supplier<Block> architecture, WeightNoise noise,
            double sigma) {
        List<Regressor> copies = new ArrayList<>();
        for (DjlBlockFunction f : noise.perturb(djl(trained.name(), trained.function()), architecture)) {
            copies.add(Regressor.of(f));
        }
        return regression(trained, copies, sigma);
    }

    /** The exp form over predictions with yardstick {@code σ}, with given perturbed copies. */
    public static ParameterSensitive regression(Regressor trained, List<Regressor> perturbed, double sigma) {
        return new ParameterSensitive(Form.REGRESSION, trained, perturbed, sigma, 1);
    }

    private static List<Classifier> copies(Classifier trained, Supplier<Block> architecture, WeightNoise noise) {
        Function<TensorFunction, Classifier> wrap = trained.declaredOutput() == Classifier.Output.LOGITS
                ? Classifier::fromLogits : Classifier::fromProbabilities;
        List<Classifier> out = new ArrayList<>();
        for (DjlBlockFunction f : noise.perturb(djl(trained.name(), trained.function()), architecture)) {
            out.add(wrap.apply(f));
        }
        return out;
    }

    private static DjlBlockFunction djl(String name, TensorFunction f) {
        if (f instanceof DjlBlockFunction d) {
            return d;
        }
        throw new IllegalArgumentException("Weight noise perturbs DJL blocks, but '" + name + "' is " + f + ". Wrap the "
                + "model with DjlBlockFunction.of(model, shape), or build perturbed copies yourself and pass them as a list.");
    }

    /** The same query with another yardstick σ (exp forms only). */
    public ParameterSensitive withSigma(double s) {
        if (form == Form.BINARY) {
            throw new IllegalStateException("The binary form of eq. 6 has no σ; use multiClass(...) for the exp form.");
        }
        return new ParameterSensitive(form, trained, perturbed, s, tau);
    }

    /** The same query at temperature {@code τ}. */
    public ParameterSensitive temperature(double t) {
        return new ParameterSensitive(form, trained, perturbed, sigma, t);
    }

    @Override
    public NDArray energy(NDArray x) {
        NDArray reference = trained.output(x);
        NDArray total = null;
        if (form == Form.BINARY) {
            NDArray flipped = reference.get(":, 1").neg().add(Constant.of(reference, 1));
            for (ModelUnderTest m : perturbed) {
                NDArray term = m.output(x).get(":, 1").sub(flipped).square();
                total = total == null ? term : total.add(term);
            }
        } else {
            for (ModelUnderTest m : perturbed) {
                NDArray term = m.output(x).sub(reference).square().sum(new int[] {1}).div(Constant.of(reference, -sigma * sigma)).exp();
                total = total == null ? term : total.add(term);
            }
        }
        return total.div(Constant.of(total, perturbed.size() * tau));
    }

    @Override
    public boolean isDifferentiable() {
        return trained.isDifferentiable() && perturbed.stream().allMatch(ModelUnderTest::isDifferentiable);
    }

    @Override
    public int inputDimension() {
        return trained.inputDimension();
    }

    /** The trained model, then the perturbed copies. */
    @Override
    public List<ModelUnderTest> models() {
        List<ModelUnderTest> all = new ArrayList<>(perturbed.size() + 1);
        all.add(trained);
        all.addAll(perturbed);
        return all;
    }

    @Override
    public double targetDistance(double[][] outputs) {
        int k = perturbed.size();
        double sum = 0;
        for (int m = 1; m <= k; m++) {
            if (form == Form.BINARY) {
                double gap = outputs[m][1] - (1 - outputs[0][1]);
                sum += gap * gap;
            } else {
                double sq = 0;
                for (int j = 0; j < outputs[0].length; j++) {
                    double d = outputs[m][j] - outputs[0][j];
                    sq += d * d;
                }
                sum += Math.sqrt(sq);
            }
        }
        return form == Form.BINARY ? Math.sqrt(sum / k) : Math.max(0, sigma - sum / k);
    }

    /**
     * 1 for the binary form (a root-mean-square gap of probabilities), σ for the exp forms ({@code max(0, σ − …)}): a
     * tolerance this large lets every input attain (a new user's tolerance of 5 passed at attainment 1.0).
     */
    @Override
    public double largestTargetDistance() {
        return form == Form.BINARY ? 1 : sigma;
    }

    /** Number of perturbed copies {@code K}. */
    public int draws() {
        return perturbed.size();
    }

    @Override
    public String attainedWhen(double tolerance) {
        String of = " of " + perturbed.size() + " perturbed copies of '" + trained.name() + "'";
        return form == Form.BINARY
                ? "the root-mean-square gap p_k − (1 − p*)" + of + " ≤ " + Checks.number(tolerance) + " (the copies flip it)"
                : "the mean distance ‖" + (form == Form.REGRESSION ? "y" : "p") + "_k − " + (form == Form.REGRESSION ? "y" : "p")
                        + "*‖" + of + " ≥ " + Checks.less(sigma, "σ", tolerance)
                        + (form == Form.REGRESSION ? ", in the outputs' units" : "");
    }

    @Override
    public String describe() {
        String g = form == Form.BINARY ? "mean (p_k − (1 − p*))²" : "mean exp(−‖y_k − y*‖²/σ²), σ=" + sigma;
        return "ParameterSensitive[" + trained.name() + ", " + form.name().toLowerCase().replace('_', '-') + ", K="
                + perturbed.size() + ", " + g + ", τ=" + tau + "]";
    }

    /** What {@code describe()} says (a query or space printed in a log reads as in reports and messages). */
    @Override
    public String toString() {
        return describe();
    }
}
