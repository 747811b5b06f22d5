package dev.probe.core.probe;

import ai.djl.ndarray.NDArray;
import dev.probe.core.query.Query;
import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.Energy;
import dev.probe.core.space.SampleSpace;
import java.util.function.Function;

/**
 * The composed energy {@code U(s) = priorEnergy(s) + query.energy(g(s))} over a space's coordinates.
 * Differentiable pipelines go through {@link Energies#differentiable}, i.e. one autograd evaluation of
 * the whole composition per call (never nested).
 */
final class ProbeEnergy {
    private ProbeEnergy() {}

    static Energy of(SampleSpace space, Query query) {
        Function<NDArray, NDArray> u = s -> space.priorEnergy(s).add(query.energy(space.toInput(s)));
        if (space.isDifferentiable() && query.isDifferentiable()) {
            return Energies.restrictedTo(Energies.differentiable(space.dimension(), u), space.bounds());
        }
        int d = space.dimension();
        Box box = space.bounds();
        return new Energy() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public NDArray value(NDArray s) {
                return u.apply(s);
            }

            @Override
            public Box bounds() {
                return box;
            }
        };
    }
}
