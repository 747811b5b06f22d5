package dev.probe.core.sampler;

import dev.probe.core.diagnostics.Diagnostics;

/**
 * The immutable record of a sampling run: every chain's kept draws (repeats included), their
 * energies, diagnostics, and the provenance needed to replay it (kernel, configuration, seed).
 * Holds no tensors. Accessors return copies.
 *
 * <pre>{@code
 * Trace trace = new Sampler(config).run(Mala.of(0.1), energy);
 * double[][] all = trace.pooledSamples();   // [chains·draws][d]
 * long seed = trace.seed();
 * }</pre>
 */
public final class Trace {
    private final String kernel;
    private final SamplerConfig config;
    private final double[][][] samples;
    private final double[][] energies;
    private final Diagnostics diagnostics;
    private final double[] inverseMetric;
    private final double[] stepSizes;

    Trace(String kernel, SamplerConfig config, double[][][] samples, double[][] energies, Diagnostics diagnostics,
            double[] inverseMetric, double[] stepSizes) {
        this.kernel = kernel;
        this.config = config;
        this.samples = samples;
        this.energies = energies;
        this.diagnostics = diagnostics;
        this.inverseMetric = inverseMetric;
        this.stepSizes = stepSizes;
    }

    /** The tuned kernel, e.g. {@code MALA(h=0.12)}. */
    public String kernel() {
        return kernel;
    }

    public SamplerConfig config() {
        return config;
    }

    /** The seed that determines every random draw of this run. */
    public long seed() {
        return config.seed();
    }

    public int chains() {
        return samples.length;
    }

    public int draws() {
        return samples[0].length;
    }

    public int dimension() {
        return samples[0][0].length;
    }

    /** Draw {@code i} of chain {@code c}. */
    public double[] sample(int c, int i) {
        return samples[c][i].clone();
    }

    /** {@code [chain][draw][coordinate]}. */
    public double[][][] samples() {
        double[][][] out = new double[samples.length][][];
        for (int c = 0; c < samples.length; c++) {
            out[c] = new double[samples[c].length][];
            for (int i = 0; i < samples[c].length; i++) {
                out[c][i] = samples[c][i].clone();
            }
        }
        return out;
    }

    /** All draws of all chains, chain after chain: {@code [chains·draws][d]}. */
    public double[][] pooledSamples() {
        double[][] out = new double[chains() * draws()][];
        int r = 0;
        for (double[][] chain : samples) {
            for (double[] draw : chain) {
                out[r++] = draw.clone();
            }
        }
        return out;
    }

    /** Coordinate {@code k} as {@code [chain][draw]} (the input of the convergence diagnostics). */
    public double[][] coordinate(int k) {
        double[][] out = new double[chains()][draws()];
        for (int c = 0; c < chains(); c++) {
            for (int i = 0; i < draws(); i++) {
                out[c][i] = samples[c][i][k];
            }
        }
        return out;
    }

    /** Energies {@code [chain][draw]} of the kept draws. */
    public double[][] energies() {
        double[][] out = new double[energies.length][];
        for (int c = 0; c < energies.length; c++) {
            out[c] = energies[c].clone();
        }
        return out;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    /**
     * The diagonal inverse metric the chains sampled with: estimated in warm-up, or the kernel's own
     * ({@code withInverseMetric}) when warm-up did not estimate one; {@code null} for the identity and for kernels
     * without a metric.
     */
    public double[] inverseMetric() {
        return inverseMetric == null ? null : inverseMetric.clone();
    }

    /** The tuned step size of every chain, or {@code null} when all chains shared one ({@link Diagnostics#stepSize()}). */
    public double[] stepSizes() {
        return stepSizes == null ? null : stepSizes.clone();
    }

    @Override
    public String toString() {
        return "Trace[" + kernel + ", seed=" + seed() + ", chains=" + chains() + ", draws=" + draws() + "]";
    }
}
