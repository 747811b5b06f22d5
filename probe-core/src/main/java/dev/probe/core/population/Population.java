package dev.probe.core.population;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One population's particles between stages, on the host: positions, the cached components {@code P},
 * {@code G}, {@code ∇G} and {@code ∇U_β}, its temperature, log Z so far, the frozen tuning of its moves and
 * its stage records. Reweighting, the next temperature and resampling happen here (package plumbing).
 */
final class Population {
    /**
     * Full-covariance moves up to this many coordinates, when the population has at least {@code max(4d, d²)}
     * particles; diagonal otherwise. Each moved particle helped estimate the covariance that moves it, which biases
     * log Z when the particles are few for its {@code d(d+1)/2} entries: at d = 50 with 256 particles by +3.4
     * (24 standard errors; none with the diagonal metric or with 1,024 particles), at d = 20 with 200 by +0.4 (2.5).
     * At {@code d²} particles the measured error was within about two standard errors at d = 10, 20 and 30
     * (BENCHMARK.md, "Whitened moves and few particles").
     */
    static final int DENSE_MAX_DIMENSION = 64;

    final int index;
    final int size;
    final int dimension;
    float[] x;
    double[] prior;
    double[] question;
    /** Each particle's root: the starting draw it descends from through every resampling, or null before the first. */
    int[] family;
    float[] gradient;
    float[] questionGradient;
    double beta;
    double logZ;
    double stepSize;
    double[] inverseMetric;
    /**
     * Weighted mean and Cholesky factor of the weighted covariance of every candidate, or null (diagonal): the frame
     * of the mode jumps, whose proposal does not depend on it ({@link GaussianMixture#fit} is affine-equivariant).
     */
    double[] mean;
    double[][] cholesky;
    /**
     * Each particle's side ({@code 0} or {@code 1}, {@link #sides()}), fixed at the last resampling, or null before it.
     * The local moves of one side are scaled by the metric estimated from the other side's candidates alone
     * ({@link #sideMetric}, {@link #sideCholesky}), so a particle's moves do not depend on its own position or its
     * family's. With one metric from every particle, each particle helped scale the moves that moved it, and the
     * populations shrank every direction a question leaves free by about a factor {@code 1 − 1/N} (in d = 128 at
     * 4 × 120 particles, ‖z⊥‖² 125.9 for an exact 127, 11 of 12 runs low; BENCHMARK.md, "Moves scaled by the other side").
     */
    int[] side;
    /** Per side: the diagonal metric of its moves (null: {@link #inverseMetric}). */
    final double[][] sideMetric = new double[2][];
    /** Per side: weighted mean and Cholesky factor of its moves' full covariance, or null (diagonal moves). */
    final double[][] sideMean = new double[2][];
    final double[][][] sideCholesky = new double[2][][];
    private final boolean dense;
    /**
     * How the last local moves were scaled: {@code "full-covariance metric"} (whitened by the Cholesky factor),
     * {@code "diagonal metric"}, {@code "widths from the particles' spread"} or {@code "the proposal's widths"}
     * (gradient-free moves with a proposal that takes widths, or one that does not).
     */
    String metric = "diagonal metric";
    /** The {@link #metric} of gradient-free moves, which step with the proposal's own widths. */
    static final String WALK = "the proposal's widths";
    /** Gradient-free moves whose widths are the other side's spread ({@link dev.probe.core.sampler.Proposal#withWidths}). */
    static final String WALK_SPREAD = "widths from the particles' spread";
    double lastAcceptance = Double.NaN;
    PopulationStatus status = PopulationStatus.OK;
    boolean done;
    final List<Stage> stages = new ArrayList<>();
    /** The draws kept at the end ({@link #keepDraw}): positions {@code [N·d]} and components {@code P}, {@code G}. */
    final List<float[]> drawnX = new ArrayList<>();
    final List<double[]> drawnPrior = new ArrayList<>();
    final List<double[]> drawnQuestion = new ArrayList<>();
    /** {@code P}, {@code G} and the distinct ancestors of the particles as resampled at β = 1 ({@link Settling}). */
    double[] settledPrior;
    double[] settledQuestion;
    int settledDistinct;
    private final double[] metricFloor;
    private int stalledStages;
    /** The least finite {@code G} weighed so far: a floor above it is lowered to it. */
    private double lowestQuestion = Double.POSITIVE_INFINITY;

    // what the current stage's reweighting did, completed by the moves
    double delta;
    double essFraction;
    double logIncrement;
    int weighted;
    int distinct;
    int nonFinite;

