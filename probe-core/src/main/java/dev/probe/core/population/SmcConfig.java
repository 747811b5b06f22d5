package dev.probe.core.population;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.sampler.SamplerConfig;

/**
 * Settings of population sampling ({@link Smc}): how many particles per population, how many independent
 * populations, the tempering rule and the rejuvenation budget, and the seed that determines every draw.
 *
 * <pre>{@code
 * SmcConfig config = SmcConfig.builder().particles(256).populations(4).seed(7).build();
 * // chains·(warmup + draws·thin)/20 particles in all (at least 128), split over 4 populations: particles() is per
 * // population, e.g. 40 for 8 chains of 200 warm-up and 200 draws
 * SmcConfig sameBudget = SmcConfig.fromBudget(samplerConfig);
 * }</pre>
 *
 * @param particles particles {@code N} per population
 * @param populations independent populations {@code R} (at least 2: log Z's error bar and R̂ come from them)
 * @param alpha each next temperature keeps the weights' ESS at {@code α·N} (0.5 in BlackJAX, PyMC, particles)
 * @param minMoves fewest rejuvenation moves per stage ({@code k_min ≥ 1})
 * @param maxMoves most rejuvenation moves per stage ({@code k_max})
 * @param maxStages a population that needs more stages is STALLED
 * @param chunk rows per energy evaluation (exact: every row is accepted or rejected on its own)
 * @param jumps most mode jumps after the local moves of the last stage (β = 1): independent Metropolis–Hastings
 *     steps whose proposal is a Gaussian mixture fitted to the other half of the population (0: none); they rebalance
 *     a population's share of the modes it holds, which local moves cannot (coordinates up to
 *     {@value Population#DENSE_MAX_DIMENSION} only); log Z does not depend on them. A population stops jumping
 *     earlier once its particles have made about three accepted jumps each (at least 2 jumps)
 * @param stageJumps most mode jumps after the local moves of every earlier stage (0: none), with the same early stop;
 *     they keep the mode shares right while the population is still broad and jumps are accepted more often
 *     (exact MCMC moves at the stage's temperature: log Z stays unbiased, BENCHMARK.md "Mode jumps")
 * @param draws draws per particle at the end ({@code K ≥ 1}): the first is the particle after the last stage; each
 *     further one follows a draw block at the final temperature ({@code minMoves} local moves, then mode jumps until
 *     the particles have made about one accepted jump each, at most {@code jumps}). A population then holds
 *     {@code N·K} draws, each particle's {@code K} in a row so the ESS sees how much they share; they cost far less
 *     than more populations (no tempering, no starting draws), and log Z does not depend on them. A run that grows
 *     toward evidence ({@code Sampling.populations(config).until(...)}) makes one draw per particle first and goes on
 *     to {@code draws} ({@link Smc#moreDraws}) only when its first round falls short
 * @param maxRhat R̂ across populations above which the run is UNRELIABLE
 * @param maxStageDrop most a stage after the first may lower log Z, counted from the question's floor
 *     ({@link TemperedTarget#questionFloor}): the next tempered density is then at most {@code e^maxStageDrop} times
 *     the current one everywhere, also where no particle has been (default {@code ln 10}, subset simulation's tenth;
 *     infinite: the ESS rule alone). Without it a question that is flat over the prior's bulk and reaches its floor
 *     only in a rare region let one stage drop 20 nats and more, and log Z came out 1 to 30 nats low
 *     (BENCHMARK.md, "Rare level sets"); it adds about {@code |log Z|/maxStageDrop} stages there and none where
 *     the ESS rule is the tighter one
 * @param seed seed of every random draw of the run
 * @param recheckSettling whether a run whose settling drift is borderline ({@link Diagnostics#settlingDrift()} above
 *     {@link PopulationRun#BORDERLINE_SETTLING_DRIFT}, at most {@link PopulationRun#MAX_SETTLING_DRIFT}) goes on to
 *     twice its draws per particle and reads the drift again at its last draw (default): a population that had not
 *     settled keeps drifting, so its drift grows with the draws, while a settled one's stays at chance level. On
 *     Neal's funnel (d = 10, 4 × 256 particles, MALA moves) 2 of 12 runs met the evidence at 4 draws (drift 2.81 and
 *     3.88, E[v²] about 2 against 9); at 8 draws all 12 were flagged. The extension's growing runs choose their draws
 *     themselves and turn it off
 */
