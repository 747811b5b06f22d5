package dev.probe.examples.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** What the numbers depend on: load, settings, resident memory, and the measured fp32 GEMM ceiling. */
final class Machine {
    private Machine() {}

    /** {@code /proc/loadavg}: 1, 5 and 15 minute load averages and runnable/total threads. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** Resident set size of this process in MiB (native tensors included). */
    static double residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return Double.NaN;
    }

    /** CPU seconds (user + system, all threads) this process has used so far. */
    static double cpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    static String settings() {
        StringBuilder sb = new StringBuilder();
        sb.append("java ").append(System.getProperty("java.version")).append(", cores ")
                .append(Runtime.getRuntime().availableProcessors()).append(", engine ")
                .append(Engine.getInstance().getEngineName()).append(' ').append(Engine.getInstance().getVersion())
                .append('\n');
        for (String v : new String[] {"DJL_OFFLINE", "OPT_OUT_TRACKING", "MKL_CBWR", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT",
                "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "LD_PRELOAD", "PROBE_CHUNK"}) {
            sb.append(v).append('=').append(System.getenv().getOrDefault(v, "")).append(' ');
        }
        sb.append("\nai.djl.pytorch.num_threads=").append(System.getProperty("ai.djl.pytorch.num_threads"))
                .append(" num_interop_threads=").append(System.getProperty("ai.djl.pytorch.num_interop_threads"))
                .append(" graph_optimizer=").append(System.getProperty("ai.djl.pytorch.graph_optimizer"))
                .append(" probe.chunk=").append(System.getProperty("probe.chunk", "(default)"));
        return sb.toString();
    }

    /** Best GFLOP/s of an fp32 {@code n×n · n×n} matrix product repeated for about {@code seconds} (least disturbed). */
    static double gemmGflops(int n, double seconds) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
            List<Double> times = new ArrayList<>();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            try (NDManager s = m.newSubManager()) {
                a.matMul(b).attach(s); // warm-up
            }
            while (times.size() < 3 || System.nanoTime() < end) {
                long t = System.nanoTime();
                try (NDManager s = m.newSubManager()) {
                    NDArray c = a.matMul(b);
                    c.attach(s);
                    c.getFloat(0, 0);
                }
                times.add((System.nanoTime() - t) / 1e9);
            }
            Collections.sort(times);
            return 2.0 * n * n * n / times.get(0) / 1e9;
        }
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
