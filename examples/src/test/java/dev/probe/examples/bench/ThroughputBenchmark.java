package dev.probe.examples.bench;

import dev.probe.examples.models.BundledModel;
import dev.probe.examples.models.LoadedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput of the example suite's real workload (a benchmark program, not a test): the bundled MNIST
 * VAE decoder and CNN under the suite's high-confidence, ambivalent and interpolation queries.
 *
 * <ol>
 *   <li>ceiling: the nominal fp32 peak ({@code --peak-gflops}, default 166 GFLOP/s as in issue 11) for
 *       "% of ceiling", and the fp32 GEMM GFLOP/s measured now (a 2048² matrix product) for comparison;
 *   <li>sweep: the high-confidence energy per batch size, forward+backward in tuned row chunks and in one
 *       whole batch, and forward-only (scoring prior draws), in rows per second;
 *   <li>reference: the same energy in plain PyTorch 1.13 ({@code examples/scripts/bench_reference.py}),
 *       including a plain MALA loop;
 *   <li>sampler: real {@code Probe.sample} runs per workload, kernel and chain count: chain-steps/s, ESS/s of
 *       attained samples, % of ceiling, resident memory;
 *   <li>float paths (only with {@code --float-paths DIR}, see {@link FloatPaths}).
 * </ol>
 * Run from the repository root (see BENCHMARK.md):
 * <pre>
 * ./mvnw -q -pl examples -am -Pthroughput process-test-classes
 * ./mvnw -q -pl examples -am -Pthroughput process-test-classes -Dbench.args="--sweep 128,1024 --sampler-chains 128"
 * </pre>
 */