public record SmcConfig(int particles, int populations, double alpha, int minMoves, int maxMoves, int maxStages,
        int chunk, int jumps, int stageJumps, int draws, double maxRhat, double maxStageDrop, long seed,
        boolean recheckSettling) {

    public SmcConfig {
        require(particles >= 4, "particles must be at least 4 per population, got " + particles);
        require(populations >= 2, "populations must be at least 2 (the error bar of log Z and R̂ come from them), got "
                + populations);
        // the run holds every population's particles in one batch: their count overflowed to 0 as an int
        require((long) particles * populations <= Integer.MAX_VALUE / 2, "particles·populations must be at most "
                + Integer.MAX_VALUE / 2 + ", got " + particles + "·" + populations + " = " + (long) particles * populations);
        require(alpha > 0 && alpha < 1, "alpha must lie in (0, 1), got " + alpha);
        require(minMoves >= 1 && maxMoves >= minMoves, "need 1 ≤ minMoves ≤ maxMoves, got " + minMoves + " and " + maxMoves);
        require(maxStages >= 1, "maxStages must be at least 1, got " + maxStages);
        require(chunk >= 1, "chunk must be at least 1 row, got " + chunk);
        require(jumps >= 0, "jumps must be at least 0, got " + jumps);
        require(stageJumps >= 0, "stageJumps must be at least 0 per stage, got " + stageJumps);
        require(draws >= 1, "draws must be at least 1 per particle, got " + draws);
        require(maxRhat > 1, "maxRhat must exceed 1, got " + maxRhat);
        require(maxStageDrop > 0, "maxStageDrop must be positive (infinite: no cap), got " + maxStageDrop);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid SMC configuration: " + message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The population sampler at about the cost of an MCMC configuration: the chains would make
     * {@code chains·(warmup + draws·thin)} particle-gradient evaluations; a run costs about {@code R·N} per move
     * and typically takes {@value #MOVES_PER_RUN} moves in all, so {@code R·N} is that cost over
     * {@value #MOVES_PER_RUN} (at least 128 particles in all), split over 4 populations ({@link #particles()} is per
     * population: 40 for 8 chains of 200 warm-up and 200 draws); same seed.
     */
    public static SmcConfig fromBudget(SamplerConfig config) {
        long evaluations = (long) config.chains() * (config.warmup() + (long) config.draws() * config.thin());
        int total = (int) Math.max(MIN_BUDGET_PARTICLES, Math.min(1 << 16, evaluations / MOVES_PER_RUN));
        return builder().particles(total / 4).populations(4).seed(config.seed()).build();
    }

    /**
     * Typical moves of a whole run (stages × moves per stage) on the level sets of the examples: a chain budget's
     * evaluations over this are the particles it is worth ({@link #fromBudget}).
     */
    public static final int MOVES_PER_RUN = 20;

    /** The fewest particles, over all populations, that {@link #fromBudget} gives. */
    public static final int MIN_BUDGET_PARTICLES = 128;

    /** Mode jumps at β = 1 unless set. */
    public static final int DEFAULT_JUMPS = 40;

    /** Mode jumps after the moves of each earlier stage unless set. */
    public static final int DEFAULT_STAGE_JUMPS = 15;

    /** Most a stage may lower log Z from the question's floor unless set: {@code ln 10}. */
    public static final double DEFAULT_MAX_STAGE_DROP = Math.log(10);

    /** Draws per particle at the end unless set. */
    public static final int DEFAULT_DRAWS = 4;

    /** A builder holding these settings, e.g. {@code config.toBuilder().seed(8).build()}. */
    public Builder toBuilder() {
        return builder().particles(particles).populations(populations).alpha(alpha).moves(minMoves, maxMoves)
                .maxStages(maxStages).chunk(chunk).jumps(jumps).stageJumps(stageJumps).draws(draws).maxRhat(maxRhat).maxStageDrop(maxStageDrop).seed(seed)
                .recheckSettling(recheckSettling);
    }

    /** Total particles {@code R·N}. */
    public int totalParticles() {
        return particles * populations;
    }

    /**
     * Builder with defaults: 256 particles × 4 populations, α = 0.5, 2–10 moves per stage, up to
     * {@value #DEFAULT_STAGE_JUMPS} mode jumps per stage and {@value #DEFAULT_JUMPS} at β = 1, 200 stages, chunks of 1024,
     * {@value #DEFAULT_DRAWS} draws per particle, stages that lower log Z by at most {@code ln 10}.
     */
    public static final class Builder {
        private int particles = 256;
        private int populations = 4;
        private double alpha = 0.5;
        private int minMoves = 2;
        private int maxMoves = 10;
        private int maxStages = 200;
        private int chunk = 1024;
        private int jumps = DEFAULT_JUMPS;
        private int stageJumps = DEFAULT_STAGE_JUMPS;
        private int draws = DEFAULT_DRAWS;
        private double maxRhat = 1.01;
        private double maxStageDrop = DEFAULT_MAX_STAGE_DROP;
        private long seed;
        private boolean recheckSettling = true;

        public Builder particles(int v) {
            particles = v;
            return this;
        }

        public Builder populations(int v) {
            populations = v;
            return this;
        }

        public Builder alpha(double v) {
            alpha = v;
            return this;
        }

        public Builder moves(int min, int max) {
            minMoves = min;
            maxMoves = max;
            return this;
        }

        public Builder maxStages(int v) {
            maxStages = v;
            return this;
        }

        public Builder chunk(int rows) {
            chunk = rows;
            return this;
        }

        /** Mode jumps at β = 1 (0 turns them off). */
        public Builder jumps(int v) {
            jumps = v;
            return this;
        }

        /** Mode jumps after the local moves of every stage before the last (0 turns them off). */
        public Builder stageJumps(int v) {
            stageJumps = v;
            return this;
        }

        /** Draws per particle at the end (1: the particles after the last stage only). */
        public Builder draws(int v) {
            draws = v;
            return this;
        }

        public Builder maxRhat(double v) {
            maxRhat = v;
            return this;
        }

        /** Most a stage after the first may lower log Z from the question's floor ({@code Double.POSITIVE_INFINITY}: no cap). */
        public Builder maxStageDrop(double v) {
            maxStageDrop = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Whether a borderline settling drift makes the run go on to twice its draws (default true). */
        public Builder recheckSettling(boolean v) {
            recheckSettling = v;
            return this;
        }

        public SmcConfig build() {
            return new SmcConfig(particles, populations, alpha, minMoves, maxMoves, maxStages, chunk, jumps, stageJumps,
                    draws, maxRhat, maxStageDrop, seed, recheckSettling);
        }
    }
}
