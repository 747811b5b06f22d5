package dev.probe.core.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.sampler.ChainState;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.EnergyGradient;
import dev.probe.core.sampler.Kernel;
import dev.probe.core.sampler.Transition;
import dev.probe.core.sampler.TransitionInfo;
import java.util.Locale;

/**
 * Instrumented copies of {@code sampler.Mala} and {@code sampler.Hmc} (same arithmetic, same random
 * stream, same package-private helpers copied from {@code Tensors}/{@code Acceptance}) that add up the
 * wall time of each section of a step. Unbounded energies only (the benchmark's). With {@code fixed}
 * they prototype the engine change suggested in BENCHMARK.md.
 */
final class ProfiledKernels {
    private ProfiledKernels() {}

    enum Section { RNG, CREATE, PROPOSE, GRADIENT, TO_JAVA, CORRECTION, FINITE, ACCEPT, SELECT, STEP }

    private static final long[] NANOS = new long[Section.values().length];
    private static long steps;
    private static long gradients;

    static void reset() {
        java.util.Arrays.fill(NANOS, 0);
        steps = 0;
        gradients = 0;
    }

    private static long mark(Section s, long since) {
        long now = System.nanoTime();
        NANOS[s.ordinal()] += now - since;
        return now;
    }

    /** Per-step breakdown in microseconds. */
    static String report(double bareMs) {
        if (steps == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder("    per step (µs, mean over " + steps + " steps incl. warm-up):");
        long other = 0;
        for (Section s : Section.values()) {
            if (s != Section.STEP) {
                other += NANOS[s.ordinal()];
            }
            sb.append(String.format(Locale.ROOT, " %s=%.0f", s.name().toLowerCase(Locale.ROOT), NANOS[s.ordinal()] / 1e3 / steps));
        }
        sb.append(String.format(Locale.ROOT, " unaccounted-in-step=%.0f%n",
                (NANOS[Section.STEP.ordinal()] - other) / 1e3 / steps));
        double gradPerStep = gradients / (double) steps;
        double gradMs = NANOS[Section.GRADIENT.ordinal()] / 1e6 / gradients;
        double stepMs = NANOS[Section.STEP.ordinal()] / 1e6 / steps;
        sb.append(String.format(Locale.ROOT,
                "    gradient section %.3f ms/eval vs bare %.3f ms (%.3f); kernel step %.3f ms = %.3f ms/eval; "
                        + "kernel-side non-gradient %.3f ms/step%n",
                gradMs, bareMs, gradMs / bareMs, stepMs, stepMs / gradPerStep,
                stepMs - gradMs * gradPerStep));
        return sb.toString();
    }

    static Kernel mala(double h, boolean fixed) {
        return new PMala(h, fixed);
    }

    static Kernel hmc(double eps, int l, boolean fixed) {
        return new PHmc(eps, l, null, fixed);
    }

    // ---- copies of the package-private helpers of dev.probe.core.sampler ----

    static double[] toDoubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    static double[] rowSumSquares(NDArray a) {
        return toDoubles(a.square().sum(new int[] {1}));
    }

    static boolean[] finiteRows(NDArray a) {
        double[] sums = toDoubles(a.sum(new int[] {1}));
        boolean[] ok = new boolean[sums.length];
        for (int c = 0; c < sums.length; c++) {
            ok[c] = Double.isFinite(sums[c]);
        }
        return ok;
    }

    static NDArray selectRows(boolean[] accepted, NDArray proposal, NDArray current) {
        Shape shape = current.getShape();
        int chains = accepted.length;
        int width = (int) (shape.size() / chains);
        boolean[] mask = new boolean[chains * width];
        for (int c = 0; c < chains; c++) {
            if (accepted[c]) {
                java.util.Arrays.fill(mask, c * width, (c + 1) * width, true);
            }
        }
        NDArray m = current.getManager().create(mask, shape);
        return NDArrays.where(m, proposal, current);
    }

    /** A {@code [C, d]} boolean mask, true on the rows of accepted chains. */
    static NDArray rowMask(boolean[] accepted, NDArray like) {
        Shape shape = like.getShape();
        int chains = accepted.length;
        int width = (int) (shape.size() / chains);
        boolean[] mask = new boolean[chains * width];
        for (int c = 0; c < chains; c++) {
            if (accepted[c]) {
                java.util.Arrays.fill(mask, c * width, (c + 1) * width, true);
            }
        }
        return like.getManager().create(mask, shape);
    }

    static EnergyGradient gradientScoped(Energy energy, NDArray x) {
        NDManager home = x.getManager();
        try (NDManager scratch = home.newSubManager()) {
            x.attach(scratch);
            EnergyGradient eg = energy.valueAndGradient(x);
            x.attach(home);
            eg.value().attach(home);
            eg.gradient().attach(home);
            return eg;
        }
    }

    static NDArray create(NDArray like, float[] values) {
        NDArray a = like.getManager().create(values, like.getShape());
        return like.getDataType() == DataType.FLOAT32 ? a : a.toType(like.getDataType(), false);
    }

    record Decision(boolean[] accepted, double[] probability, int nonFinite) {}

    static Decision decide(double[] current, double[] proposed, double[] logCorrection, boolean[] finite,
            ChainRandom random) {
        int chains = current.length;
        boolean[] accepted = new boolean[chains];
        double[] probability = new double[chains];
        int nonFinite = 0;
        for (int c = 0; c < chains; c++) {
            double u = random.nextDouble();
            double correction = logCorrection[c];
            if (!Double.isFinite(proposed[c]) || !Double.isFinite(correction) || !finite[c]) {
                nonFinite++;
                continue;
            }
            double logAlpha = current[c] - proposed[c] + correction;
            probability[c] = Math.min(1.0, Math.exp(logAlpha));
            if (Double.isNaN(probability[c])) {
                probability[c] = 0;
            }
            accepted[c] = u < probability[c];
        }
        return new Decision(accepted, probability, nonFinite);
    }

    static double[] select(boolean[] accepted, double[] proposed, double[] current) {
        double[] out = current.clone();
        for (int c = 0; c < out.length; c++) {
            if (accepted[c]) {
                out[c] = proposed[c];
            }
        }
        return out;
    }

    private static void requireUnbounded(Energy energy) {
        if (!energy.bounds().isUnbounded()) {
            throw new IllegalArgumentException("profiled kernels support unbounded energies only");
        }
    }

    /** Copy of {@code Mala.step} with timers. */
    static final class PMala implements Kernel {
        private final double stepSize;
        private final boolean fixed;

        PMala(double stepSize, boolean fixed) {
            this.stepSize = stepSize;
            this.fixed = fixed;
        }

        @Override
        public String name() {
            return "MALA";
        }

        @Override
        public ChainState init(NDArray position, Energy energy, ChainRandom random) {
            requireUnbounded(energy);
            EnergyGradient eg = gradientScoped(energy, position);
            return new ChainState(position, toDoubles(eg.value()), eg.gradient());
        }

        @Override
        public Transition step(ChainState state, Energy energy, ChainRandom random) {
            if (fixed) {
                return fusedStep(state, energy, random);
            }
            long begin = System.nanoTime();
            long t = begin;
            NDArray x = state.position();
            int chains = state.chains();
            float[] noise = random.normal((int) x.getShape().size());
            t = mark(Section.RNG, t);
            NDArray xi = create(x, noise);
            t = mark(Section.CREATE, t);
            NDArray proposal = x.sub(state.gradient().mul(stepSize)).add(xi.mul(Math.sqrt(2 * stepSize)));
            t = mark(Section.PROPOSE, t);
            EnergyGradient eg = gradientScoped(energy, proposal);
            t = mark(Section.GRADIENT, t);
            double[] proposed = toDoubles(eg.value());
            t = mark(Section.TO_JAVA, t);
            double[] reverse = rowSumSquares(x.sub(proposal).add(eg.gradient().mul(stepSize)));
            double[] forward = rowSumSquares(xi);
            double[] correction = new double[chains];
            for (int c = 0; c < chains; c++) {
                correction[c] = (-reverse[c] + 2 * stepSize * forward[c]) / (4 * stepSize);
            }
            t = mark(Section.CORRECTION, t);
            boolean[] finite = finiteRows(eg.gradient());
            t = mark(Section.FINITE, t);
            Decision d = decide(state.energy(), proposed, correction, finite, random);
            t = mark(Section.ACCEPT, t);
            ChainState next = new ChainState(
                    selectRows(d.accepted(), proposal, x),
                    select(d.accepted(), proposed, state.energy()),
                    selectRows(d.accepted(), eg.gradient(), state.gradient()));
            mark(Section.SELECT, t);
            mark(Section.STEP, begin);
            steps++;
            gradients++;
            return new Transition(next, new TransitionInfo(d.probability(), d.accepted(), d.nonFinite(), 0, 0, 1, 0));
        }

        /**
         * Prototype: same proposal, same random stream, same decisions, fewer JNI calls and copies:
         * |ξ|² per row from the Java noise array; energy, reverse residual and gradient row sums copied
         * to Java in one transfer; one mask tensor for both row selections.
         */
        private Transition fusedStep(ChainState state, Energy energy, ChainRandom random) {
            long begin = System.nanoTime();
            long t = begin;
            NDArray x = state.position();
            int chains = state.chains();
            int d = (int) (x.getShape().size() / chains);
            float[] noise = random.normal(chains * d);
            double[] forward = new double[chains];
            for (int c = 0; c < chains; c++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double v = noise[c * d + k];
                    s += v * v;
                }
                forward[c] = s;
            }
            t = mark(Section.RNG, t);
            NDArray xi = create(x, noise);
            t = mark(Section.CREATE, t);
            NDArray proposal = x.sub(state.gradient().mul(stepSize)).add(xi.mul(Math.sqrt(2 * stepSize)));
            t = mark(Section.PROPOSE, t);
            EnergyGradient eg = gradientScoped(energy, proposal);
            t = mark(Section.GRADIENT, t);
            NDArray reverseRows = x.sub(proposal).add(eg.gradient().mul(stepSize)).square().sum(new int[] {1});
            NDArray gradientRows = eg.gradient().sum(new int[] {1});
            double[] all = toDoubles(NDArrays.stack(new ai.djl.ndarray.NDList(eg.value(), reverseRows, gradientRows)));
            double[] proposed = java.util.Arrays.copyOfRange(all, 0, chains);
            double[] correction = new double[chains];
            boolean[] finite = new boolean[chains];
            for (int c = 0; c < chains; c++) {
                correction[c] = (-all[chains + c] + 2 * stepSize * forward[c]) / (4 * stepSize);
                finite[c] = Double.isFinite(all[2 * chains + c]);
            }
            t = mark(Section.TO_JAVA, t);
            Decision dec = decide(state.energy(), proposed, correction, finite, random);
            t = mark(Section.ACCEPT, t);
            NDArray mask = rowMask(dec.accepted(), x);
            ChainState next = new ChainState(
                    NDArrays.where(mask, proposal, x),
                    select(dec.accepted(), proposed, state.energy()),
                    NDArrays.where(mask, eg.gradient(), state.gradient()));
            mark(Section.SELECT, t);
            mark(Section.STEP, begin);
            steps++;
            gradients++;
            return new Transition(next, new TransitionInfo(dec.probability(), dec.accepted(), dec.nonFinite(), 0, 0, 1, 0));
        }

        @Override
        public double stepSize() {
            return stepSize;
        }

        @Override
        public Kernel withStepSize(double h) {
            return new PMala(h, fixed);
        }

        @Override
        public double targetAcceptance() {
            return 0.574;
        }

        @Override
        public boolean needsGradient() {
            return true;
        }

        @Override
        public String toString() {
            return "MALA(h=" + stepSize + ")";
        }
    }

