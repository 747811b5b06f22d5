package dev.probe.core.population;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.sampler.ChainState;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.Kernel;
import dev.probe.core.sampler.Transition;
import dev.probe.core.sampler.TransitionInfo;
import java.util.List;

/**
 * The moves of one stage, for the particles of every active population batched as one {@code [rows, d]}
 * tensor (SMC-NOTES §3). Each population's step size and preconditioner are fixed before a move and depend
 * on the population, not on the particle moved: up to {@value Population#DENSE_MAX_DIMENSION} coordinates
 * the particles move in whitened coordinates ({@link WhitenedEnergy}: the full weighted covariance, or its
 * diagonal when it is not positive definite), above that with the diagonal metric; exact Metropolis–Hastings on {@code U_β} at the population's
 * new temperature. The first {@value #PILOT} moves are pilots: after each, a population whose mean acceptance
 * lies more than {@value #BAND} from the kernel's target rescales its step for the next move. Moves continue
 * until {@code minMoves} are made and, for every population, the correlation rule (PyMC: more than 90% of
 * the coordinates' correlations with the stage's starting positions still dropped by more than 0.01 in the
 * last move) says stop and at least 90% of the particles have moved; at most {@code maxMoves} (package plumbing).
 */
final class Rejuvenation {
    static final int PILOT = 3;
    static final double BAND = 0.15;
    private static final double MOVED = 0.9;

    /** What the moves of one stage did to one population. */
    record Moves(int moves, double acceptance, double movedFraction, double jump) {}

    /** Counts over the stage's moves (all populations). */
    record Counts(long gradientEvaluations, long particleGradients, long nonFinite, long divergent, long outOfBounds) {}

    private final TemperedTarget target;
    private final SmcConfig config;
    private final ChainRandom random;

    Rejuvenation(TemperedTarget target, SmcConfig config, ChainRandom random) {
        this.target = target;
        this.config = config;
        this.random = random;
    }

