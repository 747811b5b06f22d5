package dev.probe.core.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.Autograd;
import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.Energy;
import dev.probe.core.autograd.ValueAndGradient;
import dev.probe.core.sampler.Hmc;
import dev.probe.core.sampler.Kernel;
import dev.probe.core.sampler.Mala;
import dev.probe.core.sampler.Sampler;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.sampler.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Throughput benchmark of the batched samplers (not a unit test: its name does not end in "Test").
 *
 * <p>Energy: {@code U(z) = |z|²/2 + (softmax(f(g(z)))_c − 1)² / (2·0.05²)} with a random decoder
 * {@code g} (5 → 400 → 784, sigmoid) and the paper-000 MNIST CNN {@code f} (see {@link BenchModels}).
 * For each chain count it first times a bare forward+backward of one {@code [N, 5]} batch through the
 * same energy ({@link Autograd#valueAndGradient} in a sub-manager, median of repeats), then runs the
 * real {@link Sampler} with MALA and HMC for a number of iterations chosen from that time so each run
 * takes about {@code --budget} seconds, and reports chain-steps/s, ESS/s and the overhead ratio
 * {@code (sampling seconds / sampling gradient evaluations) / bare seconds}.
 *
 * <p>Run from the repository root (see BENCHMARK.md):
 * <pre>
 * ./mvnw -q -pl probe-core test-compile exec:exec@bench
 * ./mvnw -q -pl probe-core test-compile exec:exec@bench -Dbench.args="--chains 16,128 --budget 10 --profile"
 * </pre>
 *
 * <p>Options: {@code --chains 1,16,128,1024}, {@code --budget SECONDS} (per sampler run, default 15),
 * {@code --leapfrog L} (HMC, default 4), {@code --kernels mala,hmc}, {@code --profile} (adds rows for
 * instrumented copies of the kernels with a per-section time breakdown, and for the prototype fix).
 */
public final class SamplerBenchmark {
    private static final int CLASS = 3;
    private static final int MODEL_SEED = 20240601;

    private SamplerBenchmark() {}

    record Row(String kernel, int chains, int warmup, int steps, int perIteration, double wall, double sampling,
            long samplingGrads, double minEss, double accept, double step, double maxRhat, double bareMs,
            double bareBeforeMs, double bareAfterMs, double inRunMs) {

        double chainStepsPerSecond() {
            return chains * (double) steps / sampling;
        }

        double gradsPerSecond() {
            return samplingGrads / sampling;
        }

        double samplerMsPerGrad() {
            return 1000 * sampling / samplingGrads;
        }

        double ratio() {
            return samplerMsPerGrad() / bareMs;
        }

        /** Sampling time over time inside the energy's forward+backward, same window (load-robust). */
        double inRunRatio() {
            return samplerMsPerGrad() / inRunMs;
        }
    }

    public static void main(String[] args) throws Exception {
        requireOffline();
        List<Integer> chainCounts = List.of(1, 16, 128, 1024);
        double budget = 15;
        int leapfrog = 4;
        List<String> kernels = List.of("mala", "hmc");
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--chains":
                    chainCounts = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::valueOf).toList();
                    break;
                case "--budget":
                    budget = Double.parseDouble(args[++i]);
                    break;
                case "--leapfrog":
                    leapfrog = Integer.parseInt(args[++i]);
                    break;
                case "--kernels":
                    kernels = List.of(args[++i].toLowerCase(Locale.ROOT).split(","));
                    break;
                case "--profile":
                    profile = true;
                    break;
                default:
                    if (!args[i].isBlank()) {
                        throw new IllegalArgumentException("Unknown option " + args[i]);
                    }
            }
        }
        printEnvironment();
        long t0 = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        try (BenchModels models = new BenchModels(MODEL_SEED, CLASS); NDManager base = NDManager.newBaseManager()) {
            System.out.println("models: " + models.describe());
            Function<NDArray, NDArray> u = models.energy();
            Energy energy = Energies.differentiable(BenchModels.LATENT, u);
            // Warm the engine (first calls are slow) so the first row is not penalised.
            bareMs(base, u, 16, 0.5);
            for (int chains : chainCounts) {
                for (String k : kernels) {
                    boolean hmc = k.startsWith("hmc");
                    int per = hmc ? leapfrog : 1;
                    double before = bareMs(base, u, chains, 1.0);
                    // Run length from the measured cost: about `budget` seconds of gradient evaluations.
                    int iterations = (int) Math.min(1000, budget * 1000 / before / per);
                    int warmup = clamp(iterations / 5, 4, hmc ? 150 : 300);
                    int draws = clamp(iterations - warmup, 8, 2000);
                    SamplerConfig config = SamplerConfig.builder().chains(chains).warmup(warmup).draws(draws)
                            .seed(11).build();
                    List<Kernel> variants = new ArrayList<>();
                    List<String> names = new ArrayList<>();
                    variants.add(hmc ? Hmc.of(0.1, leapfrog) : Mala.of(0.05));
                    names.add(hmc ? "HMC(L=" + leapfrog + ")" : "MALA");
                    if (profile) {
                        variants.add(hmc ? ProfiledKernels.hmc(0.1, leapfrog, false) : ProfiledKernels.mala(0.05, false));
                        names.add(hmc ? "HMC-profiled" : "MALA-profiled");
                        variants.add(hmc ? ProfiledKernels.hmc(0.1, leapfrog, true) : ProfiledKernels.mala(0.05, true));
                        names.add(hmc ? "HMC-fixed" : "MALA-fixed");
                    }
                    for (int v = 0; v < variants.size(); v++) {
                        ProfiledKernels.reset();
                        TimedEnergy timed = new TimedEnergy(energy, 1 + (long) warmup * per);
                        Trace trace = new Sampler(config).run(variants.get(v), timed);
                        double after = bareMs(base, u, chains, 1.0);
                        Diagnostics d = trace.diagnostics();
                        long samplingGrads = (long) draws * per;
                        if (timed.timedCalls() != samplingGrads) {
                            throw new IllegalStateException("expected " + samplingGrads + " sampling gradient evaluations, "
                                    + "timed " + timed.timedCalls());
                        }
                        Row row = new Row(names.get(v), chains, warmup, draws, per, d.wallSeconds(),
                                d.samplingSeconds(), samplingGrads, d.minEss(), d.meanAcceptance(), d.stepSize(),
                                d.maxRhat(), (before + after) / 2, before, after, 1000 * timed.seconds() / samplingGrads);
                        rows.add(row);
                        System.out.printf(Locale.ROOT, "done %-14s chains=%4d warmup=%d draws=%d wall=%.1fs bare %.2f/%.2f ms, "
                                + "in-run fwd+bwd %.2f ms, sampler %.2f ms/eval: ratio %.3f, in-run ratio %.3f%n",
                                row.kernel(), chains, warmup, draws, row.wall(), before, after, row.inRunMs(),
                                row.samplerMsPerGrad(), row.ratio(), row.inRunRatio());
                        if (v > 0) {
                            System.out.print(ProfiledKernels.report(row.bareMs()));
                        }
                        before = after;
                    }
                }
            }
        }
        System.out.println();
        System.out.print(table(rows));
        System.out.println();
        System.out.print(details(rows));
        System.out.printf(Locale.ROOT, "%ntotal benchmark time %.0f s; load after: %s%n", (System.nanoTime() - t0) / 1e9,
                loadAverage());
    }

    /** Median milliseconds of a bare forward+backward of one {@code [n, 5]} batch, repeated for about {@code seconds}. */
    static double bareMs(NDManager base, Function<NDArray, NDArray> u, int n, double seconds) {
        Random r = new Random(5);
        float[] z = new float[n * BenchModels.LATENT];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        try (NDManager m = base.newSubManager()) {
            NDArray x = m.create(z, new Shape(n, BenchModels.LATENT));
            for (int i = 0; i < 1; i++) {
                once(m, x, u);
            }
            List<Double> times = new ArrayList<>();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (times.size() < 3 || (System.nanoTime() < end && times.size() < 2000)) {
                long a = System.nanoTime();
                once(m, x, u);
                times.add((System.nanoTime() - a) / 1e6);
            }
            return median(times);
        }
    }

    private static void once(NDManager home, NDArray x, Function<NDArray, NDArray> u) {
        try (NDManager scratch = home.newSubManager()) {
            x.attach(scratch);
            ValueAndGradient eg = Autograd.valueAndGradient(x, u);
            if (eg.gradient().getShape().size() != x.getShape().size()) {
                throw new IllegalStateException("gradient shape " + eg.gradient().getShape());
            }
            x.attach(home);
        }
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| kernel | chains | steps | wall s | chain-steps/s | gradient evals/s | min ESS | ESS/s "
                + "| bare fwd+bwd ms | sampler ms per grad eval | overhead ratio | in-run fwd+bwd ms | in-run ratio |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.0f | %.2f | %.0f | %.1f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                    r.kernel(), r.chains(), r.steps(), r.wall(), r.chainStepsPerSecond(), r.gradsPerSecond(),
                    r.minEss(), r.minEss() / r.sampling(), r.bareMs(), r.samplerMsPerGrad(), r.ratio(), r.inRunMs(),
                    r.inRunRatio()));
        }
        return sb.toString();
    }

    static String details(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| kernel | chains | warm-up its | sampling its | grad evals/it | sampling s | accept | step "
                + "| max R-hat | bare before ms | bare after ms |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.2f | %.3f | %.4g | %.3f | %.3f | %.3f |%n",
                    r.kernel(), r.chains(), r.warmup(), r.steps(), r.perIteration(), r.sampling(), r.accept(),
                    r.step(), r.maxRhat(), r.bareBeforeMs(), r.bareAfterMs()));
        }
        return sb.toString();
    }

    private static void requireOffline() {
        String offline = firstNonNull(System.getenv("DJL_OFFLINE"), System.getProperty("DJL_OFFLINE"));
        String tracking = firstNonNull(System.getenv("OPT_OUT_TRACKING"), System.getProperty("OPT_OUT_TRACKING"));
        if (!"true".equalsIgnoreCase(offline) || !"true".equalsIgnoreCase(tracking)) {
            System.err.println("Refusing to start DJL: set DJL_OFFLINE=true and OPT_OUT_TRACKING=true "
                    + "(the exec:exec@bench execution in probe-core/pom.xml does).");
            System.exit(2);
        }
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static void printEnvironment() {
        System.out.println("Probe sampler benchmark");
        System.out.println("java " + System.getProperty("java.version") + ", cores " + Runtime.getRuntime().availableProcessors()
                + ", env DJL_OFFLINE=" + System.getenv("DJL_OFFLINE") + " OPT_OUT_TRACKING=" + System.getenv("OPT_OUT_TRACKING")
                + ", properties DJL_OFFLINE=" + System.getProperty("DJL_OFFLINE") + " OPT_OUT_TRACKING="
                + System.getProperty("OPT_OUT_TRACKING")
                + ", ai.djl.offline=" + System.getProperty("ai.djl.offline"));
        System.out.println("num_threads=" + System.getProperty("ai.djl.pytorch.num_threads") + ", num_interop_threads="
                + System.getProperty("ai.djl.pytorch.num_interop_threads") + ", graph_optimizer="
                + System.getProperty("ai.djl.pytorch.graph_optimizer") + ", LD_PRELOAD="
                + System.getenv().getOrDefault("LD_PRELOAD", ""));
        System.out.println("engine " + Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion()
                + "; load before: " + loadAverage());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }
}
