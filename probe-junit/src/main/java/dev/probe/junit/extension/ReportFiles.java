package dev.probe.junit.extension;

import dev.probe.core.result.ProbeResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the files of one invocation's report. */
final class ReportFiles {
    private ReportFiles() {}

    static List<ProbeReport.ReportFile> render(ProbeSpec spec, ProbeResult result, Path dir) throws IOException {
        List<ProbeReport.ReportFile> files = new ArrayList<>();
        Path summary = dir.resolve("summary.txt");
        Files.writeString(summary, spec.displayName() + System.lineSeparator() + result.summary() + System.lineSeparator()
                + "settings: " + spec.settings().summary() + System.lineSeparator()
                + "setting sources: " + spec.settings().sources() + System.lineSeparator(), StandardCharsets.UTF_8);
        files.add(new ProbeReport.ReportFile("summary", "text/plain", summary));
        Path diagnostics = dir.resolve("diagnostics.txt");
        Files.writeString(diagnostics, result.diagnostics().table(), StandardCharsets.UTF_8);
        files.add(new ProbeReport.ReportFile("diagnostics", "text/plain", diagnostics));
        Path csv = dir.resolve("samples.csv");
        Files.writeString(csv, csv(result), StandardCharsets.UTF_8);
        files.add(new ProbeReport.ReportFile("samples (CSV)", "text/csv", csv));
        return files;
    }

    private static String csv(ProbeResult r) {
        StringBuilder b = new StringBuilder();
        double[][] latents = r.latents();
        double[] energies = r.energies();
        double[] distances = r.targetDistances();
        b.append("draw");
        for (int k = 0; k < latents[0].length; k++) {
            b.append(",s_").append(k);
        }
        for (String m : r.models()) {
            for (int k = 0; k < r.outputs(m)[0].length; k++) {
                b.append(',').append(m).append('_').append(k);
            }
        }
        b.append(",energy,target_distance\n");
        List<double[][]> outputs = new ArrayList<>();
        for (String m : r.models()) {
            outputs.add(r.outputs(m));
        }
        for (int i = 0; i < latents.length; i++) {
            b.append(i);
            for (double v : latents[i]) {
                b.append(',').append(String.format(Locale.ROOT, "%.6g", v));
            }
            for (double[][] o : outputs) {
                for (double v : o[i]) {
                    b.append(',').append(String.format(Locale.ROOT, "%.6g", v));
                }
            }
            b.append(String.format(Locale.ROOT, ",%.6g,%.6g%n", energies[i], distances[i]));
        }
        return b.toString();
    }
}
