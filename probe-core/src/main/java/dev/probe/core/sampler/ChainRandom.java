package dev.probe.core.sampler;

import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The single source of randomness of a sampling run: every draw (initial points, proposals,
 * momenta, smoothing perturbations, accept/reject) comes from this stream, seeded by one {@code long}.
 * Draws are made in Java (Commons RNG, xoshiro256++), not by the tensor engine, so results do not
 * depend on the engine's global generator or on other probes running in parallel.
 *
 * <pre>{@code
 * ChainRandom random = new ChainRandom(42);
 * float[] noise = random.normal(chains * d);
 * ChainRandom independent = random.split(); // non-overlapping stream (jump of 2^128)
 * }</pre>
 */
public final class ChainRandom {
    private final long seed;
    private final JumpableUniformRandomProvider uniform;
    private final NormalizedGaussianSampler gaussian;

    /** A stream determined by {@code seed}. */
    public ChainRandom(long seed) {
        this(seed, (JumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(seed));
    }

    private ChainRandom(long seed, JumpableUniformRandomProvider uniform) {
        this.seed = seed;
        this.uniform = uniform;
        this.gaussian = ZigguratSampler.NormalizedGaussian.of(uniform);
    }

    /** The seed this stream (or the stream it was split from) was created with. */
    public long seed() {
        return seed;
    }

    /** An independent stream: this one jumps ahead and the returned one continues from before the jump. */
    public ChainRandom split() {
        UniformRandomProvider copy = uniform.jump();
        return new ChainRandom(seed, (JumpableUniformRandomProvider) copy);
    }

    /** {@code n} independent standard normal draws. */
    public float[] normal(int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) gaussian.sample();
        }
        return out;
    }

    /** One standard normal draw. */
    public double nextGaussian() {
        return gaussian.sample();
    }

    /** A uniform draw in [0, 1). */
    public double nextDouble() {
        return uniform.nextDouble();
    }

    /** A uniform integer in [0, n). */
    public int nextInt(int n) {
        return uniform.nextInt(n);
    }
}