public final class ThroughputBenchmark {
    private ThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (!"true".equalsIgnoreCase(System.getenv("DJL_OFFLINE")) || !"true".equalsIgnoreCase(System.getenv("OPT_OUT_TRACKING"))) {
            System.err.println("Refusing to start DJL: set DJL_OFFLINE=true and OPT_OUT_TRACKING=true (the throughput "
                    + "profile of examples/pom.xml does).");
            System.exit(2);
        }
        Options o = Options.parse(args);
        System.out.println("Probe throughput benchmark\n" + Machine.settings());
        System.out.println("load before: " + Machine.load());
        long t0 = System.nanoTime();
        StringBuilder report = new StringBuilder();
        try (LoadedModel cnn = Workload.load(BundledModel.MNIST_CNN); LoadedModel vae = Workload.load(BundledModel.MNIST_VAE)) {
            List<Workload> workloads = Workload.suite(cnn, vae);
            double gemm = Machine.gemmGflops(2048, 3);
            double ceiling = o.peakGflops;
            report.append(Machine.format("fp32 ceiling %.0f GFLOP/s (--peak-gflops; issue 11: 2 cores at ≈ 166); fp32 GEMM "
                    + "measured now (2048² matrix product, best of repeats): %.0f GFLOP/s; one row forward %.1f MFLOP, "
                    + "forward+backward %.1f MFLOP; load %s%n%n", ceiling, gemm, Workload.FORWARD_FLOPS / 1e6,
                    Workload.FORWARD_BACKWARD_FLOPS / 1e6, Machine.load()));
            Map<Integer, NetworkSweep.Point> sweep = new LinkedHashMap<>();
            for (int n : o.sweep) {
                NetworkSweep.Point p = NetworkSweep.measure(workloads.get(0), n, o.seconds);
                sweep.put(n, p);
                System.out.printf(Locale.ROOT, "sweep %5d rows: fwd+bwd %.0f rows/s (chunk %d, CPU %.3f ms/row), whole %.0f "
                        + "(CPU %.3f), forward %.0f (chunk %d, CPU %.3f); load %s%n", n, p.gradientRowsPerSecond(),
                        p.gradientChunk(), p.gradientCpuMsPerRow(), p.wholeGradientRowsPerSecond(),
                        p.wholeGradientCpuMsPerRow(), p.forwardRowsPerSecond(), p.forwardChunk(), p.forwardCpuMsPerRow(),
                        Machine.load());
            }
            Map<Integer, PyTorchReference.Point> reference = o.reference.isEmpty() ? Map.of()
                    : PyTorchReference.run(o.examplesDir, o.reference, o.seconds, o.threads);
            if (!sweep.isEmpty() || !reference.isEmpty()) {
                report.append(sweepTable(sweep, reference, ceiling)).append("load after sweep and reference: ")
                        .append(Machine.load()).append("\n\n");
            }
            if (o.floatPaths != null) {
                report.append(FloatPaths.run(workloads.get(0), o.floatPaths, 128, o.seconds)).append("load after: ")
                        .append(Machine.load()).append("\n\n");
            }
            List<SamplerRun> runs = new ArrayList<>();
            for (Workload w : workloads) {
                if (!o.workloads.stream().anyMatch(k -> w.name().startsWith(k))) {
                    continue;
                }
                List<String> kernels = w == workloads.get(0) ? o.kernels
                        : o.kernels.stream().filter(k -> k.equals("mala") || k.equals("smc")).toList();
                for (String k : kernels) {
                    for (int n : o.samplerChains) {
                        int iterations = iterations(o, sweep, n, k);
                        SamplerRun r = SamplerRun.run(w, k, n, iterations, 11);
                        runs.add(r);
                        System.out.printf(Locale.ROOT, "run %-22s %-9s %5d chains: %.0f chain-steps/s, ESS/s attained %.2f, "
                                + "total %.1f s, RSS %.0f MiB; load %s%n", w.name(), r.kernel(), n, r.chainStepsPerSecond(),
                                r.attainedEssPerSecond(), r.totalSeconds(), r.residentMiB(), Machine.load());
                    }
                }
            }
            if (!runs.isEmpty()) {
                report.append(samplerTable(runs, ceiling)).append("load after sampler runs: ").append(Machine.load())
                        .append('\n');
            }
            report.append(goals(sweep, runs));
        }
        System.out.println();
        System.out.print(report);
        System.out.printf(Locale.ROOT, "total benchmark time %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Iterations of a sampler run: about {@code budget} seconds at the swept speed, at least 60. */
    private static int iterations(Options o, Map<Integer, NetworkSweep.Point> sweep, int chains, String kernel) {
        NetworkSweep.Point p = sweep.get(chains);
        boolean mh = kernel.equalsIgnoreCase("mh");
        // smc: the same chains × (warm-up + draws) budget as MALA (SmcConfig.fromBudget sizes the particles)
        double rowsPerSecond = p == null ? 1500 : mh ? p.forwardRowsPerSecond() : p.gradientRowsPerSecond();
        double stepsPerSecond = rowsPerSecond / chains / (kernel.equalsIgnoreCase("hmc") ? 4 : 1);
        return (int) Math.max(60, Math.min(1000, o.budget * stepsPerSecond));
    }

    private static String sweepTable(Map<Integer, NetworkSweep.Point> sweep, Map<Integer, PyTorchReference.Point> ref,
            double ceiling) {
        MarkdownTable t = new MarkdownTable("rows", "fwd+bwd rows/s (tuned chunks)", "CPU ms/row", "chunk",
                "% of fp32 ceiling", "fwd+bwd rows/s (whole batch)", "CPU ms/row", "forward-only rows/s (scored draws)",
                "CPU ms/row", "chunk", "forward ÷ fwd+bwd",
                "PyTorch 1.13 fwd+bwd rows/s", "PyTorch 1.13 forward rows/s", "PyTorch 1.13 MALA chain-steps/s");
        for (NetworkSweep.Point p : sweep.values()) {
            PyTorchReference.Point r = ref.get(p.rows());
            t.add(p.rows(), f0(p.gradientRowsPerSecond()), f3(p.gradientCpuMsPerRow()), p.gradientChunk(),
                    Machine.format("%.0f%%", 100 * p.gradientRowsPerSecond() * Workload.FORWARD_BACKWARD_FLOPS / 1e9 / ceiling),
                    f0(p.wholeGradientRowsPerSecond()), f3(p.wholeGradientCpuMsPerRow()), f0(p.forwardRowsPerSecond()),
                    f3(p.forwardCpuMsPerRow()), p.forwardChunk(),
                    Machine.format("%.2f", p.forwardRowsPerSecond() / p.gradientRowsPerSecond()),
                    r == null ? "–" : f0(r.forwardBackward()), r == null ? "–" : f0(r.forward()),
                    r == null ? "–" : f0(r.malaChainSteps()));
        }
        return t.toString();
    }

    private static String samplerTable(List<SamplerRun> runs, double ceiling) {
        MarkdownTable t = new MarkdownTable("workload", "kernel", "chains", "warm-up + draws", "chain-steps/s",
                "network rows/s", "% of fp32 ceiling", "min ESS", "attained", "ESS/s of attained",
                "eff. attained / wall s", "accept", "sampling s", "total s", "RSS MiB");
        for (SamplerRun r : runs) {
            t.add(r.workload().name(), r.kernel(), r.chains(), r.warmup() + " + " + r.draws(),
                    r.isPopulation() ? "–" : f0(r.chainStepsPerSecond()), f0(r.rowsPerSecond()),
                    Machine.format("%.0f%%", 100 * r.rowsPerSecond() * r.flopsPerRow() / 1e9 / ceiling),
                    f0(r.diagnostics().minEss()), Machine.format("%.2f", r.attained()),
                    r.isPopulation() ? "–" : Machine.format("%.2f", r.attainedEssPerSecond()),
                    Machine.format("%.2f", r.effectiveAttainedPerSecond()), Machine.format("%.2f", r.diagnostics().meanAcceptance()),
                    Machine.format("%.1f", r.diagnostics().samplingSeconds()), Machine.format("%.1f", r.totalSeconds()),
                    f0(r.residentMiB()));
        }
        return t.toString();
    }

    /** The goals of issue 11, as measured in this run. */
    private static String goals(Map<Integer, NetworkSweep.Point> sweep, List<SamplerRun> runs) {
        StringBuilder sb = new StringBuilder("\nGoals of issue 11 (this run):\n");
        NetworkSweep.Point at128 = sweep.get(128);
        if (at128 != null) {
            double worst = Double.POSITIVE_INFINITY;
            int worstRows = 0;
            for (NetworkSweep.Point p : sweep.values()) {
                if (p.rows() >= 128 && p.gradientRowsPerSecond() < worst) {
                    worst = p.gradientRowsPerSecond();
                    worstRows = p.rows();
                }
            }
            sb.append(Machine.format("- no batch size >= 128 below the 128-row figure: slowest %d rows at %.2f x the 128-row "
                    + "fwd+bwd rate%n", worstRows, worst / at128.gradientRowsPerSecond()));
            NetworkSweep.Point at1024 = sweep.get(1024);
            if (at1024 != null) {
                sb.append(Machine.format("- forward-only scoring vs fwd+bwd at 1024 rows: %.2f x (goal >= 3)%n",
                        at1024.forwardRowsPerSecond() / at1024.gradientRowsPerSecond()));
            }
        }
        double best = 0;
        int bestChains = 0;
        Map<Integer, Double> mala = new LinkedHashMap<>();
        for (SamplerRun r : runs) {
            if (r.kernel().equals("MALA") && r.workload().name().startsWith("high")) {
                mala.put(r.chains(), r.chainStepsPerSecond());
                if (r.chainStepsPerSecond() > best) {
                    best = r.chainStepsPerSecond();
                    bestChains = r.chains();
                }
            }
        }
        if (best > 0) {
            sb.append(Machine.format("- best MALA chain-steps/s (high confidence): %.0f at %d chains (goal >= 1500)%n", best,
                    bestChains));
        }
        if (mala.containsKey(128) && mala.containsKey(1024)) {
            sb.append(Machine.format("- MALA at 1024 chains vs 128 chains: %.2f x (goal >= 1)%n", mala.get(1024) / mala.get(128)));
        }
        for (SamplerRun mh : runs) {
            if (mh.kernel().equals("MH") && mala.containsKey(mh.chains()) && mh.workload().name().startsWith("high")) {
                sb.append(Machine.format("- MH (forward-only energies) vs MALA chain-steps/s at %d chains: %.2f x%n", mh.chains(),
                        mh.chainStepsPerSecond() / mala.get(mh.chains())));
            }
        }
        return sb.toString();
    }

    private static String f3(double v) {
        return Machine.format("%.3f", v);
    }

    private static String f0(double v) {
        return Machine.format("%.0f", v);
    }

    /** Command-line options (see BENCHMARK.md). */
    private static final class Options {
        List<Integer> sweep = List.of(1, 16, 64, 128, 256, 512, 1024, 2048, 4096);
        List<Integer> samplerChains = List.of(16, 128, 1024);
        List<Integer> reference = List.of(16, 128, 1024);
        List<String> kernels = List.of("mala", "hmc", "mh", "smc");
        List<String> workloads = List.of("high", "ambivalent", "interpolation");
        double budget = 20;
        double seconds = 3;
        double peakGflops = 166;
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", 2);
        Path examplesDir = Path.of(System.getProperty("probe.examples.dir", "examples"));
        Path floatPaths;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--sweep" -> o.sweep = ints(args[++i]);
                    case "--sampler-chains" -> o.samplerChains = ints(args[++i]);
                    case "--reference" -> o.reference = ints(args[++i]);
                    case "--kernels" -> o.kernels = List.of(args[++i].toLowerCase(Locale.ROOT).split(","));
                    case "--workloads" -> o.workloads = List.of(args[++i].toLowerCase(Locale.ROOT).split(","));
                    case "--budget" -> o.budget = Double.parseDouble(args[++i]);
                    case "--seconds" -> o.seconds = Double.parseDouble(args[++i]);
                    case "--float-paths" -> o.floatPaths = Path.of(args[++i]);
                    case "--peak-gflops" -> o.peakGflops = Double.parseDouble(args[++i]);
                    default -> {
                        if (!args[i].isBlank()) {
                            throw new IllegalArgumentException("Unknown option " + args[i] + "; see BENCHMARK.md");
                        }
                    }
                }
            }
            return o;
        }

        private static List<Integer> ints(String csv) {
            return csv.isBlank() || csv.equals("none") ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
        }
    }
}