    Population(int index, int size, int dimension, double stepSize, double[] priorVariance) {
        this.index = index;
        this.size = size;
        this.dimension = dimension;
        this.stepSize = stepSize;
        this.dense = dimension <= DENSE_MAX_DIMENSION && size >= Math.max(4 * dimension, dimension * dimension);
        this.metricFloor = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            metricFloor[k] = Math.max(1e-12, 1e-6 * priorVariance[k]);
        }
    }

    /**
     * Reweights {@code candidates} (the starting draws, or the current particles) by the next temperature step,
     * adds the increment to log Z, estimates the metric from the weighted candidates and resamples {@code size}
     * of them; returns the ancestors (indices into the candidates), or {@code null} if every weight is 0. The step
     * keeps the weights' ESS at {@code alpha} of the particles and the stage's drop of log Z, measured from the
     * question's floor ({@link TemperedTarget#questionFloor}, lowered to the lowest {@code G} seen), at most
     * {@code maxDrop} ({@link SmcConfig#maxStageDrop}; the first stage, over {@code K} starting draws, by {@code log(K/N)} more).
     */
    int[] reweightAndResample(double[] g, float[] positions, double alpha, double maxDrop, double floor, double u) {
        int k = g.length;
        double target = alpha * Math.min(k, size);
        // the first stage weighs K ≥ N starting draws, which resolve K/N times less mass than N particles do
        double drop = family == null ? maxDrop + Math.log(k / (double) Math.min(k, size)) : maxDrop;
        for (double v : g) {
            if (Double.isFinite(v)) {
                lowestQuestion = Math.min(lowestQuestion, v);
            }
        }
        double lowest = Math.min(floor, lowestQuestion);
        delta = Tempering.nextDelta(g, target, 1 - beta, drop, lowest);
        double lse = Tempering.logSumExp(g, -delta);
        weighted = k;
        nonFinite = (int) Arrays.stream(g).filter(v -> !Double.isFinite(v)).count();
        if (lse == Double.NEGATIVE_INFINITY || Double.isNaN(lse)) {
            // no candidate has weight: the estimate of Z is 0 (log Z = −∞), or undefined if every energy was NaN
            logZ = Arrays.stream(g).allMatch(Double::isNaN) ? Double.NaN : Double.NEGATIVE_INFINITY;
            status = PopulationStatus.DEGENERATE;
            done = true;
            return null;
        }
        logIncrement = lse - Math.log(k);
        logZ += logIncrement;
        beta = delta >= 1 - beta ? 1 : beta + delta;
        double[] w = Tempering.weights(g, delta);
        essFraction = Math.exp(Tempering.logEss(g, delta)) / k;
        inverseMetric = weightedVariance(w, positions);
        if (dense) {
            double[][] l = covariance(w, positions);
            mean = l == null ? null : weightedMean(w, positions);
            cholesky = l;
        }
        int[] ancestors = SystematicResampling.ancestors(w, size, u);
        int[] roots = new int[size];
        for (int i = 0; i < size; i++) {
            roots[i] = family == null ? ancestors[i] : family[ancestors[i]];
        }
        int[] candidateRoots = new int[k];
        for (int c = 0; c < k; c++) {
            candidateRoots[c] = family == null ? c : family[c];
        }
        family = roots;
        side = sides();
        sideMetrics(w, positions, candidateRoots);
        distinct = SystematicResampling.distinct(ancestors);
        if (distinct < Math.max(Math.min(20, size / 4), 0.05 * size)) {
            status = status.worst(PopulationStatus.DEGENERATE);
        }
        stalledStages = delta < 1e-8 ? stalledStages + 1 : 0;
        return ancestors;
    }

    /**
     * The metric of each side's moves from the candidates of the other side's families and of the families that left
     * no particle (weights renormalised). A side whose complement holds fewer than {@value #SIDE_MIN_ESS} effective
     * candidates (few families left) moves with the metric of every candidate; a side whose complement holds fewer than
     * {@code 2d} moves with the diagonal metric.
     */
    private void sideMetrics(double[] w, float[] positions, int[] candidateRoots) {
        java.util.Map<Integer, Integer> sideOf = new java.util.HashMap<>();
        for (int i = 0; i < size; i++) {
            sideOf.putIfAbsent(family[i], side[i]);
        }
        for (int s = 0; s < 2; s++) {
            double[] ws = new double[w.length];
            double sum = 0;
            double squares = 0;
            for (int c = 0; c < w.length; c++) {
                Integer owner = sideOf.get(candidateRoots[c]);
                if (owner == null || owner != s) {
                    ws[c] = w[c];
                    sum += w[c];
                    squares += w[c] * w[c];
                }
            }
            double ess = sum > 0 ? sum * sum / squares : 0;
            sideMetric[s] = null;
            sideMean[s] = null;
            sideCholesky[s] = null;
            if (!(ess >= SIDE_MIN_ESS)) {
                sideMean[s] = mean;
                sideCholesky[s] = cholesky;
                continue;
            }
            for (int c = 0; c < w.length; c++) {
                ws[c] /= sum;
            }
            sideMetric[s] = weightedVariance(ws, positions);
            if (dense && ess >= 2 * dimension) {
                sideCholesky[s] = covariance(ws, positions);
                sideMean[s] = sideCholesky[s] == null ? null : weightedMean(ws, positions);
            }
        }
    }

    /** Fewest effective candidates from which a side's metric is estimated. */
    static final int SIDE_MIN_ESS = 8;

    /** The diagonal metric of side {@code s}'s moves. */
    double[] moveMetric(int s) {
        return sideMetric[s] != null ? sideMetric[s] : inverseMetric;
    }

    /** The side of particle {@code i} ({@code 0} before the first resampling). */
    int sideOf(int i) {
        return side == null ? 0 : side[i];
    }

    private double[] weightedMean(double[] w, float[] positions) {
        double[] mean = new double[dimension];
        for (int i = 0; i < w.length; i++) {
            for (int k = 0; k < dimension; k++) {
                mean[k] += w[i] * positions[i * dimension + k];
            }
        }
        return mean;
    }

    /** Per-coordinate weighted variance of the candidates, floored so a collapsed direction cannot freeze. */
    private double[] weightedVariance(double[] w, float[] positions) {
        double[] mean = weightedMean(w, positions);
        double[] out = new double[dimension];
        for (int i = 0; i < w.length; i++) {
            for (int k = 0; k < dimension; k++) {
                double r = positions[i * dimension + k] - mean[k];
                out[k] += w[i] * r * r;
            }
        }
        for (int k = 0; k < dimension; k++) {
            out[k] = Double.isFinite(out[k]) ? Math.max(out[k], metricFloor[k]) : 1;
        }
        return out;
    }

    /**
     * The Cholesky factor of the weighted covariance, shrunk 1% toward its diagonal and with the metric floor added so
     * it stays positive definite, or null (diagonal moves) if it fails.
     */
    private double[][] covariance(double[] w, float[] positions) {
        int d = dimension;
        double[] mu = weightedMean(w, positions);
        double[][] cov = new double[d][d];
        double[] r = new double[d];
        for (int i = 0; i < w.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            for (int k = 0; k < d; k++) {
                r[k] = positions[i * d + k] - mu[k];
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += w[i] * r[a] * r[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] *= 0.99;
                cov[b][a] = cov[a][b];
            }
            cov[a][a] = Math.max(cov[a][a], 0) + metricFloor[a];
        }
        return Cholesky.lower(cov);
    }

    /** Keeps the rows {@code ancestors} of the current particles, moving their gradient to the new temperature. */
    void gather(int[] ancestors) {
        float[] nx = new float[size * dimension];
        float[] ngrad = new float[size * dimension];
        float[] nqgrad = new float[size * dimension];
        double[] np = new double[size];
        double[] ng = new double[size];
        for (int i = 0; i < size; i++) {
            int a = ancestors[i];
            System.arraycopy(x, a * dimension, nx, i * dimension, dimension);
            System.arraycopy(questionGradient, a * dimension, nqgrad, i * dimension, dimension);
            for (int k = 0; k < dimension; k++) {
                // ∇U at the new temperature: ∇P + (β + δ)∇G = ∇U_β + δ∇G
                ngrad[i * dimension + k] = (float) (gradient[a * dimension + k] + delta * questionGradient[a * dimension + k]);
            }
            np[i] = prior[a];
            ng[i] = question[a];
        }
        x = nx;
        gradient = ngrad;
        questionGradient = nqgrad;
        prior = np;
        question = ng;
    }

    /**
     * The sides of a mode jump ({@code 0} or {@code 1} per particle): the particles of one side jump with a mixture
     * fitted to the other side. The descendants of one starting draw (a family, traced through every resampling) stay
     * on one side, the families alternating in order of first appearance. With alternate rows a particle's copies
     * sat on the other side and shaped the mixture it jumped with, so its jump was not made with a proposal
     * independent of it: where local moves barely separate copies (a thin level set of a network, steps of 1e-4), the
     * particles' mean question energy rose from 0.514 to 0.63 at β = 1 and attainment fell from 0.835 to 0.79.
     */
    int[] sides() {
        int[] side = new int[size];
        if (family == null) {
            for (int i = 0; i < size; i++) {
                side[i] = i % 2;
            }
            return side;
        }
        java.util.Map<Integer, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < size; i++) {
            side[i] = seen.computeIfAbsent(family[i], f -> seen.size() % 2);
        }
        return side;
    }

    /** Records the resampled particles at β = 1, before the last stage's moves, for {@link Settling}. */
    void settle() {
        settledPrior = prior.clone();
        settledQuestion = question.clone();
        settledDistinct = distinct;
    }

    /** Keeps the particles' current positions and components as one more draw of every particle. */
    void keepDraw() {
        drawnX.add(x.clone());
        drawnPrior.add(prior.clone());
        drawnQuestion.add(question.clone());
    }

    /** {@code U_β} per particle. */
    double[] energies() {
        double[] u = new double[size];
        for (int i = 0; i < size; i++) {
            u[i] = prior[i] + beta * question[i];
        }
        return u;
    }

    /** Whether the temperature stopped rising for 5 stages while the moves were (almost) all rejected. */
    boolean stalled() {
        return stalledStages >= 5 && lastAcceptance < 0.1;
    }
}
