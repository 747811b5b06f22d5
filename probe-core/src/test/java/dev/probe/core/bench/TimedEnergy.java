package dev.probe.core.bench;

import ai.djl.ndarray.NDArray;
import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.EnergyGradient;

/**
 * Delegating energy that records the wall time of every {@link #valueAndGradient} call (two
 * {@code System.nanoTime()} reads, ~50 ns). Calls after the first {@code skip} (init + warm-up) are
 * summed, so the sampler's sampling time can be split into "inside the network's forward+backward"
 * and "everything else" within the same time window, which is robust to load on a shared machine.
 */
final class TimedEnergy implements Energy {
    private final Energy delegate;
    private final long skip;
    private long calls;
    private long nanos;
    private long timed;

    TimedEnergy(Energy delegate, long skip) {
        this.delegate = delegate;
        this.skip = skip;
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public NDArray value(NDArray x) {
        return delegate.value(x);
    }

    @Override
    public EnergyGradient valueAndGradient(NDArray x) {
        long a = System.nanoTime();
        EnergyGradient eg = delegate.valueAndGradient(x);
        long b = System.nanoTime();
        if (calls++ >= skip) {
            nanos += b - a;
            timed++;
        }
        return eg;
    }

    @Override
    public boolean isDifferentiable() {
        return delegate.isDifferentiable();
    }

    @Override
    public Box bounds() {
        return delegate.bounds();
    }

    /** Seconds spent inside gradient evaluations after the skipped ones. */
    double seconds() {
        return nanos / 1e9;
    }

    /** Number of timed gradient evaluations. */
    long timedCalls() {
        return timed;
    }
}