    /** Copy of {@code Hmc.step} with timers. */
    static final class PHmc implements Kernel {
        private final double stepSize;
        private final int leapfrogSteps;
        private final double[] inverseMetric;
        private final boolean fixed;

        PHmc(double stepSize, int leapfrogSteps, double[] inverseMetric, boolean fixed) {
            this.stepSize = stepSize;
            this.leapfrogSteps = leapfrogSteps;
            this.inverseMetric = inverseMetric;
            this.fixed = fixed;
        }

        @Override
        public String name() {
            return "HMC";
        }

        @Override
        public ChainState init(NDArray position, Energy energy, ChainRandom random) {
            requireUnbounded(energy);
            EnergyGradient eg = gradientScoped(energy, position);
            return new ChainState(position, toDoubles(eg.value()), eg.gradient());
        }

        @Override
        public Transition step(ChainState state, Energy energy, ChainRandom random) {
            if (fixed) {
                return fusedStep(state, energy, random);
            }
            long begin = System.nanoTime();
            long t = begin;
            NDArray x = state.position();
            int chains = state.chains();
            int d = (int) (x.getShape().size() / chains);
            float[] noise = random.normal(chains * d);
            double eps = stepSize * (0.9 + 0.2 * random.nextDouble());
            t = mark(Section.RNG, t);
            NDArray minv = metric(x, d);
            NDArray p0 = create(x, noise).div(minv.sqrt());
            t = mark(Section.CREATE, t);
            NDArray q = x;
            NDArray grad = state.gradient();
            NDArray p = p0.sub(grad.mul(eps / 2));
            t = mark(Section.PROPOSE, t);
            EnergyGradient eg = null;
            for (int l = 0; l < leapfrogSteps; l++) {
                q = q.add(p.mul(minv).mul(eps));
                t = mark(Section.PROPOSE, t);
                eg = gradientScoped(energy, q);
                t = mark(Section.GRADIENT, t);
                grad = eg.gradient();
                p = p.sub(grad.mul(l == leapfrogSteps - 1 ? eps / 2 : eps));
                t = mark(Section.PROPOSE, t);
            }
            double[] proposed = toDoubles(eg.value());
            t = mark(Section.TO_JAVA, t);
            double[] k0 = toDoubles(p0.square().mul(minv).sum(new int[] {1}).div(2));
            double[] k1 = toDoubles(p.square().mul(minv).sum(new int[] {1}).div(2));
            double[] correction = new double[chains];
            for (int c = 0; c < chains; c++) {
                correction[c] = k0[c] - k1[c];
            }
            t = mark(Section.CORRECTION, t);
            boolean[] finite = finiteRows(grad);
            t = mark(Section.FINITE, t);
            Decision dec = decide(state.energy(), proposed, correction, finite, random);
            t = mark(Section.ACCEPT, t);
            ChainState next = new ChainState(
                    selectRows(dec.accepted(), q, x),
                    select(dec.accepted(), proposed, state.energy()),
                    selectRows(dec.accepted(), grad, state.gradient()));
            mark(Section.SELECT, t);
            mark(Section.STEP, begin);
            steps++;
            gradients += leapfrogSteps;
            return new Transition(next, new TransitionInfo(dec.probability(), dec.accepted(), dec.nonFinite(), 0, 0, leapfrogSteps, 0));
        }

