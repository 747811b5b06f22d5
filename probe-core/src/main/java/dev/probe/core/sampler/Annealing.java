package dev.probe.core.sampler;

/**
 * The annealing schedule of warm-up: during the first {@code annealing·warmup} iterations the energy is
 * {@code β·U} (or the energy's own {@link Energy#tempered} form) with {@code β} rising geometrically
 * from 0.01 to 1 in ten stages; afterwards {@code β = 1}.
 */
final class Annealing {
    static final int STAGES = 10;
    static final double START = 0.01;

    private final int length;

    Annealing(SamplerConfig config) {
        this.length = (int) Math.floor(config.annealing() * config.warmup());
    }

    /** Whether iteration {@code i} begins a new stage (including the return to β = 1). */
    boolean stageStartsAt(int i) {
        if (length < STAGES) {
            return false;
        }
        return i <= length && i % stageLength() == 0 && stage(i) <= STAGES;
    }

    /** β at iteration {@code i}. */
    double beta(int i) {
        int k = Math.min(stage(i), STAGES);
        return Math.pow(START, 1.0 - (double) k / STAGES);
    }

    private int stage(int i) {
        return i / stageLength();
    }

    private int stageLength() {
        return Math.max(1, length / STAGES);
    }
}
