package dev.probe.core.sampler;

/**
 * How long and how many chains to run, and the seed that determines every random draw.
 *
 * <pre>{@code
 * SamplerConfig config = SamplerConfig.builder().chains(16).warmup(500).draws(1000).thin(1).seed(42).build();
 * SamplerConfig plainStarts = SamplerConfig.builder().screening(1).build();
 * }</pre>
 *
 * @param chains number of chains batched in one tensor
 * @param warmup warm-up iterations (discarded; step size and metric adapt, then freeze)
 * @param draws kept draws per chain
 * @param thin iterations per kept draw
 * @param seed seed of the single random stream
 * @param adapt whether warm-up adapts the step size (and the metric, for kernels that use one)
 * @param annealing fraction of warm-up spent annealing the energy from {@code 0.01·U} up to {@code U} in
 *     ten geometric stages ({@link Energy#tempered}), so chains find thin level sets from anywhere; 0 = off.
 *     Warm-up is discarded, so annealing changes where chains start sampling, not what they sample.
 * @param screening candidates drawn per chain for the starting points of a probe: the chains start at
 *     {@code chains} of {@code screening·chains} draws from the space, resampled by the query's energy
 *     (sampling-importance-resampling; see {@code Probe}); 1 = start at plain draws. Like annealing it
 *     changes where chains start, not what they sample. The bare {@link Sampler} ignores it.
 */
public record SamplerConfig(int chains, int warmup, int draws, int thin, long seed, boolean adapt, double annealing,
        int screening) {

    public SamplerConfig {
        require(chains >= 1, "chains must be at least 1, got " + chains);
        require(warmup >= 0, "warmup must be non-negative, got " + warmup);
        require(draws >= 1, "draws must be at least 1, got " + draws);
        require(thin >= 1, "thin must be at least 1, got " + thin);
        // an int count of iterations: beyond it, draws·thin overflowed to 0 or below and a run returned draws of 0.0
        require((long) draws * thin + warmup <= Integer.MAX_VALUE, "warmup + draws·thin must be at most "
                + Integer.MAX_VALUE + " iterations per chain, got " + warmup + " + " + draws + "·" + thin + " = "
                + ((long) draws * thin + warmup));
        require(annealing >= 0 && annealing < 1, "annealing must be in [0, 1), got " + annealing);
        require(screening >= 1, "screening must be at least 1 candidate per chain (1 = off), got " + screening);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid sampler configuration: " + message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Total iterations after warm-up. */
    public int samplingIterations() {
        return draws * thin;
    }

    /** The default number of screened candidates per chain. */
    public static final int SCREENING = 16;

    /**
     * Builder with defaults: 4 chains, 500 warm-up, 1000 draws, thin 1, seed 0, adaptation on, no annealing,
     * {@value #SCREENING} screened candidates per chain.
     */
    public static final class Builder {
        private int chains = 4;
        private int warmup = 500;
        private int draws = 1000;
        private int thin = 1;
        private long seed;
        private boolean adapt = true;
        private double annealing;
        private int screening = SCREENING;

        public Builder chains(int v) {
            chains = v;
            return this;
        }

        public Builder warmup(int v) {
            warmup = v;
            return this;
        }

        public Builder draws(int v) {
            draws = v;
            return this;
        }

        public Builder thin(int v) {
            thin = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder adapt(boolean v) {
            adapt = v;
            return this;
        }

        public Builder annealing(double fractionOfWarmup) {
            annealing = fractionOfWarmup;
            return this;
        }

        /** Candidates per chain screened for the starting points (1 = off). */
        public Builder screening(int candidatesPerChain) {
            screening = candidatesPerChain;
            return this;
        }

        public SamplerConfig build() {
            return new SamplerConfig(chains, warmup, draws, thin, seed, adapt, annealing, screening);
        }
    }
}
