package dev.probe.core.population;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.sampler.ChainState;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.EnergyGradient;
import dev.probe.core.sampler.Independence;
import dev.probe.core.sampler.Kernel;
import dev.probe.core.sampler.Transition;
import dev.probe.core.sampler.TransitionInfo;
import java.util.List;

/**
 * The moves of one stage, for the particles of every active population batched as one {@code [rows, d]}
 * tensor (README, "Population sampling"). Each population's step size and preconditioner are fixed before a move and depend
 * on the population, not on the particle moved: up to {@value Population#DENSE_MAX_DIMENSION} coordinates
 * the particles move in whitened coordinates ({@link WhitenedEnergy}: the full weighted covariance, or its
 * diagonal when it is not positive definite), above that with the diagonal metric; exact Metropolis–Hastings on {@code U_β} at the population's
 * new temperature. The first {@value #PILOT} moves are pilots: after each, a population whose mean acceptance
 * lies more than {@value #BAND} from the kernel's target rescales its step for the next move. Moves continue
 * until {@code minMoves} are made and, for every population, the correlation rule (PyMC: more than 90% of
 * the coordinates' correlations with the stage's starting positions still dropped by more than 0.01 in the
 * last move) says stop and at least 90% of the particles have moved; at most {@code maxMoves}. Then, in whitened
 * coordinates (for random-walk moves, whitened for the jumps alone; not at all when the kernel moves categorical
 * coordinates, {@link Kernel#movesContinuousStates()}), mode jumps ({@code stageJumps} at most per stage, {@code jumps} at most at β = 1): independent
 * Metropolis–Hastings half-steps ({@link Independence}) whose proposal is a Gaussian mixture fitted to the other
 * half of the population (k-means clusters, at most {@value #MAX_COMPONENTS}), decided on energies alone (a forward
 * pass each; the gradients of the particles that jumped are computed once after the last jump). A population stops
 * jumping once its summed acceptance probabilities reach {@value #ACCEPTED_JUMPS} per particle (after at least
 * {@value #MIN_JUMPS}), so a unimodal stage, where most jumps are accepted, pays for few. Local moves cannot cross
 * between the modes of a thin multimodal level set, so without jumps each population keeps the mode shares its
 * first resampling gave it and independent populations disagree (R̂ across populations); the jumps move those
 * shares toward the target's, at each stage while the population is broad and jumps are accepted more often.
 * They are exact MCMC moves at the stage's temperature, so log Z stays unbiased (at β = 1 it cannot depend on
 * them). (Jumps at every stage once biased log Z by +0.2 on the two-mode closed form: the jump refused proposals
 * whose gradient was not finite while letting particles leave such regions. {@link Independence} now decides on
 * energies alone; BENCHMARK.md, "Mode jumps", has the calibration.) (Package plumbing.)
 */
final class Rejuvenation {
    static final int PILOT = 3;
    static final double BAND = 0.15;
    private static final double MALA_TARGET = 0.574;

    /** What the moves of one stage did to one population. */
    record Moves(int moves, double acceptance, double movedFraction, double jump, int jumps, double jumpAcceptance) {}

    /**
     * A population stops jumping once its particles' summed jump acceptance probabilities reach this many per
     * particle (after at least {@value #MIN_JUMPS} jumps), or after its configured number of jumps. Fewer mix the
     * population too little between reweightings: on the two-mode closed form, stopping at one accepted jump per
     * particle (2 jumps there) biased log Z by +0.07 (3.8 standard errors over 40 runs), at 3 it is 0.26 standard
     * errors (BENCHMARK.md, "Mode jumps").
     */
    static final double ACCEPTED_JUMPS = 3;

    /**
     * Whether a population of {@code size} particles in {@code d} coordinates makes mode jumps: only with at least
     * {@code d²/2} particles, so that each half fits the other's mixture from at least {@code d²/4} positions.
     * Resampled copies of a particle sit in both halves (adjacent rows), so with fewer positions for its components'
     * {@code d(d+1)/2}-entry covariances a particle's jump proposal is shaped by its own copy, which biased log Z low:
     * −0.4 nats (about two standard errors) at d = 50 with 256 particles, −0.15 without jumps (BENCHMARK.md,
     * "Whitened moves and few particles"). Halves of whole families (contiguous rows) removed that bias but mixed the
     * suite's multimodal level sets worse (two fewer converged pairs, 13% more time), so they were not kept.
     */
    static boolean jumps(int size, int d) {
        return 2 * size >= d * d;
    }