        /** Prototype: momenta and initial kinetic energy in Java; one device-to-Java transfer; one mask. */
        private Transition fusedStep(ChainState state, Energy energy, ChainRandom random) {
            long begin = System.nanoTime();
            long t = begin;
            NDArray x = state.position();
            int chains = state.chains();
            int d = (int) (x.getShape().size() / chains);
            float[] noise = random.normal(chains * d);
            double eps = stepSize * (0.9 + 0.2 * random.nextDouble());
            float[] momenta = new float[chains * d];
            double[] k0 = new double[chains];
            for (int c = 0; c < chains; c++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double m = inverseMetric == null ? 1 : inverseMetric[k];
                    float pk = (float) (noise[c * d + k] / Math.sqrt((float) m));
                    momenta[c * d + k] = pk;
                    s += (double) pk * pk * (float) m;
                }
                k0[c] = s / 2;
            }
            t = mark(Section.RNG, t);
            NDArray minv = metric(x, d);
            NDArray p0 = create(x, momenta);
            t = mark(Section.CREATE, t);
            NDArray q = x;
            NDArray grad = state.gradient();
            NDArray p = p0.sub(grad.mul(eps / 2));
            NDArray minvEps = minv.mul(eps);
            t = mark(Section.PROPOSE, t);
            EnergyGradient eg = null;
            for (int l = 0; l < leapfrogSteps; l++) {
                q = q.add(p.mul(minvEps));
                t = mark(Section.PROPOSE, t);
                eg = gradientScoped(energy, q);
                t = mark(Section.GRADIENT, t);
                grad = eg.gradient();
                p = p.sub(grad.mul(l == leapfrogSteps - 1 ? eps / 2 : eps));
                t = mark(Section.PROPOSE, t);
            }
            NDArray k1Rows = p.square().mul(minv).sum(new int[] {1}).div(2);
            NDArray gradRows = grad.sum(new int[] {1});
            double[] all = toDoubles(NDArrays.stack(new ai.djl.ndarray.NDList(eg.value(), k1Rows, gradRows)));
            double[] proposed = java.util.Arrays.copyOfRange(all, 0, chains);
            double[] correction = new double[chains];
            boolean[] finite = new boolean[chains];
            for (int c = 0; c < chains; c++) {
                correction[c] = k0[c] - all[chains + c];
                finite[c] = Double.isFinite(all[2 * chains + c]);
            }
            t = mark(Section.TO_JAVA, t);
            Decision dec = decide(state.energy(), proposed, correction, finite, random);
            t = mark(Section.ACCEPT, t);
            NDArray mask = rowMask(dec.accepted(), x);
            ChainState next = new ChainState(
                    NDArrays.where(mask, q, x),
                    select(dec.accepted(), proposed, state.energy()),
                    NDArrays.where(mask, grad, state.gradient()));
            mark(Section.SELECT, t);
            mark(Section.STEP, begin);
            steps++;
            gradients += leapfrogSteps;
            return new Transition(next, new TransitionInfo(dec.probability(), dec.accepted(), dec.nonFinite(), 0, 0, leapfrogSteps, 0));
        }

        private NDArray metric(NDArray x, int d) {
            float[] m = new float[d];
            for (int k = 0; k < d; k++) {
                m[k] = inverseMetric == null ? 1f : (float) inverseMetric[k];
            }
            NDArray a = x.getManager().create(m).reshape(1, d);
            return a.toType(x.getDataType(), false);
        }

        @Override
        public double stepSize() {
            return stepSize;
        }

        @Override
        public Kernel withStepSize(double epsilon) {
            return new PHmc(epsilon, leapfrogSteps, inverseMetric, fixed);
        }

        @Override
        public boolean usesMetric() {
            return true;
        }

        @Override
        public Kernel withInverseMetric(double[] diagonal) {
            return new PHmc(stepSize, leapfrogSteps, diagonal.clone(), fixed);
        }

        @Override
        public double targetAcceptance() {
            return 0.8;
        }

        @Override
        public boolean needsGradient() {
            return true;
        }

        @Override
        public String toString() {
            return "HMC(eps=" + stepSize + ", L=" + leapfrogSteps + ")";
        }
    }
}
