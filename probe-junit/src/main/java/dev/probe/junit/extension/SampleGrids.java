package dev.probe.junit.extension;

import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.model.TensorFunction;
import dev.probe.core.render.ImageGrid;
import dev.probe.core.render.ReportFile;
import dev.probe.core.result.ProbeResult;
import dev.probe.junit.ProbeAnswer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The image grids of a report, honest about what they show: {@code samples.png} holds samples that
 * attained the target, each captioned with the probabilities of the classes the question is about
 * ({@code "1:.47 7:.48"}); {@code missed.png} holds, apart and titled so, draws that missed it (each caption adds
 * the top class when the question's classes miss it, and the target distance). Images
 * are drawn at the per-sample shape the judged model declares; nothing is guessed from the width.
 */
final class SampleGrids {
    /** Images per grid. */
    static final int GRID = 48;

    private SampleGrids() {}

    /** Attained samples first (captioned with the question's classes), the draws that missed apart. */
    static List<ReportFile> write(ProbeSpec spec, ProbeAnswer answer, Outcome outcome, int[] shape, Path dir) {
        ProbeResult r = answer.result();
        double[][] inputs = r.inputs();
        List<String> models = captionedModels(spec, answer);
        List<double[][]> outputs = models.stream().map(r::outputs).collect(java.util.stream.Collectors.toList());
        String legend = models.size() < 2 ? "" : " (" + java.util.stream.IntStream.range(0, models.size())
                .mapToObj(m -> label(m) + " = " + models.get(m)).collect(java.util.stream.Collectors.joining(", ")) + ")";
        double[] distances = r.targetDistances();
        List<Integer> hit = new ArrayList<>();
        List<Integer> missed = new ArrayList<>();
        for (int i = 0; i < distances.length; i++) {
            (distances[i] <= answer.tolerance() ? hit : missed).add(i);
        }
        List<ReportFile> files = new ArrayList<>();
        // small images drawn at least about 64 pixels across (8×8 tiles were 24 pixels wide: too small to review)
        ImageGrid grid = ImageGrid.of(shape[0], shape[1], shape[2]).withMaxImages(GRID)
                .withScale(tileScale(shape[1], shape[2]));
        if (!hit.isEmpty()) {
            List<Integer> shown = spread(hit, GRID);
            String[] captions = withDistances(captions(outputs, shown, spec.questionClasses()), shown, distances,
                    answer.tolerance());
            // the draws the oracle labels outside the question's classes are marked with their label (a reviewer found
            // 5 of a failed gate's 14 wrong draws among the 48 shown, unmarked)
            String marked = "";
            Optional<ProbeAnswer.LabelledOtherwise> otherwise = ReportFiles.labelledOtherwise(answer);
            if (otherwise.isPresent()) {
                int count = markLabelledOtherwise(captions, shown, otherwise.get());
                // with the total: "2 shown" read as all there were where 44 of 254 were (a reviewer's)
                marked = count == 0 ? "" : String.format(Locale.ROOT, "; %d shown are labelled otherwise by the oracle, "
                        + "marked \"oracle <label>\" (%d of the %d attaining samples are)", count,
                        otherwise.get().rows().length, hit.size());
            }
            files.add(grid.withTitle(noVerdict(spec, answer, outcome) + String.format(Locale.ROOT, "%s: %d of %d samples attain the target%s%s%s",
                    answer.displayName(), hit.size(), distances.length, shownOf(shown.size(), hit.size(), "spread over them"),
                    legend, marked)).write(dir.resolve("samples.png"), rows(inputs, shown), captions));
        }
        if (!missed.isEmpty()) {
            // the closest misses: what the model was nearest to doing (the closest one is the miss a message names)
            List<Integer> shown = closest(missed, distances, GRID);
            files.add(grid.withTitle(noVerdict(spec, answer, outcome) + String.format(Locale.ROOT, "MISSED the target (distance > %s): %d of %d draws%s%s",
                    answer.tolerance(), missed.size(), distances.length, shownOf(shown.size(), missed.size(),
                            "the closest first"), legend)).write(dir.resolve("missed.png"),
                    rows(inputs, shown), missedCaptions(outputs, shown, spec.questionClasses(), distances,
                            answer.tolerance())));
        }
        return files;
    }

    /** The upscaling of a tile: 3 (28×28 → 84 pixels), more for small images so a tile is about 64 pixels across. */
    static int tileScale(int height, int width) {
        return Math.max(3, (int) Math.ceil(64.0 / Math.max(height, width)));
    }

    /** Appends " oracle <label>" to the caption of each shown draw labelled otherwise; returns how many it marked. */
    static int markLabelledOtherwise(String[] captions, List<Integer> shown, ProbeAnswer.LabelledOtherwise otherwise) {
        int count = 0;
        for (int k = 0; k < shown.size(); k++) {
            int i = shown.get(k);
            if (otherwise.wrong()[i]) {
                captions[k] = captions[k] + " oracle " + otherwise.labels()[i];
                count++;
            }
        }
        return count;
    }

    /**
     * What a picture's title starts with when its evidence did not converge: the grid is passed on alone, and one
     * titled "256 of 256 samples attain the target" read as a clean pass though R̂ was 1.44 (a new user's report).
     */
    static String noVerdict(Outcome outcome) {
        return switch (outcome) {
            case NOT_CONVERGED -> "NOT CONVERGED, no verdict: ";
            // a not-sampled probe's pictures said so nowhere: "Predicted probability per class …" read as a pass's plot
            case NOT_SAMPLED -> "NOT SAMPLED, no verdict: ";
            // a failed probe's pictures read as a pass's, while a not-converged one's were marked (a reviewer's)
            case FAILED -> "FAILED: ";
            default -> "";
        };
    }

    /**
     * The mark of {@code answer}'s pictures when the report is written with {@code outcome}: a gate's sides carry the
     * gate's outcome, so a side whose own evidence converged, in a gate another side of which did not, is marked for
     * what it is (a reviewer found a side of R̂ 1.005 and 128 effective attained samples titled "NOT CONVERGED"
     * everywhere), and a side that attained something is not called not sampled.
     */
    static String noVerdict(ProbeSpec spec, ProbeAnswer answer, Outcome outcome) {
        if (outcome == Outcome.FAILED && Selection.isGateSide(spec.key())) {
            return ""; // its gate failed, not necessarily this side: its comparison.txt says which
        }
        if ((outcome != Outcome.NOT_CONVERGED && outcome != Outcome.NOT_SAMPLED) || !Selection.isGateSide(spec.key())) {
            return noVerdict(outcome);
        }
        Outcome own = Verdict.evidenceOutcome(answer, spec.configuration().evidence());
        return own != Outcome.PASSED ? noVerdict(own) : "NO VERDICT (another side of its gate "
                + (outcome == Outcome.NOT_CONVERGED ? "did not converge" : "attained nothing") + "): ";
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

    /**
     * A note when an image model's inputs leave [0, 1] by more than a rounding: a tanh generator's [−1, 1] before a
     * classifier trained on [0, 1] pixels gave three new users correct answers about the pipeline as wired, and
     * masses a factor of 2 from what they meant, with only the image grid's title to show it. Nothing can tell whether
     * the model expects that range, so this is a note, not an error.
     */
    static Optional<String> pixelRangeNote(ProbeSpec spec, dev.probe.core.result.ProbeResult result) {
        if (imageShape(spec).isEmpty()) {
            return Optional.empty();
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] x : result.inputs()) {
            for (double v : x) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo < -0.01 || hi > 1.01)) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT, "note: the images given to '%s' span [%.2f, %.2f], "
                + "outside [0, 1]. If it was trained on [0, 1] pixels, rescale the generator's outputs (a tanh "
                + "generator's (x + 1) / 2, e.g. decoder.andThen(\"to [0, 1]\", x -> x.add(1).div(2))): the answers are about the pipeline as wired.",
                spec.judgedModel(), lo, hi));
    }

    static Optional<int[]> imageShape(TensorFunction f) {
        Shape s = f.knownInputShape().orElse(null);
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

    /** The {@code n} rows of {@code rows} nearest the target, nearest first. */
    static List<Integer> closest(List<Integer> rows, double[] distances, int n) {
        return rows.stream().sorted(java.util.Comparator.comparingDouble(i -> distances[i])).limit(n)
                .collect(java.util.stream.Collectors.toList());
    }

    /** {@code ", 48 shown (the closest first)"} when the grid holds fewer than all of them. */
    private static String shownOf(int shown, int of, String which) {
        return shown < of ? ", " + shown + " shown (" + which + ")" : "";
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

    /**
     * The models whose probabilities the captions show: every classifier of a question about several (a contrast of
     * two models is about both), else the judged model.
     */
    private static List<String> captionedModels(ProbeSpec spec, ProbeAnswer answer) {
        List<String> classifiers = spec.probe().query().models().stream().filter(m -> m instanceof Classifier)
                .map(ModelUnderTest::name).filter(answer.result().models()::contains).distinct()
                .collect(java.util.stream.Collectors.toList());
        return classifiers.size() >= 2 ? classifiers : List.of(answer.judgedModel());
    }

    /** {@code a}, {@code b}, …: the models of a several-model caption, named in the grid's title. */
    private static String label(int model) {
        return String.valueOf((char) ('a' + model % 26));
    }

    /**
     * {@code "1:.47 7:.48"}: the probabilities of the question's classes, else the top class's; for several models,
     * each model's after its label ({@code "a 3:.91 b 8:.77"}).
     */
    static String[] captions(List<double[][]> probabilities, List<Integer> index, int[] classes) {
        return captions(probabilities, index, classes, false);
    }

    /**
     * As {@link #captions(List, List, int[])}; with {@code withTop}, a model's top class when the question's classes do
     * not include it ({@code "1:.30 7:.31 top 8:.35"}): what a draw that missed an ambivalence between 1 and 7 is; else
     * its most probable other class, from 0.005 ({@code "0:.44 1:.45 other 2:.11"}: why such a draw missed).
     */
    static String[] captions(List<double[][]> probabilities, List<Integer> index, int[] classes, boolean withTop) {
        String[] out = new String[index.size()];
        for (int k = 0; k < out.length; k++) {
            StringBuilder b = new StringBuilder();
            for (int m = 0; m < probabilities.size(); m++) {
                double[] p = probabilities.get(m)[index.get(k)];
                if (probabilities.size() > 1) {
                    b.append(b.length() == 0 ? "" : " ").append(label(m));
                }
                int[] shown = classes.length > 0 ? classes : new int[] {argmax(p)};
                for (int c : shown) {
                    if (c < p.length) {
                        b.append(b.length() == 0 ? "" : " ").append(c).append(':')
                                .append(String.format(Locale.ROOT, "%.2f", p[c]).replaceFirst("^0\\.", "."));
                    }
                }
                int other = largestOther(p, classes);
                if (withTop && classes.length > 0 && other >= 0 && (other == argmax(p) || p[other] >= 0.005)) {
                    // the class that made the draw miss, when the question's classes look right: "0:.44 1:.45" missed
                    // "ambivalent 0 vs 1" because class 2 was at .11 (a reviewer could not tell why)
                    b.append(other == argmax(p) ? " top " : " other ").append(other).append(':')
                            .append(String.format(Locale.ROOT, "%.2f", p[other]).replaceFirst("^0\\.", "."));
                }
            }
            out[k] = b.toString();
        }
        return out;
    }

    /**
     * As {@link #captions}, with each model's top class when the question's classes miss it, each followed by its target distance written with as many decimals as it takes to differ
     * from the tolerance: two-decimal probabilities of a draw that barely missed (p = 0.8998 at tolerance 0.1, or
     * 0.998 at 0.002) read like a hit ({@code .90}, {@code 1.00}); {@code d=.10002} does not.
     */
    private static String[] missedCaptions(List<double[][]> probabilities, List<Integer> index, int[] classes, double[] distances,
            double tolerance) {
        String[] out = captions(probabilities, index, classes, true);
        for (int k = 0; k < out.length; k++) {
            out[k] = out[k] + " d=" + distinct(distances[index.get(k)], tolerance);
        }
        return out;
    }

    /** Below this tolerance two-decimal probabilities cannot show a hit: its captions carry its distance too. */
    static final double FINE_TOLERANCE = 0.02;

    /**
     * Attained draws' captions, each with its target distance where the tolerance is finer than two decimals show (a
     * reviewer's hits and misses at tolerance 0.002 were all captioned "0:.34 1:.33 2:.33"); unchanged otherwise.
     */
    static String[] withDistances(String[] captions, List<Integer> index, double[] distances, double tolerance) {
        if (!(tolerance < FINE_TOLERANCE) || index.stream().allMatch(i -> distances[i] == 0)) {
            // every one 0 (a cutoff counterfactual past its hinge) tells nothing, and "d=0" read as the distance to the
            // factual (a new user's 64-pixel counterfactual, 2.4 from it)
            return captions;
        }
        String[] out = captions.clone();
        for (int k = 0; k < out.length; k++) {
            double d = distances[index.get(k)];
            // rounded down: a hit never reads as beyond the tolerance
            out[k] = out[k] + " d=" + java.math.BigDecimal.valueOf(d).round(new java.math.MathContext(2,
                    java.math.RoundingMode.DOWN))
                    .stripTrailingZeros().toPlainString().replaceFirst("^0\\.", ".");
        }
        return out;
    }

    /** {@code d} rounded half-up to the fewest decimals (2 to 8) at which it differs from {@code tolerance} so rounded. */
    static String distinct(double d, double tolerance) {
        String shown = "";
        for (int decimals = 2; decimals <= 8; decimals++) {
            java.math.BigDecimal a = java.math.BigDecimal.valueOf(d).setScale(decimals, java.math.RoundingMode.HALF_UP);
            java.math.BigDecimal t = java.math.BigDecimal.valueOf(tolerance).setScale(decimals, java.math.RoundingMode.HALF_UP);
            shown = a.toPlainString().replaceFirst("^0\\.", ".");
            if (a.compareTo(t) != 0) {
                break;
            }
        }
        return shown;
    }

    /** The most probable class outside {@code classes}, or −1 if there is none. */
    private static int largestOther(double[] p, int[] classes) {
        int best = -1;
        for (int c = 0; c < p.length; c++) {
            int k = c;
            if (java.util.Arrays.stream(classes).noneMatch(q -> q == k) && (best < 0 || p[c] > p[best])) {
                best = c;
            }
        }
        return best;
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

}
