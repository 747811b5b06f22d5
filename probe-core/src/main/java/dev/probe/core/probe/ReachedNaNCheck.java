package dev.probe.core.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.DataType;
import dev.probe.core.query.Query;
import dev.probe.core.sampler.Box;
import dev.probe.core.space.SampleSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The question's energy, refused where it is NaN at a point a sampler reached inside the space (package plumbing).
 * {@link PriorDrawCheck} sees a model that is undefined where the prior puts mass; a region that prior draws miss but
 * the question leads to (a model NaN on part of its confident inputs) is reached only while sampling, where a
 * non-finite energy used to be a rejected proposal: the answer then held for the model restricted to where it is
 * finite, without a word (a new user's classifier, NaN on 14% of its class-2 level set, passed its probe). Points
 * outside the space's bounds (a trajectory's excursion) or beyond all prior mass ({@link #FAR_PRIOR_ENERGY}: a
 * diverged trajectory) are not judged: the sampler rejects them anyway.
 */
final class ReachedNaNCheck {
    private ReachedNaNCheck() {}

    /**
     * {@code s -> query.energy(space.toInput(s))}, throwing {@link Reached} with the batch's points inside the space
     * when one of them has a NaN energy ({@link #diagnosed} turns it into the error naming the model and output).
     */
    static Function<NDArray, NDArray> question(SampleSpace space, Query query) {
        Box box = space.bounds();
        return s -> {
            NDArray g = energyOf(query, space.toInput(s), s.getShape().get(0));
            boolean any;
            // NaN and −∞ alike: g > −∞ is false for both (an energy of −∞, infinite density, was rejected as +∞ is)
            try (NDArray defined = g.gt(Double.NEGATIVE_INFINITY); NDArray all = defined.all()) {
                any = !all.getBoolean();
            }
            if (any) {
                double[] prior;
                try (NDArray sd = s.stopGradient(); NDArray p = space.priorEnergy(sd);
                        NDArray pf = p.toType(DataType.FLOAT64, false)) {
                    prior = pf.toDoubleArray();
                }
                refuse(box, s, g, prior);
            }
            return g;
        };
    }

    /**
     * A prior energy beyond which a point is no part of the answer, whatever the model does there: a prior density of
     * e^−1,000,000 relative to the prior's mode. An HMC trajectory that diverged to |x| = 2·10¹⁸ under a standard-normal
     * prior made a new user's model overflow to NaN, and the probe was refused as if the model were undefined where the
     * answer lies; such a point is a rejected proposal (counted with the non-finite ones), as outside the bounds.
     */
    static final double FAR_PRIOR_ENERGY = 1e6;

    /**
     * {@code query.energy(x)} for {@code rows} inputs, checked to hold one value per row: a custom query's [C, 2] or
     * scalar energy crashed deep inside DJL or in the start selection, and a [C, 1] one was named by the shape it had
     * after the prior's energy was added to it ([C, C]). A [C, 1] energy is taken as [C].
     */
    static NDArray energyOf(Query query, NDArray x, long rows) {
        NDArray g;
        try {
            g = query.energy(x);
        } catch (ai.djl.engine.EngineException e) {
            // the engine's own error in a custom query's tensor code came 93 frames deep from native code, naming
            // neither the query nor where to look (a new user's class index 7 of a 3-class model); the models' own
            // failures are named by their adapters before they get here
            throw new IllegalArgumentException("The query " + query.describe() + " (" + query.getClass().getName()
                    + ") failed in its energy on inputs of shape " + x.getShape() + ": " + String.valueOf(e.getMessage())
                    .lines().findFirst().orElse("") + ". The cause below is the engine's error inside the query's own tensor "
                    + "code: check its indices (a class index within the model's outputs) and the shapes it combines.", e);
        }
        Shape shape = g.getShape();
        if (shape.dimension() == 1 && shape.get(0) == rows) {
            return g;
        }
        if (shape.dimension() == 2 && shape.get(0) == rows && shape.get(1) == 1) {
            return g.reshape(rows);
        }
        throw new IllegalArgumentException("The query " + query.describe() + " (" + query.getClass().getName() + ") returned "
                + "an energy of shape " + shape + " for " + rows + " inputs " + x.getShape() + "; Query.energy must return one "
                + "value per input row, shape (" + rows + ")"
                + (shape.dimension() == 2 && shape.get(0) == rows ? ": sum over the outputs, e.g. p.sum(new int[] {1})" : "")
                + (shape.dimension() == 0 || shape.size() == 1 ? ": do not sum over the batch (rows are independent inputs)" : "")
                + ".");
    }

    private static void refuse(Box box, NDArray s, NDArray g, double[] prior) {
        int d = box.dimension();
        float[] x;
        double[] v;
        try (NDArray sd = s.stopGradient(); NDArray sf = sd.toType(DataType.FLOAT32, false);
                NDArray gd = g.stopGradient(); NDArray gf = gd.toType(DataType.FLOAT64, false)) {
            x = sf.toFloatArray();
            v = gf.toDoubleArray();
        }
        List<double[]> rows = new ArrayList<>();
        List<Double> energies = new ArrayList<>();
        boolean inside = false;
        for (int i = 0; i < v.length; i++) {
            if (box.containsRow(x, i) && !(prior[i] > FAR_PRIOR_ENERGY)) {
                inside |= !(v[i] > Double.NEGATIVE_INFINITY);
                double[] row = new double[d];
                for (int k = 0; k < d; k++) {
                    row[k] = x[i * d + k];
                }
                rows.add(row);
                energies.add(v[i]);
            }
        }
        if (inside) {
            throw new Reached(rows.toArray(new double[0][]),
                    energies.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /**
     * Runs {@code sampling} and, if it reached a NaN inside the space, throws the error naming the model, the output
     * and the point: the diagnosis evaluates the models on the checked Java path, which must happen outside the
     * sampler's gradient evaluation, so the energy only records the batch ({@link Reached}) and this reports it.
     */
    static <T> T diagnosed(SampleSpace space, Query query, java.util.function.Supplier<T> sampling) {
        try {
            return sampling.get();
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).startsWith(dev.probe.core.autograd.Autograd.NOT_CONNECTED)) {
                // the engine's message named no query (a new user's two broken custom energies, one in a sum of two,
                // read the same): say whose energy it was
                throw new IllegalArgumentException("The energy of " + query.describe() + " (Query.energy) over "
                        + space.describe() + " has no gradient. " + e.getMessage() + " Or declare the query not "
                        + "differentiable (isDifferentiable() false), so that it is sampled without gradients.", e);
            }
            throw e;
        } catch (Reached r) {
            PriorDrawCheck.noNaN(space, query.models(), query.describe(), r.rows, r.energies,
                    "points of one batch the sampler evaluated (starting draws or proposals)");
            throw new IllegalStateException("The question's energy was NaN or −∞ at a point the sampler reached inside "
                    + space.describe() + ".", r); // not reached: noNaN throws for a NaN or −∞ it is given
        }
    }

    /** The batch in which a sampler reached a NaN inside the space: its points there and their energies. */
    static final class Reached extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient double[][] rows;
        private final transient double[] energies;

        private static int firstNaN(double[] energies) {
            for (int i = 0; i < energies.length; i++) {
                if (!(energies[i] > Double.NEGATIVE_INFINITY)) {
                    return i;
                }
            }
            return 0;
        }

        Reached(double[][] rows, double[] energies) {
            super("The question's energy is " + energies[firstNaN(energies)] + " at a point a sampler reached inside the "
                    + "space ("
                    + PriorDrawCheck.values(rows[firstNaN(energies)]) + "): a model is undefined there, and Probe "
                    + "refuses to sample around it (the answer would hold for the rest of the space only).", null, false,
                    false);
            this.rows = rows;
            this.energies = energies;
        }
    }
}