    /** Moves the populations' particles in place; returns each population's move statistics, in order. */
    Moves[] move(List<Population> pops, Kernel kernel, NDManager run, long[] counts) {
        int d = target.dimension();
        int p = pops.size();
        int[] offset = new int[p + 1];
        for (int i = 0; i < p; i++) {
            offset[i + 1] = offset[i] + pops.get(i).size;
        }
        int rows = offset[p];
        boolean whitened = d <= Population.DENSE_MAX_DIMENSION;
        double[][] means = new double[p][];
        double[][][] factors = new double[p][][];
        float[] x = new float[rows * d];
        float[] gradX = new float[rows * d];
        float[] qgrad = new float[rows * d];
        double[] prior = new double[rows];
        double[] question = new double[rows];
        double[] u = new double[rows];
        double[] beta = new double[rows];
        double[] steps = new double[rows];
        double[] metric = new double[rows * d];
        for (int i = 0; i < p; i++) {
            Population pop = pops.get(i);
            System.arraycopy(pop.x, 0, x, offset[i] * d, pop.size * d);
            System.arraycopy(pop.gradient, 0, gradX, offset[i] * d, pop.size * d);
            System.arraycopy(pop.questionGradient, 0, qgrad, offset[i] * d, pop.size * d);
            System.arraycopy(pop.prior, 0, prior, offset[i], pop.size);
            System.arraycopy(pop.question, 0, question, offset[i], pop.size);
            System.arraycopy(pop.energies(), 0, u, offset[i], pop.size);
            for (int r = offset[i]; r < offset[i + 1]; r++) {
                beta[r] = pop.beta;
                steps[r] = pop.stepSize;
                if (whitened) {
                    java.util.Arrays.fill(metric, r * d, (r + 1) * d, 1);
                } else {
                    System.arraycopy(pop.inverseMetric, 0, metric, r * d, d);
                }
            }
            if (whitened) {
                means[i] = pop.cholesky != null ? pop.mean : new double[d];
                factors[i] = pop.cholesky != null ? pop.cholesky : diagonal(pop.inverseMetric);
            }
        }
        TemperedEnergy tempered = new TemperedEnergy(target, beta, config.chunk());
        Energy energy = whitened ? new WhitenedEnergy(tempered, offset, means, factors, target.bounds()) : tempered;
        float[] start = whitened ? whiten(x, offset, means, factors, d) : x.clone();
        float[] grad = whitened ? whitenGradient(gradX, offset, factors, d) : gradX.clone();
        ChainState state = new ChainState(run.create(start, new Shape(rows, d)), u, run.create(grad, new Shape(rows, d)));
        boolean[] moved = new boolean[rows];
        double[][] correlation = new double[p][d];
        for (double[] c : correlation) {
            java.util.Arrays.fill(c, 1);
        }
        double[] acceptanceSum = new double[p];
        int[] acceptanceCount = new int[p];
        double[] allAcceptance = new double[p];
        Kernel k = kernel.withStepSizes(steps).withInverseMetric(metric);
        float[] now = start;
        int moves = 0;
        while (true) {
            Transition t;
            try (NDManager scope = run.newSubManager()) {
                state.attach(scope);
                t = k.step(state, energy, random);
                t.state().attach(run);
            }
            state = t.state();
            moves++;
            TransitionInfo info = t.info();
            counts[0] += info.gradientEvaluations();
            counts[1] += (long) info.gradientEvaluations() * rows;
            counts[2] += info.nonFinite();
            counts[3] += info.divergent();
            counts[4] += info.outOfBounds();
            boolean[] accepted = info.accepted();
            for (int r = 0; r < rows; r++) {
                if (accepted[r]) {
                    moved[r] = true;
                    prior[r] = tempered.lastPrior()[r];
                    question[r] = tempered.lastQuestion()[r];
                    System.arraycopy(tempered.lastQuestionGradient(), r * d, qgrad, r * d, d);
                    System.arraycopy(tempered.lastGradient(), r * d, gradX, r * d, d);
                }
            }
            now = state.position().toType(DataType.FLOAT32, false).toFloatArray();
            boolean more = false;
            boolean retuned = false;
            for (int i = 0; i < p; i++) {
                double a = mean(info.acceptanceProbability(), offset[i], offset[i + 1]);
                allAcceptance[i] += a;
                Population pop = pops.get(i);
                double miss = a - kernel.targetAcceptance();
                if (moves <= PILOT && Math.abs(miss) > BAND) {
                    pop.stepSize *= Math.exp(Math.max(-Math.log(10), Math.min(Math.log(3), 3 * miss)));
                    for (int r = offset[i]; r < offset[i + 1]; r++) {
                        steps[r] = pop.stepSize;
                    }
                    retuned = true;
                } else {
                    acceptanceSum[i] += a;
                    acceptanceCount[i]++;
                }
                more |= wantsMore(start, now, moved, offset[i], offset[i + 1], d, correlation[i]);
            }
            if (retuned) {
                k = k.withStepSizes(steps);
            }
            if (moves >= config.maxMoves() || (moves >= config.minMoves() && !more)) {
                break;
            }
        }
        float[] finalX = whitened ? unwhiten(now, offset, means, factors, d) : now;
        float[] finalGradient = whitened ? gradX : state.gradient().toType(DataType.FLOAT32, false).toFloatArray();
        Moves[] out = new Moves[p];
        for (int i = 0; i < p; i++) {
            Population pop = pops.get(i);
            int from = offset[i];
            pop.x = java.util.Arrays.copyOfRange(finalX, from * d, offset[i + 1] * d);
            pop.gradient = java.util.Arrays.copyOfRange(finalGradient, from * d, offset[i + 1] * d);
            pop.questionGradient = java.util.Arrays.copyOfRange(qgrad, from * d, offset[i + 1] * d);
            pop.prior = java.util.Arrays.copyOfRange(prior, from, offset[i + 1]);
            pop.question = java.util.Arrays.copyOfRange(question, from, offset[i + 1]);
            pop.lastAcceptance = acceptanceCount[i] > 0 ? acceptanceSum[i] / acceptanceCount[i] : allAcceptance[i] / moves;
            int movedCount = 0;
            double jump = 0;
            for (int r = from; r < offset[i + 1]; r++) {
                movedCount += moved[r] ? 1 : 0;
                for (int c = 0; c < d; c++) {
                    double delta = now[r * d + c] - start[r * d + c];
                    jump += whitened ? delta * delta : delta * delta / pop.inverseMetric[c];
                }
            }
            out[i] = new Moves(moves, allAcceptance[i] / moves, movedCount / (double) pop.size, jump / pop.size);
        }
        return out;
    }