    /**
     * Most local moves per stage: {@code maxMoves}, or {@value #WALK_MOVES}× that for gradient-free (random-walk) moves,
     * which travel less per move than MALA's. With 10 they left a box target's error bars about 1.4 times too small
     * (sd of the z-scores over 16 seeds 1.3–1.5), with 25 calibrated (0.6–1.0; BENCHMARK.md, "Metropolis–Hastings moves
     * in populations"). The correlation rule still stops them earlier where particles decorrelate sooner.
     */
    static int maxMoves(SmcConfig config, Kernel kernel) {
        return kernel.needsGradient() ? config.maxMoves() : (int) Math.round(WALK_MOVES * config.maxMoves());
    }

    /** How many times MALA's most moves per stage random-walk moves may make. */
    static final double WALK_MOVES = 2.5;

    /** Fewest mode jumps of a population that jumps at all. */
    static final int MIN_JUMPS = 2;

    /** Most components of a population's mode-jump mixture. */
    static final int MAX_COMPONENTS = 8;


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
        return move(pops, kernel, run, counts, 0, ACCEPTED_JUMPS);
    }

    /**
     * A draw block at the populations' current (final) temperature: exactly {@code minMoves} local moves with the
     * frozen step size and metric (no pilot retuning), then mode jumps until the particles have made about
     * {@value #DRAW_JUMPS} accepted jump each (at most {@code jumps}, at least {@value #MIN_JUMPS}). Every move is an
     * exact MCMC move of the final target, so the particles after the block are further draws from it.
     */
    Moves[] drawBlock(List<Population> pops, Kernel kernel, NDManager run, long[] counts) {
        return move(pops, kernel, run, counts, config.minMoves(), DRAW_JUMPS);
    }

    /** Accepted jumps per particle after which a draw block stops jumping. */
    static final double DRAW_JUMPS = 1;

    /**
     * @param fixedMoves that many local moves without retuning (a draw block), or 0: the stage's rule (pilots, then
     *     the correlation rule between {@code minMoves} and {@code maxMoves})
     * @param acceptedJumps a population stops jumping once its summed acceptance per particle reaches this
     */
    private Moves[] move(List<Population> pops, Kernel kernel, NDManager run, long[] counts, int fixedMoves,
            double acceptedJumps) {
        int d = target.dimension();
        int p = pops.size();
        int[] offset = new int[p + 1];
        for (int i = 0; i < p; i++) {
            offset[i + 1] = offset[i] + pops.get(i).size;
        }
        int rows = offset[p];
        // gradient-free kernels move with the space's own proposal (e.g. categorical attributes), never whitened
        boolean whitened = d <= Population.DENSE_MAX_DIMENSION && kernel.needsGradient();
        // mode jumps need continuous coordinates only (a categorical attribute takes whole numbers); random-walk moves
        // jump too, in coordinates whitened for the jumps alone (without them MH populations kept the mode shares of
        // their first resampling: a black-box tree's two leaves came out at z-scores up to 6.7, evidence met)
        boolean jumpable = d <= Population.DENSE_MAX_DIMENSION && kernel.movesContinuousStates();
        // the jumps' frames: one per population (the jump proposal does not depend on them)
        double[][] means = new double[p][];
        double[][][] factors = new double[p][][];
        int[] jumpGroup = Whitening.groups(offset);
        // the local moves' frames: one per side of each population, estimated from the other side (Population#side)
        double[][] moveMeans = new double[2 * p][];
        double[][][] moveFactors = new double[2 * p][][];
        int[] moveGroup = new int[rows];
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
            // a random walk's scale grown on a wide early stage (where every reflected proposal is accepted) must not
            // outlast it: start at most at twice the step that suits this stage's spread (a box target's last stages
            // moved at acceptance 0.04-0.14, and fewer than half the particles moved); +∞ for kernels with a metric
            pop.stepSize = Math.min(pop.stepSize,
                    2 * kernel.withInverseMetric(pop.inverseMetric).stepSizeForSpread(pop.inverseMetric));
            for (int r = offset[i]; r < offset[i + 1]; r++) {
                int side = pop.sideOf(r - offset[i]);
                moveGroup[r] = 2 * i + side;
                beta[r] = pop.beta;
                steps[r] = pop.stepSize;
                if (whitened) {
                    java.util.Arrays.fill(metric, r * d, (r + 1) * d, 1);
                } else {
                    System.arraycopy(pop.moveMetric(side), 0, metric, r * d, d);
                }
            }
            boolean full = false;
            for (int side = 0; side < 2; side++) {
                full |= pop.sideCholesky[side] != null;
                moveMeans[2 * i + side] = pop.sideCholesky[side] != null ? pop.sideMean[side] : new double[d];
                moveFactors[2 * i + side] = pop.sideCholesky[side] != null ? pop.sideCholesky[side]
                        : Whitening.diagonal(pop.moveMetric(side));
            }
            boolean spread = kernel.withInverseMetric(pop.inverseMetric).inverseMetric() != null;
            pop.metric = !kernel.needsGradient() ? spread ? Population.WALK_SPREAD : Population.WALK
                    : whitened && full ? "full-covariance metric" : "diagonal metric";
            if (jumpable) {
                means[i] = pop.cholesky != null ? pop.mean : new double[d];
                factors[i] = pop.cholesky != null ? pop.cholesky : Whitening.diagonal(pop.inverseMetric);
            }
        }
        TemperedEnergy tempered = new TemperedEnergy(target, beta, config.chunk());
        Energy energy = whitened ? new WhitenedEnergy(tempered, moveGroup, moveMeans, moveFactors, target.bounds()) : tempered;
        float[] start = whitened ? Whitening.whiten(x, moveGroup, moveMeans, moveFactors, d) : x.clone();
        float[] grad = whitened ? Whitening.gradient(gradX, moveGroup, moveFactors, d) : gradX.clone();
        ChainState state = new ChainState(run.create(start, new Shape(rows, d)), u, run.create(grad, new Shape(rows, d)));
        boolean[] moved = new boolean[rows];
        double[][] correlation = new double[p][d];
        for (double[] c : correlation) {
            java.util.Arrays.fill(c, 1);
        }
        double[] acceptanceSum = new double[p];
        int[] acceptanceCount = new int[p];
        double[] allAcceptance = new double[p];
        // the band is relative for kernels aiming below MALA's 0.574: random-walk MH (0.234) with a band of 0.15
        // left acceptance 0.09 untouched, a step about three times too long
        double band = BAND * Math.min(1, kernel.targetAcceptance() / MALA_TARGET);
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
            absorb(info, tempered, counts, null, d, moved, prior, question, qgrad, gradX);
            now = state.position().toType(DataType.FLOAT32, false).toFloatArray();
            boolean more = false;
            boolean retuned = false;
            for (int i = 0; i < p; i++) {
                double a = mean(info.acceptanceProbability(), offset[i], offset[i + 1]);
                allAcceptance[i] += a;
                Population pop = pops.get(i);
                double miss = a - kernel.targetAcceptance();
                if (fixedMoves == 0 && moves <= PILOT && Math.abs(miss) > band) {
                    pop.stepSize *= Math.exp(Math.max(-Math.log(10), Math.min(Math.log(3), 3 * miss)));
                    for (int r = offset[i]; r < offset[i + 1]; r++) {
                        steps[r] = pop.stepSize;
                    }
                    retuned = true;
                } else {
                    acceptanceSum[i] += a;
                    acceptanceCount[i]++;
                }
                more |= MoveRule.wantsMore(start, now, moved, offset[i], offset[i + 1], d, correlation[i]);
            }
            if (retuned) {
                k = k.withStepSizes(steps);
            }
            if (fixedMoves > 0 ? moves >= fixedMoves : moves >= maxMoves(config, kernel) || (moves >= config.minMoves() && !more)) {
                break;
            }
        }
        int[] jumpCount = new int[p];
        int jumps = 0;
        // unwhitened moves that carry a gradient (smoothed-gradient MALA) would keep a stale one after a jump
        boolean jumping = whitened || jumpable && state.gradient() == null;
        for (int i = 0; i < p; i++) {
            jumpCount[i] = !jumping || !jumps(pops.get(i).size, d) ? 0
                    : pops.get(i).beta >= 1 ? config.jumps() : config.stageJumps();
            jumps = Math.max(jumps, jumpCount[i]);
        }
        double[] jumpAcceptance = new double[p];
        // the local moves' positions as the energy saw them
        float[] local = whitened ? Whitening.unwhiten(now, moveGroup, moveMeans, moveFactors, d) : now;
        if (jumps > 0) {
            boolean gradients = whitened;
            double[] energies = state.energy().clone();
            state.position().close();
            if (state.gradient() != null) {
                state.gradient().close();
            }
            now = Whitening.whiten(local, jumpGroup, means, factors, d);
            boolean[] jumped = new boolean[rows];
            for (int j = 0; j < jumps; j++) {
                double[] accepted = new double[p];
                for (int half = 0; half < 2; half++) {
                    halfJump(pops, offset, half, j, jumpCount, now, energies, beta, means, factors, run, counts, moved,
                            jumped, prior, question, accepted);
                }
                for (int i = 0; i < p; i++) {
                    if (j < jumpCount[i]) {
                        jumpAcceptance[i] += accepted[i] / pops.get(i).size;
                        if (j + 1 >= MIN_JUMPS && jumpAcceptance[i] >= acceptedJumps) {
                            jumpCount[i] = j + 1; // each particle has made about that many accepted jumps: enough
                        }
                    }
                }
            }
            for (int i = 0; i < p; i++) {
                jumpAcceptance[i] = jumpCount[i] > 0 ? jumpAcceptance[i] / jumpCount[i] : 0;
            }
            // back to x; particles that did not jump keep their exact positions
            float[] jumpedX = Whitening.unwhiten(now, jumpGroup, means, factors, d);
            if (gradients) {
                refreshGradients(jumped, jumpedX, beta, run, counts, prior, question, qgrad, gradX);
            }
            local = local.clone();
            for (int r = 0; r < rows; r++) {
                if (jumped[r]) {
                    System.arraycopy(jumpedX, r * d, local, r * d, d);
                }
            }
            state = null;
        }
        float[] finalX = local;
        float[] finalGradient = whitened || state == null || state.gradient() == null ? gradX
                : state.gradient().toType(DataType.FLOAT32, false).toFloatArray();
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
                    double delta = finalX[r * d + c] - x[r * d + c];
                    jump += delta * delta / pop.inverseMetric[c];
                }
            }
            out[i] = new Moves(moves, allAcceptance[i] / moves, movedCount / (double) pop.size, jump / pop.size,
                    jumpCount[i], jumpCount[i] > 0 ? jumpAcceptance[i] : Double.NaN);
        }
        return out;
    }

    /**
     * One mode jump of half of every population's particles (alternate rows): each proposes from a Gaussian mixture
     * fitted to the other half's positions, which stay fixed, so every half-step leaves the product of the tempered
     * targets invariant exactly (the complement's positions do not depend on the particle moved). Populations that
     * have made their {@code jumpCount} jumps sit out. Updates the whitened positions, energies and cached
     * components in place (not the gradients: {@link #refreshGradients} recomputes them after the last jump), marks
     * the particles that moved in {@code jumped}, and adds each population's summed acceptance probability to
     * {@code acceptance}.
     */
    private void halfJump(List<Population> pops, int[] offset, int half, int j, int[] jumpCount, float[] now,
            double[] energies, double[] beta, double[][] means, double[][][] factors, NDManager run, long[] counts,
            boolean[] moved, boolean[] jumped, double[] prior, double[] question, double[] acceptance) {
        int d = target.dimension();
        int p = pops.size();
        int[] hOffset = new int[p + 1];
        java.util.List<Integer> moving = new java.util.ArrayList<>();
        GaussianMixture[] proposals = new GaussianMixture[p];
        for (int i = 0; i < p; i++) {
            if (j >= jumpCount[i]) {
                hOffset[i + 1] = moving.size();
                continue; // this population has made its jumps of the stage
            }
            java.util.List<double[]> others = new java.util.ArrayList<>();
            java.util.List<Integer> mine = new java.util.ArrayList<>();
            int[] side = pops.get(i).sides();
            for (int r = offset[i]; r < offset[i + 1]; r++) {
                if (side[r - offset[i]] == half) {
                    mine.add(r);
                } else {
                    double[] row = new double[d];
                    for (int k = 0; k < d; k++) {
                        row[k] = now[r * d + k];
                    }
                    others.add(row);
                }
            }
            double[][] points = others.toArray(new double[0][]);
            // a side with no family on the other (one starting draw left) has nothing independent to jump with
            proposals[i] = points.length == 0 ? null : GaussianMixture.fit(points, MAX_COMPONENTS, random);
            if (proposals[i] != null) {
                moving.addAll(mine);
            }
            hOffset[i + 1] = moving.size();
        }
        int m = moving.size();
        int[] map = moving.stream().mapToInt(Integer::intValue).toArray();
        int[] owner = new int[m];
        float[] sub = new float[m * d];
        double[] subEnergy = new double[m];
        double[] subBeta = new double[m];
        for (int i = 0; i < p; i++) {
            java.util.Arrays.fill(owner, hOffset[i], hOffset[i + 1], i);
        }
        for (int c = 0; c < m; c++) {
            System.arraycopy(now, map[c] * d, sub, c * d, d);
            subEnergy[c] = energies[map[c]];
            subBeta[c] = beta[map[c]];
        }
        if (m == 0) {
            return;
        }
        TemperedEnergy tempered = new TemperedEnergy(target, subBeta, config.chunk());
        Energy energy = new WhitenedEnergy(tempered, Whitening.groups(hOffset), means, factors, target.bounds());
        Kernel jump = Independence.of(new Independence.Proposal() {
            @Override
            public double[] sample(int chain, ChainRandom r) {
                return proposals[owner[chain]].sample(r);
            }

            @Override
            public double logDensity(int chain, double[] x) {
                return proposals[owner[chain]].logDensity(x);
            }
        }, false);
        try (NDManager scope = run.newSubManager()) {
            ChainState start = new ChainState(scope.create(sub, new Shape(m, d)), subEnergy, null);
            Transition t = jump.step(start, energy, random);
            TransitionInfo info = t.info();
            absorb(info, tempered, counts, map, d, moved, prior, question, null, null);
            float[] position = t.state().position().toType(DataType.FLOAT32, false).toFloatArray();
            double[] energy2 = t.state().energy();
            double[] probability = info.acceptanceProbability();
            for (int c = 0; c < m; c++) {
                System.arraycopy(position, c * d, now, map[c] * d, d);
                energies[map[c]] = energy2[c];
                acceptance[owner[c]] += probability[c];
                jumped[map[c]] |= info.accepted()[c];
            }
        }
    }

    /**
     * The jumps decide on energies alone (one forward pass each, no gradient): afterwards the gradients of the
     * particles that jumped are computed at their positions {@code x} in one batched pass, so the population's cached
     * components and gradients are exact again.
     */
    private void refreshGradients(boolean[] jumped, float[] x, double[] beta, NDManager run, long[] counts,
            double[] prior, double[] question, float[] qgrad, float[] gradX) {
        int d = target.dimension();
        int m = 0;
        for (boolean j : jumped) {
            m += j ? 1 : 0;
        }
        if (m == 0) {
            return;
        }
        int[] map = new int[m];
        float[] sub = new float[m * d];
        double[] subBeta = new double[m];
        int c = 0;
        for (int r = 0; r < jumped.length; r++) {
            if (jumped[r]) {
                map[c] = r;
                subBeta[c] = beta[r];
                System.arraycopy(x, r * d, sub, c * d, d);
                c++;
            }
        }
        TemperedEnergy tempered = new TemperedEnergy(target, subBeta, config.chunk());
        try (NDManager scope = run.newSubManager()) {
            tempered.valueAndGradient(scope.create(sub, new Shape(m, d)));
            counts[0]++;
            counts[1] += m;
            for (c = 0; c < m; c++) {
                int r = map[c];
                System.arraycopy(tempered.lastQuestionGradient(), c * d, qgrad, r * d, d);
                System.arraycopy(tempered.lastGradient(), c * d, gradX, r * d, d);
                prior[r] = tempered.lastPrior()[c];
                question[r] = tempered.lastQuestion()[c];
            }
        }
    }

    /** Counts a transition and copies the cached components of its accepted proposals. */
    private static void absorb(TransitionInfo info, TemperedEnergy tempered, long[] counts, int[] map, int d, boolean[] moved,
            double[] prior, double[] question, float[] qgrad, float[] gradX) {
        boolean[] accepted = info.accepted();
        int rows = accepted.length;
        counts[0] += info.gradientEvaluations();
        counts[1] += (long) info.gradientEvaluations() * rows;
        counts[2] += info.nonFinite();
        counts[3] += info.divergent();
        counts[4] += info.outOfBounds();
        counts[5] += info.energyEvaluations();
        for (int c = 0; c < rows; c++) {
            if (accepted[c]) {
                int r = map == null ? c : map[c];
                moved[r] = true;
                prior[r] = tempered.lastPrior()[c];
                question[r] = tempered.lastQuestion()[c];
                if (qgrad != null) {
                    System.arraycopy(tempered.lastQuestionGradient(), c * d, qgrad, r * d, d);
                    System.arraycopy(tempered.lastGradient(), c * d, gradX, r * d, d);
                }
            }
        }
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }
}
