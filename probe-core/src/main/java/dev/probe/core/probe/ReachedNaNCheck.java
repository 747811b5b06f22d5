package dev.probe.core.probe;

import ai.djl.ndarray.NDArray;
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
 * outside the space's bounds (a trajectory's excursion) are not judged: the sampler rejects them anyway.
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
            NDArray g = query.energy(space.toInput(s));
            boolean any;
            try (NDArray nan = g.isNaN(); NDArray some = nan.any()) {
                any = some.getBoolean();
            }
            if (any) {
                refuse(box, s, g);
            }
            return g;
        };
    }

    private static void refuse(Box box, NDArray s, NDArray g) {
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
            if (box.containsRow(x, i)) {
                inside |= Double.isNaN(v[i]);
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
        } catch (Reached r) {
            PriorDrawCheck.noNaN(space, query.models(), query.describe(), r.rows, r.energies,
                    "points of one batch the sampler evaluated (starting draws or proposals)");
            throw new IllegalStateException("The question's energy was NaN at a point the sampler reached inside "
                    + space.describe() + ".", r); // not reached: noNaN throws for a NaN it is given
        }
    }

    /** The batch in which a sampler reached a NaN inside the space: its points there and their energies. */
    static final class Reached extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient double[][] rows;
        private final transient double[] energies;

        private static int firstNaN(double[] energies) {
            for (int i = 0; i < energies.length; i++) {
                if (Double.isNaN(energies[i])) {
                    return i;
                }
            }
            return 0;
        }

        Reached(double[][] rows, double[] energies) {
            super("The question's energy is NaN at a point a sampler reached inside the space ("
                    + java.util.Arrays.toString(rows[firstNaN(energies)]) + "): a model is undefined there, and Probe "
                    + "refuses to sample around it (the answer would hold for the rest of the space only).", null, false,
                    false);
            this.rows = rows;
            this.energies = energies;
        }
    }
}