    private static double[][] diagonal(double[] variance) {
        double[][] l = new double[variance.length][variance.length];
        for (int k = 0; k < variance.length; k++) {
            l[k][k] = Math.sqrt(variance[k]);
        }
        return l;
    }

    /** {@code y = L⁻¹(x − μ)} per row. */
    private static float[] whiten(float[] x, int[] offset, double[][] means, double[][][] factors, int d) {
        float[] y = new float[x.length];
        double[] b = new double[d];
        for (int i = 0; i + 1 < offset.length; i++) {
            for (int r = offset[i]; r < offset[i + 1]; r++) {
                for (int k = 0; k < d; k++) {
                    b[k] = x[r * d + k] - means[i][k];
                }
                double[] v = Cholesky.solveLower(factors[i], b);
                for (int k = 0; k < d; k++) {
                    y[r * d + k] = (float) v[k];
                }
            }
        }
        return y;
    }

    /** {@code x = μ + L·y} per row. */
    private static float[] unwhiten(float[] y, int[] offset, double[][] means, double[][][] factors, int d) {
        float[] x = new float[y.length];
        for (int i = 0; i + 1 < offset.length; i++) {
            double[][] l = factors[i];
            for (int r = offset[i]; r < offset[i + 1]; r++) {
                for (int a = 0; a < d; a++) {
                    double s = means[i][a];
                    for (int b = 0; b <= a; b++) {
                        s += l[a][b] * y[r * d + b];
                    }
                    x[r * d + a] = (float) s;
                }
            }
        }
        return x;
    }

    /** {@code ∇_y = Lᵀ∇_x} per row (as row vectors, {@code g·L}). */
    private static float[] whitenGradient(float[] g, int[] offset, double[][][] factors, int d) {
        float[] out = new float[g.length];
        for (int i = 0; i + 1 < offset.length; i++) {
            double[][] l = factors[i];
            for (int r = offset[i]; r < offset[i + 1]; r++) {
                for (int b = 0; b < d; b++) {
                    double s = 0;
                    for (int a = b; a < d; a++) {
                        s += g[r * d + a] * l[a][b];
                    }
                    out[r * d + b] = (float) s;
                }
            }
        }
        return out;
    }

    /**
     * The population's stopping rule: true while fewer than 90% of its particles have moved, or while more than
     * 90% of the coordinates' |correlation| with the stage's start dropped by more than 0.01 in the last move.
     */
    private static boolean wantsMore(float[] start, float[] now, boolean[] moved, int from, int to, int d, double[] previous) {
        int count = 0;
        for (int r = from; r < to; r++) {
            count += moved[r] ? 1 : 0;
        }
        int dropped = 0;
        for (int c = 0; c < d; c++) {
            double r = Math.abs(correlation(start, now, from, to, d, c));
            if (previous[c] - r > 0.01) {
                dropped++;
            }
            previous[c] = r;
        }
        return count < MOVED * (to - from) || dropped > 0.9 * d;
    }

    private static double correlation(float[] a, float[] b, int from, int to, int d, int c) {
        int n = to - from;
        double ma = 0;
        double mb = 0;
        for (int r = from; r < to; r++) {
            ma += a[r * d + c];
            mb += b[r * d + c];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int r = from; r < to; r++) {
            double da = a[r * d + c] - ma;
            double db = b[r * d + c] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }
}
