package dev.probe.core.population;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.EnergyGradient;

/**
 * {@code U_β = P + β·G} with one {@code β} per row (rows of several populations move in one batch), evaluated
 * in chunks of rows. It remembers the components {@code P}, {@code G} and {@code ∇G} of its last evaluation:
 * MALA and HMC evaluate their proposal last, so after a step the caller takes the accepted rows' components
 * from here and rebuilds {@code U_β'} and {@code ∇U_β'} for the next temperature without running the network
 * (package plumbing).
 */
final class TemperedEnergy implements Energy {
    private final TemperedTarget target;
    private final double[] beta;
    private final int chunk;
    private double[] lastPrior;
    private double[] lastQuestion;
    private float[] lastQuestionGradient;
    private float[] lastGradient;

    TemperedEnergy(TemperedTarget target, double[] beta, int chunk) {
        this.target = target;
        this.beta = beta.clone();
        this.chunk = chunk;
    }

    @Override
    public int dimension() {
        return target.dimension();
    }

    @Override
    public Box bounds() {
        return target.bounds();
    }

    @Override
    public boolean isDifferentiable() {
        return target.isDifferentiable();
    }

    @Override
    public NDArray value(NDArray x) {
        int rows = (int) x.getShape().get(0);
        NDList prior = new NDList();
        NDList question = new NDList();
        for (int from = 0; from < rows; from += chunk) {
            NDArray part = x.get(new NDIndex("{}:{}", from, Math.min(rows, from + chunk)));
            prior.add(target.prior().value(part));
            question.add(target.question().value(part));
        }
        NDArray p = concat(prior);
        NDArray g = concat(question);
        // gradient-free kernels (MH) read the components of their proposals from here too; no gradients
        lastPrior = p.toType(DataType.FLOAT64, false).toDoubleArray();
        lastQuestion = g.toType(DataType.FLOAT64, false).toDoubleArray();
        int d = target.dimension();
        lastQuestionGradient = new float[rows * d];
        lastGradient = new float[rows * d];
        return p.add(g.mul(betas(x, rows).reshape(rows)));
    }

    @Override
    public EnergyGradient valueAndGradient(NDArray x) {
        int rows = (int) x.getShape().get(0);
        NDList pv = new NDList();
        NDList pg = new NDList();
        NDList gv = new NDList();
        NDList gg = new NDList();
        for (int from = 0; from < rows; from += chunk) {
            NDArray part = x.get(new NDIndex("{}:{}", from, Math.min(rows, from + chunk)));
            EnergyGradient p = target.prior().valueAndGradient(part);
            EnergyGradient g = target.question().valueAndGradient(part);
            pv.add(p.value());
            pg.add(p.gradient());
            gv.add(g.value());
            gg.add(g.gradient());
        }
        NDArray p = concat(pv);
        NDArray g = concat(gv);
        NDArray gradP = concat(pg);
        NDArray gradG = concat(gg);
        lastPrior = p.toType(DataType.FLOAT64, false).toDoubleArray();
        lastQuestion = g.toType(DataType.FLOAT64, false).toDoubleArray();
        lastQuestionGradient = gradG.toType(DataType.FLOAT32, false).toFloatArray();
        NDArray b = betas(x, rows);
        NDArray gradient = gradP.add(gradG.mul(b));
        lastGradient = gradient.toType(DataType.FLOAT32, false).toFloatArray();
        return new EnergyGradient(p.add(g.mul(b.reshape(rows))), gradient);
    }

    private static NDArray concat(NDList parts) {
        return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 0);
    }

    /** {@code β} per row as a {@code [rows, 1]} tensor in {@code x}'s manager and dtype. */
    private NDArray betas(NDArray x, int rows) {
        if (rows != beta.length) {
            throw new IllegalStateException("Tempered energy for " + beta.length + " rows evaluated on " + rows);
        }
        float[] f = new float[rows];
        for (int i = 0; i < rows; i++) {
            f[i] = (float) beta[i];
        }
        return x.getManager().create(f, new Shape(rows, 1)).toType(x.getDataType(), false);
    }

    /** {@code P} of the last evaluation, per row. */
    double[] lastPrior() {
        return lastPrior;
    }

    /** {@code G} of the last evaluation, per row. */
    double[] lastQuestion() {
        return lastQuestion;
    }

    /** {@code ∇U_β} of the last gradient evaluation (zeros after a value-only one), row-major {@code rows × d}. */
    float[] lastGradient() {
        return lastGradient;
    }

    /** {@code ∇G} of the last gradient evaluation (zeros after a value-only one), row-major {@code rows × d}. */
    float[] lastQuestionGradient() {
        return lastQuestionGradient;
    }
}
