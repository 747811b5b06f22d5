package dev.probe.junit.extension;

import dev.probe.core.render.ConfidencePlot;
import dev.probe.core.render.DiagnosticsTable;
import dev.probe.core.render.FeatureDistributions;
import dev.probe.core.render.ImageGrid;
import dev.probe.core.render.LatentScatter;
import dev.probe.core.render.ReportFile;
import dev.probe.core.render.SampleCsv;
import dev.probe.core.render.TracePlot;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.space.SampleSpace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders the files of one invocation's report: generated images with predicted confidences (image
 * inputs), confidence per class, samples over prior draws, the energy trace, per-feature distributions
 * against training data (tabular inputs), the diagnostics table and the samples as CSV.
 */
final class ReportFiles {
    /** Images shown in a grid. */
    static final int GRID = 48;

    private ReportFiles() {}

    static List<ReportFile> render(ProbeSpec spec, ProbeResult result, Path dir, Optional<double[][]> training) {
        List<ReportFile> files = new ArrayList<>();
        String model = spec.model() != null ? spec.model() : result.models().get(0);
        double[][] outputs = result.outputs(model);
        double[][] inputs = result.inputs();
        int[] shape = imageShape(inputs[0].length);
        if (shape != null) {
            files.add(ImageGrid.of(shape[0], shape[1], shape[2]).withTitle(spec.displayName())
                    .write(dir.resolve("samples.png"), spread(inputs, GRID), captions(spread(outputs, GRID))));
        }
        files.add(ConfidencePlot.titled("Predicted probability per class (" + model + ")")
                .write(dir.resolve("confidence.png"), outputs));
        SampleSpace space = spec.probe().space();
        double[][] prior = space.initialPositions(Math.min(2000, 4 * result.size()), new ChainRandom(result.seed()));
        files.add(LatentScatter.titled("Samples over draws from the " + (shape != null ? "prior" : "space"))
                .write(dir.resolve("latent.png"), prior, result.latents()));
        files.add(TracePlot.titled("Energy per chain").write(dir.resolve("trace.png"), byChain(result)));
        if (shape == null) {
            double[][] reference = training.orElseGet(() -> space.toInputs(prior));
            files.add(FeatureDistributions.titled("Samples vs " + (training.isPresent() ? "training data" : "space draws"))
                    .write(dir.resolve("features.png"), reference, inputs));
        }
        DiagnosticsTable table = DiagnosticsTable.of(result.diagnostics())
                .with("probe", spec.displayName())
                .with("query", result.provenance().query())
                .with("kernel", result.provenance().kernel())
                .with("seed", Long.toString(result.seed()))
                .with("settings", spec.settings().summary())
                .with("attainment (tol " + spec.tolerance() + ")", result.attainment(spec.tolerance()).toString());
        files.add(table.writeHtml(dir.resolve("diagnostics.html")));
        files.add(table.writeText(dir.resolve("diagnostics.txt")));
        SampleCsv csv = SampleCsv.empty().withColumn("chain", chainOf(result)).withBlock("s", result.latents());
        for (String m : result.models()) {
            csv = csv.withBlock(m, result.outputs(m));
        }
        files.add(csv.withColumn("energy", result.energies()).withColumn("target_distance", result.targetDistances())
                .withBlock("x", inputs).write(dir.resolve("samples.csv")));
        return files;
    }

    /** {@code [channels, height, width]} for square grey (784 = 28×28) or RGB image inputs, else null. */
    static int[] imageShape(int features) {
        int side = (int) Math.round(Math.sqrt(features));
        if (side * side == features && side >= 8) {
            return new int[] {1, side, side};
        }
        int rgb = (int) Math.round(Math.sqrt(features / 3.0));
        if (3 * rgb * rgb == features && rgb >= 8) {
            return new int[] {3, rgb, rgb};
        }
        return null;
    }

    /** {@code n} rows spread evenly over all rows (so every chain and the whole run are represented). */
    private static double[][] spread(double[][] rows, int n) {
        int k = Math.min(n, rows.length);
        double[][] out = new double[k][];
        for (int i = 0; i < k; i++) {
            out[i] = rows[(int) ((long) i * rows.length / k)];
        }
        return out;
    }

    private static String[] captions(double[][] probabilities) {
        String[] out = new String[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int c = 1; c < probabilities[i].length; c++) {
                if (probabilities[i][c] > probabilities[i][best]) {
                    best = c;
                }
            }
            out[i] = String.format(Locale.ROOT, "%d: %.2f", best, probabilities[i][best]);
        }
        return out;
    }

    private static double[][] byChain(ProbeResult r) {
        double[] e = r.energies();
        int draws = e.length / r.chains();
        double[][] out = new double[r.chains()][draws];
        for (int c = 0; c < r.chains(); c++) {
            System.arraycopy(e, c * draws, out[c], 0, draws);
        }
        return out;
    }

    private static int[] chainOf(ProbeResult r) {
        int draws = r.size() / r.chains();
        int[] out = new int[r.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = i / draws;
        }
        return out;
    }
}
