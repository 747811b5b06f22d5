package dev.probe.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The plain-PyTorch reference ({@code examples/scripts/bench_reference.py}, Debian's python3-torch), run in
 * the same benchmark run on the same energy and weights: eager modules, whole batches, a plain MALA loop.
 */
final class PyTorchReference {
    /** Rows per second of one batch size: forward+backward, forward-only, and MALA chain-steps. */
    record Point(double forwardBackward, double forward, double malaChainSteps) {}

    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\": ([0-9.eE+-]+)");

    private PyTorchReference() {}

    /**
     * Runs the script; returns points by batch size, empty (with the reason on stderr) when
     * {@code /usr/bin/python3} has no torch.
     */
    static Map<Integer, Point> run(Path examplesDir, List<Integer> chains, double seconds, int threads) {
        Map<Integer, Point> out = new LinkedHashMap<>();
        Path script = examplesDir.resolve("scripts/bench_reference.py");
        Path fixtures = examplesDir.resolve("src/test/resources/torchscript");
        if (!Files.isRegularFile(script) || !Files.isRegularFile(Path.of("/usr/bin/python3"))) {
            System.err.println("PyTorch reference skipped: no " + script + " or /usr/bin/python3");
            return out;
        }
        String list = chains.stream().map(String::valueOf).collect(Collectors.joining(","));
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), fixtures.toString(), "--chains", list,
                "--seconds", String.valueOf(seconds), "--threads", String.valueOf(threads)).redirectErrorStream(true);
        try {
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println("  [pytorch] " + line);
                    Map<String, Double> v = new LinkedHashMap<>();
                    Matcher m = NUMBER.matcher(line);
                    while (m.find()) {
                        v.put(m.group(1), Double.parseDouble(m.group(2)));
                    }
                    if (v.containsKey("chains") && v.containsKey("mala_chain_steps_per_s")) {
                        out.put(v.get("chains").intValue(), new Point(v.get("fwd_bwd_rows_per_s"),
                                v.get("forward_rows_per_s"), v.get("mala_chain_steps_per_s")));
                    }
                }
            }
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            if (p.exitValue() != 0) {
                System.err.println("PyTorch reference exited with " + p.exitValue()
                        + " (install Debian's python3-torch: apt-get install -y python3-torch)");
            }
        } catch (IOException e) {
            System.err.println("PyTorch reference failed to start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
