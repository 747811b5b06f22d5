package dev.probe.core.probe;

import ai.djl.ndarray.NDArray;
import dev.probe.core.autograd.Constant;
import dev.probe.core.autograd.RowChunking;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.query.Query;
import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.EnergyGradient;
import dev.probe.core.space.SampleSpace;
import java.util.List;
import java.util.function.Function;

/**
 * The composed energy {@code U(s) = priorEnergy(s) + query.energy(g(s))} over a space's coordinates.
 * Differentiable pipelines go through {@link Energies#differentiable}, i.e. one autograd evaluation of
 * the whole composition per call (never nested).
 */
final class ProbeEnergy {
    private ProbeEnergy() {}

    static Energy of(SampleSpace space, Query query) {
        return of(space, query, 1.0);
    }

    /**
     * {@code priorEnergy(s) + β·query.energy(g(s))}: annealed warm-up tempers the question, never the
     * prior, so chains keep to the generator's realistic region while they search for the level set.
     */
    private static Energy of(SampleSpace space, Query query, double beta) {
        Function<NDArray, NDArray> question = ReachedNaNCheck.question(space, query);
        Function<NDArray, NDArray> u = beta == 1
                ? s -> space.priorEnergy(s).add(question.apply(s))
                : s -> space.priorEnergy(s).add(question.apply(s).mul(Constant.of(s, beta)));
        RowChunking chunking = RowChunking.configured(pipeline(space, query));
        Energy base;
        if (space.isDifferentiable() && query.isDifferentiable()) {
            base = Energies.differentiable(space.dimension(), u, chunking);
        } else {
            base = valueOnly(space.dimension(), u, chunking);
        }
        Energy bounded = Energies.restrictedTo(base, space.bounds());
        return new Energy() {
            @Override
            public int dimension() {
                return bounded.dimension();
            }

            @Override
            public NDArray value(NDArray s) {
                return bounded.value(s);
            }

            @Override
            public EnergyGradient valueAndGradient(NDArray s) {
                return bounded.valueAndGradient(s);
            }

            @Override
            public boolean isDifferentiable() {
                return bounded.isDifferentiable();
            }

            @Override
            public Box bounds() {
                return bounded.bounds();
            }

            @Override
            public Energy tempered(double b) {
                return b == 1 ? this : of(space, query, beta * b);
            }
        };
    }

    /**
     * The key under which the chunk-size timings of this space's generator and the query's models are shared
     * (every query on the same models has about the same cost per row).
     */
    static String pipeline(SampleSpace space, Query query) {
        return pipeline(space, query.models());
    }

    /** As {@link #pipeline(SampleSpace, Query)}, for a list of models. */
    static String pipeline(SampleSpace space, List<? extends ModelUnderTest> models) {
        StringBuilder key = new StringBuilder(space.describe()).append(" ->");
        for (ModelUnderTest m : models) {
            key.append(' ').append(m.name());
        }
        return key.toString();
    }

    private static Energy valueOnly(int d, Function<NDArray, NDArray> u, RowChunking chunking) {
        return new Energy() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public NDArray value(NDArray s) {
                return chunking.forward(s, u);
            }
        };
    }
}
