package dev.probe.junit.extension;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.DjlBlockFunction;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.model.TensorFunction;
import dev.probe.core.model.TorchScriptFunction;
import dev.probe.core.render.ConfidencePlot;
import dev.probe.core.render.DiagnosticsTable;
import dev.probe.core.render.FeatureDistributions;
import dev.probe.core.render.ImageGrid;
import dev.probe.core.render.LatentScatter;
import dev.probe.core.render.ReportFile;
import dev.probe.core.render.SampleCsv;
import dev.probe.core.render.TracePlot;
import dev.probe.core.result.ProbeResult;
import dev.probe.junit.ProbeAnswer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Renders the files of one invocation's report, small by default (well under 2 MB): the samples that
 * attained the target, each captioned with the probabilities the question is about, and apart from them
 * the draws that missed it (image inputs); confidence per class; samples over prior draws; the energy
 * trace; per-feature distributions against training data (tabular inputs); the diagnostics table; and
 * the samples as CSV — coordinates, outputs, energies and target distances, plus the model inputs when
 * they are few (at most {@value #FEW_FEATURES} features). {@code probe.reportSamples=full} adds every
 * input value, gzip-compressed ({@code samples-full.csv.gz}).
 */
final class ReportFiles {
    /** Images per grid. */
    static final int GRID = 48;
    /** Inputs of at most this many features go into {@code samples.csv}. */
    static final int FEW_FEATURES = 64;

    private ReportFiles() {}

    /**
     * @param prior draws from the space and their pushed-forward inputs (computed on the sampler thread)
     * @param full whether to write every input value too
     */
    static List<ReportFile> render(ProbeSpec spec, ProbeAnswer answer, Path dir, Optional<double[][]> training,
            double[][][] prior, boolean full) {
        ProbeResult result = answer.result();
        List<ReportFile> files = new ArrayList<>();
        String model = answer.judgedModel();
        double[][] outputs = result.outputs(model);
        double[][] inputs = result.inputs();
        Optional<int[]> image = imageShape(spec);
        if (image.isPresent()) {
            files.addAll(grids(spec, answer, image.get(), dir));
        }
        files.add(ConfidencePlot.titled("Predicted probability per class (" + model + ")")
                .write(dir.resolve("confidence.png"), outputs));
        files.add(LatentScatter.titled("Samples over draws from the " + (image.isPresent() ? "prior" : "space"))
                .write(dir.resolve("latent.png"), prior[0], result.latents()));
        files.add(TracePlot.titled("Energy per chain").write(dir.resolve("trace.png"), byChain(result)));
        if (image.isEmpty()) {
            files.add(FeatureDistributions.titled("Samples vs " + (training.isPresent() ? "training data" : "space draws"))
                    .write(dir.resolve("features.png"), training.orElse(prior[1]), inputs));
        }
        DiagnosticsTable table = DiagnosticsTable.of(result.diagnostics())
                .with("probe", answer.displayName())
                .with("query", result.provenance().query())
                .with("kernel", result.provenance().kernel())
                .with("seed", Long.toString(result.seed()))
                .with("settings", spec.configuration().summary())
                .with("attainment (tolerance " + answer.tolerance() + ")", answer.attainment().toString())
                .with("effective attained samples", String.format(Locale.ROOT, "%.1f", answer.attainedEss()));
        files.add(table.writeHtml(dir.resolve("diagnostics.html")));
        files.add(table.writeText(dir.resolve("diagnostics.txt")));
        SampleCsv csv = SampleCsv.empty().withColumn("chain", chainOf(result)).withBlock("s", result.latents());
        for (String m : result.models()) {
            csv = csv.withBlock(m, result.outputs(m));
        }
        csv = csv.withColumn("energy", result.energies()).withColumn("target_distance", result.targetDistances());
        if (inputs[0].length <= FEW_FEATURES) {
            csv = csv.withBlock("x", inputs);
        }
        files.add(csv.write(dir.resolve("samples.csv")));
        if (full) {
            files.add(gzip(csv.withBlock("x", inputs), dir.resolve("samples-full.csv.gz")));
        }
        return files;
    }

    /** Attained samples first (captioned with the question's classes), the draws that missed apart. */
    private static List<ReportFile> grids(ProbeSpec spec, ProbeAnswer answer, int[] shape, Path dir) {
        ProbeResult r = answer.result();
        double[][] inputs = r.inputs();
        double[][] outputs = r.outputs(answer.judgedModel());
        double[] distances = r.targetDistances();
        List<Integer> hit = new ArrayList<>();
        List<Integer> missed = new ArrayList<>();
        for (int i = 0; i < distances.length; i++) {
            (distances[i] <= answer.tolerance() ? hit : missed).add(i);
        }
        List<ReportFile> files = new ArrayList<>();
        ImageGrid grid = ImageGrid.of(shape[0], shape[1], shape[2]).withMaxImages(GRID);
        if (!hit.isEmpty()) {
            List<Integer> shown = spread(hit, GRID);
            files.add(grid.withTitle(String.format(Locale.ROOT, "%s: %d of %d samples attain the target", answer.displayName(),
                    hit.size(), distances.length)).write(dir.resolve("samples.png"), rows(inputs, shown),
                    captions(outputs, shown, spec.questionClasses())));
        }
        if (!missed.isEmpty()) {
            List<Integer> shown = spread(missed, GRID);
            files.add(grid.withTitle(String.format(Locale.ROOT, "MISSED the target (distance > %s): %d of %d draws",
                    answer.tolerance(), missed.size(), distances.length)).write(dir.resolve("missed.png"),
                    rows(inputs, shown), captions(outputs, shown, spec.questionClasses())));
        }
        return files;
    }

    /**
     * {@code [channels, height, width]} of the judged model's per-sample input when it is an image (as the
     * model declares it; nothing is guessed from the width).
     */
    static Optional<int[]> imageShape(ProbeSpec spec) {
        for (ModelUnderTest m : spec.probe().query().models()) {
            if (m.name().equals(spec.judgedModel()) && m instanceof Classifier c) {
                return imageShape(c.function());
            }
        }
        return Optional.empty();
    }

    static Optional<int[]> imageShape(TensorFunction f) {
        Shape s = f instanceof DjlBlockFunction d ? d.sampleShape() : f instanceof TorchScriptFunction t ? t.sampleShape() : null;
        if (s == null) {
            return Optional.empty();
        }
        long[] dims = s.getShape();
        if (dims.length == 2 && dims[0] >= 8 && dims[1] >= 8) {
            return Optional.of(new int[] {1, (int) dims[0], (int) dims[1]});
        }
        if (dims.length == 3 && (dims[0] == 1 || dims[0] == 3) && dims[1] >= 8 && dims[2] >= 8) {
            return Optional.of(new int[] {(int) dims[0], (int) dims[1], (int) dims[2]});
        }
        return Optional.empty();
    }

    private static List<Integer> spread(List<Integer> rows, int n) {
        int k = Math.min(n, rows.size());
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(rows.get((int) ((long) i * rows.size() / k)));
        }
        return out;
    }

    private static double[][] rows(double[][] values, List<Integer> index) {
        return index.stream().map(i -> values[i]).toArray(double[][]::new);
    }

    /** {@code "1:.47 7:.48"}: the probabilities of the question's classes, else the top class's. */
    private static String[] captions(double[][] probabilities, List<Integer> index, int[] classes) {
        String[] out = new String[index.size()];
        for (int k = 0; k < out.length; k++) {
            double[] p = probabilities[index.get(k)];
            StringBuilder b = new StringBuilder();
            int[] shown = classes.length > 0 ? classes : new int[] {argmax(p)};
            for (int c : shown) {
                if (c < p.length) {
                    b.append(b.length() == 0 ? "" : " ").append(c).append(':')
                            .append(String.format(Locale.ROOT, "%.2f", p[c]).replaceFirst("^0\\.", "."));
                }
            }
            out[k] = b.toString();
        }
        return out;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    private static ReportFile gzip(SampleCsv csv, Path file) {
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
            csv.writeTo(w);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing " + file + " failed", e);
        }
        return ReportFile.of(file, "application/gzip");
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
