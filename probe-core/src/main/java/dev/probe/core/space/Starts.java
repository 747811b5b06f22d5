package dev.probe.core.space;

import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.ChainRandom;

/** Default starting points inside a box (package plumbing). */
final class Starts {
    private Starts() {}

    /** N(0, 1) per unbounded coordinate, half-normal from a single bound, uniform in bounded ones. */
    static double[] inside(Box box, ChainRandom random) {
        double[] out = new double[box.dimension()];
        for (int k = 0; k < out.length; k++) {
            double lo = box.lower(k);
            double hi = box.upper(k);
            if (Double.isInfinite(lo) && Double.isInfinite(hi)) {
                out[k] = random.nextGaussian();
            } else if (Double.isInfinite(hi)) {
                out[k] = lo + Math.abs(random.nextGaussian());
            } else if (Double.isInfinite(lo)) {
                out[k] = hi - Math.abs(random.nextGaussian());
            } else {
                out[k] = lo + (hi - lo) * random.nextDouble();
            }
        }
        return out;
    }
}
