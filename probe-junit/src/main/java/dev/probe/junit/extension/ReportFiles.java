package dev.probe.junit.extension;

import dev.probe.core.render.ConfidencePlot;
import dev.probe.core.render.DiagnosticsTable;
import dev.probe.core.render.FeatureDistributions;
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
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

/**
 * Renders the files of one invocation's report, small by default (well under 2 MB): the samples that
 * attained the target, each captioned with the probabilities the question is about, and apart from them
 * the draws that missed it (image inputs); confidence per class; samples over prior draws; the energy
 * trace; per-feature distributions against training data (tabular inputs); the diagnostics table; and
 * the samples as CSV — coordinates, outputs, energies and target distances, plus the model inputs when
 * they are few (at most {@value #FEW_FEATURES} features), every draw up to {@value #MAX_CELLS} cells and
 * evenly thinned above (column {@code draw} keeps each row's index). {@code probe.reportSamples=full} adds
 * every draw with every input value, gzip-compressed ({@code samples-full.csv.gz}).
 */
final class ReportFiles {
    /** The last row of every diagnostics table: where its terms are explained. */
    static final String TERMS = "outcome and the closest or attained rows answer the question; the rest is the sampler's "
            + "evidence (R-hat: do independent chains or populations agree, at most 1.05; ESS: how many independent draws "
            + "the correlated ones are worth; effective attained samples: those that meet the target, at least 100): "
            + "README, \"What a probe's answer means\" (and its table of outcomes)";

    /** Inputs of at most this many features go into {@code samples.csv}. */
    static final int FEW_FEATURES = 64;
    /** Cells of {@code samples.csv} at most (about 0.8 MB at ~20 characters a cell); more draws are thinned. */
    static final long MAX_CELLS = 40_000;

    private ReportFiles() {}

    /**
     * The samples the latent and feature plots show, with their title and legend: only those that attain the target
     * when some do, so no plot shows a miss under the probe's title (a counterfactual's features plot showed every
     * draw, 83% of which had not flipped); every sample, titled as missing it, when none does.
     */
    record Plotted(String title, String legend, int[] rows) {
        static Plotted of(ProbeResult result, double tolerance) {
            int[] attained = IntStream.range(0, result.size())
                    .filter(i -> result.targetDistances()[i] <= tolerance).toArray();
            if (attained.length == 0) {
                return new Plotted("Samples (none attains the target)", "samples, none attaining",
                        IntStream.range(0, result.size()).toArray());
            }
            return new Plotted(String.format(java.util.Locale.ROOT, "Attained samples (%d of %d)", attained.length,
                    result.size()), "attained samples", attained);
        }
    }

    /** A counterfactual's factual (its localiser's anchor), to be marked in the features plot. */
    static Optional<double[]> factual(dev.probe.core.query.Query query) {
        return ClosestCounterfactual.localiser(query).map(dev.probe.core.query.Localiser::anchor);
    }

    private static final java.util.regex.Pattern RAN = java.util.regex.Pattern.compile("^SMC\\([^,]*, (\\d+)×(\\d+) particles");

    /**
     * The settings line of a report: {@link ProbeConfiguration#summary(boolean)}, and for populations that grew past
     * their first round what ran ({@code populations=4 particles=32 … (ran 8×64: grown past the first round, see the kernel line)}): the
     * listing alone read as 4 × 32 beside a kernel line of 8 × 64, so two runs' settings could not be compared.
     */
    static String settings(ProbeSpec spec, dev.probe.core.result.ProbeResult result) {
        String listed = spec.configuration().summary(result.isPopulationResult());
        String kernel = result.provenance().kernel();
        java.util.regex.Matcher ran = RAN.matcher(kernel);
        if (!result.isPopulationResult() || !kernel.contains("; rounds ") || !ran.find()) {
            return listed;
        }
        return listed + " (ran " + ran.group(1) + "×" + ran.group(2) + ": grown past the first round, see the kernel line)";
    }

    static String[] featureNames(ProbeSpec spec, int features) {
        if (spec.probe().space() instanceof dev.probe.core.space.InputSpace box) {
            return box.featureNames().toArray(String[]::new);
        }
        if (spec.probe().space() instanceof dev.probe.core.space.ProceduralSpace scenes
                && scenes.featureNames().size() == features) {
            return scenes.featureNames().toArray(String[]::new);
        }
        return IntStream.range(0, features).mapToObj(k -> "x_" + k).toArray(String[]::new);
    }

    /**
     * One box plot per model of its outputs over all draws: {@code confidence.png} for the judged model, then
     * {@code confidence-<model>.png} for the others (a contrast's second model); a regressor's on its own scale.
     */
    static List<ReportFile> outputPlots(ProbeSpec spec, ProbeResult result, String judged, Path dir) {
        return outputPlots(spec, result, judged, dir, "");
    }

    /** As above, titled with {@code mark} first ("NOT CONVERGED, no verdict: "), as every picture of the probe is. */
    static List<ReportFile> outputPlots(ProbeSpec spec, ProbeResult result, String judged, Path dir, String mark) {
        List<String> names = new ArrayList<>(List.of(judged));
        result.models().stream().filter(m -> !m.equals(judged)).forEach(names::add);
        List<ReportFile> out = new ArrayList<>();
        for (String m : names) {
            boolean probabilities = spec.probe().query().models().stream()
                    .noneMatch(u -> u.name().equals(m) && !(u instanceof dev.probe.core.model.Classifier));
            String draws = ", all " + result.size() + " draws";
            ConfidencePlot plot = (probabilities
                    ? ConfidencePlot.titled(mark + "Predicted probability per class (" + m + ")" + draws)
                    : ConfidencePlot.titled(mark + "Output of " + m + draws).ofRawOutputs())
                    // the classes the question is about are drawn whatever their mean (many classes: the top 20 by mean)
                    .withClassesShown(java.util.stream.IntStream.of(spec.questionClasses()).filter(c -> c >= 0).toArray());
            String file = m.equals(judged) ? "confidence.png" : "confidence-" + ProbeReport.sanitize(m) + ".png";
            out.add(plot.write(dir.resolve(file), result.outputs(m)));
        }
        return out;
    }

    /**
     * The outcome row of a gate's side reported with its gate's missing verdict while its own evidence says otherwise:
     * "not_converged: the evidence did not converge (every check met)" was written of a side that converged.
     */
    static Optional<String> gateWithoutVerdict(ProbeSpec spec, ProbeAnswer answer, Outcome outcome) {
        if ((outcome != Outcome.NOT_CONVERGED && outcome != Outcome.NOT_SAMPLED) || !Selection.isGateSide(spec.key())) {
            return Optional.empty();
        }
        Outcome own = Verdict.evidenceOutcome(answer, spec.configuration().evidence());
        if (own == outcome) {
            return Optional.empty();
        }
        return Optional.of(": the regression gate this side belongs to has no verdict, because another of its sides "
                + (outcome == Outcome.NOT_SAMPLED ? "attained no sample" : "did not converge") + " (the gate's message "
                + "names it); this side " + switch (own) {
                    case PASSED -> "converged (every check met)";
                    case NOT_SAMPLED -> "attained no sample either";
                    default -> "did not converge either (" + Verdict.unmetChecks(answer, spec.configuration().evidence())
                            + ")";
                });
    }

    private static double[][] rows(double[][] all, int[] which) {
        double[][] out = new double[which.length][];
        for (int i = 0; i < which.length; i++) {
            out[i] = all[which[i]];
        }
        return out;
    }

    /**
     * @param prior draws from the space and their pushed-forward inputs (computed on the sampler thread)
     * @param full whether to write every input value too
     */
    /**
     * A failed assertion's message on one row, without the query, settings, seed and re-run lines a probe assertion
     * carries (the table has its own rows for them): ": Probe '…' failed: / expected … / rate: 26/128 = …".
     */
    static String failedAssertion(String message) {
        String m = String.valueOf(message).strip();
        int context = m.indexOf("\nquery: ");
        return ": " + (context > 0 ? m.substring(0, context) : m).strip().replaceAll("\\s*\\R\\s*", " / ");
    }

    static List<ReportFile> render(ProbeSpec spec, ProbeAnswer answer, Outcome outcome, Optional<String> failure, Path dir,
            Optional<double[][]> training, double[][][] prior, boolean full, double wallSeconds) {
        ProbeResult result = answer.result();
        List<ReportFile> files = new ArrayList<>();
        String model = answer.judgedModel();
        double[][] inputs = result.inputs();
        Optional<int[]> image = SampleGrids.imageShape(spec);
        if (image.isPresent()) {
            files.addAll(SampleGrids.write(spec, answer, outcome, image.get(), dir));
        }
        String mark = SampleGrids.noVerdict(spec, answer, outcome);
        files.addAll(outputPlots(spec, result, model, dir, mark));
        // where the samples lie: only those that attain the target, so no plot shows a miss under the probe's title
        // (a counterfactual's features plot showed all draws, 83% of which had not flipped)
        Plotted plotted = Plotted.of(result, answer.tolerance());
        files.add(LatentScatter.titled(mark + plotted.title() + " over "
                + (image.isPresent() ? "prior draws" : "space draws"))
                .withSampleName(plotted.legend()).withReferenceName(image.isPresent() ? "prior" : "space draws")
                .withCoordinateNames(spec.probe().space().coordinateNames())
                .write(dir.resolve("latent.png"), prior[0],
                        rows(result.latents(), plotted.rows())));
        // the convergence picture is marked as every other one (a reviewer found it alone unmarked); which check
        // failed is in the diagnostics' outcome row: in the title it ran past the image's edges, mark and all
        files.add(trace(result, mark).write(dir.resolve("trace.png"), byChain(result)));
        if (image.isEmpty()) {
            FeatureDistributions features = FeatureDistributions.titled(mark + plotted.title() + " vs "
                    + (training.isPresent() ? "training data" : "space draws"))
                    .withReferenceName(training.isPresent() ? "training" : "space draws")
                    .withSampleName(plotted.legend()).withFeatureNames(featureNames(spec, inputs[0].length));
            Optional<double[]> factual = factual(spec.probe().query());
            if (factual.isPresent()) { // which features moved from it
                features = features.withMarkedRow("factual", factual.get());
            }
            files.add(features.write(dir.resolve("features.png"), training.orElse(prior[1]), rows(inputs, plotted.rows())));
        }
        SampleCsv csv = SampleCsv.empty().withColumn("draw", IntStream.range(0, result.size()).toArray())
                .withColumn("chain", chainOf(result));
        // a procedural space's coordinates by attribute (s_colour, s_x), as its latent.png axes: a user mapped indices by hand
        csv = spec.probe().space() instanceof dev.probe.core.space.ProceduralSpace scenes
                ? csv.withBlock("s", scenes.attributes(), result.latents()) : csv.withBlock("s", result.latents());
        for (String m : result.models()) {
            csv = csv.withBlock(m, result.outputs(m));
        }
        csv = csv.withColumn("energy", result.energies()).withColumn("target_distance", result.targetDistances());
        Optional<dev.probe.core.query.Localiser> localiser = ClosestCounterfactual.localiser(spec.probe().query());
        if (localiser.isPresent()) { // a counterfactual's distance to its factual, in the localiser's metric
            csv = csv.withColumn("distance_to_factual", ClosestCounterfactual.distances(localiser.get(), result));
        }
        // with an oracle: its label of each attained sample and whether it is outside the question's classes, so the
        // draws a message says were "found even so" can be found in the report (a user had to re-implement the oracle)
        Optional<ProbeAnswer.LabelledOtherwise> otherwise = labelledOtherwise(answer);
        java.util.BitSet anyWrong = new java.util.BitSet();
        if (otherwise.isPresent()) {
            boolean[] wrong = otherwise.get().wrong();
            csv = csv.withColumn("oracle_label", otherwise.get().labels())
                    .withColumn("labelled_otherwise", IntStream.range(0, wrong.length).map(i -> wrong[i] ? 1 : 0).toArray());
            IntStream.of(otherwise.get().rows()).forEach(anyWrong::set);
            // a contrast's other model, judged by the same labels: its "found even so" draws were in no file (a reviewer's
            // 60 of 60 for the second model, where labelled_otherwise was 0 in every row, judged for the first)
            List<ProbeAnswer> each = Verdict.eachModel(answer);
            for (ProbeAnswer other : each.subList(1, each.size())) {
                Optional<ProbeAnswer.LabelledOtherwise> theirs = labelledOtherwise(other);
                if (theirs.isPresent()) {
                    boolean[] w = theirs.get().wrong();
                    csv = csv.withColumn("labelled_otherwise_" + ProbeReport.sanitize(other.judgedModel()),
                            IntStream.range(0, w.length).map(i -> w[i] ? 1 : 0).toArray());
                    IntStream.of(theirs.get().rows()).forEach(anyWrong::set);
                }
            }
        }
        List<String> names = List.of(featureNames(spec, inputs[0].length));
        boolean named = IntStream.range(0, names.size()).anyMatch(k -> !names.get(k).equals("x_" + k));
        // the inputs' columns by feature (x_age, x_income) when the space names them
        SampleCsv withInputs = named ? csv.withBlock("x", names, inputs) : csv.withBlock("x", inputs);
        SampleCsv compact = inputs[0].length <= FEW_FEATURES ? withInputs : csv;
        int stride = stride(compact);
        // the outcome first, and marked in the HTML: it was row 16 of 25, after the step size, styled as a pass
        DiagnosticsTable table = DiagnosticsTable.of(java.util.Map.of())
                .with("probe", answer.displayName())
                .with("outcome", outcome.csv() + gateWithoutVerdict(spec, answer, outcome).orElse(switch (outcome) {
                    case NOT_SAMPLED -> ": no sample attained the target; no verdict on the model";
                    case NOT_CONVERGED -> ": the evidence did not converge (" + Verdict.unmetChecks(answer,
                            spec.configuration().evidence()) + "); no verdict on the model, and the intervals"
                            + (Verdict.priorMass(answer).isPresent() ? " and prior mass" : "") + " below assume a mixing "
                            + "these draws did not show";
                    case FAILED -> Selection.isGateSide(spec.key())
                            ? ": the regression gate this side belongs to failed (its comparison, or its test method), "
                                    + "not necessarily this side: see the gate's comparison.txt"
                            // which assertion, with its numbers: a reviewer reading the report alone saw only the count
                            : ": the test's assertions did not hold" + failure.map(ReportFiles::failedAssertion)
                                    .orElse("");
                    default -> "";
                }))
                .emphasising("outcome", switch (outcome) {
                    case PASSED -> "#d9f2d9";
                    case FAILED, ERROR -> "#f8d0d0";
                    default -> "#fbeec0";
                })
                .withAll(DiagnosticsTable.of(result.diagnostics()).rows())
                // summary.csv's wall_s beside the sampler's wall time: a new user read 9.80 there and 6.11 here
                .with("invocation time (s)", String.format(Locale.ROOT, "%.2f (summary.csv's wall_s: the whole call, with "
                        + "the checks before sampling and the prior pool when this invocation built it)", wallSeconds))
                .with("query", result.provenance().query())
                .with("kernel", result.provenance().kernel())
                .with("seed", Long.toString(result.seed()))
                .with("settings", settings(spec, result))
                .with("attainment (tolerance " + answer.tolerance() + ")", answer.attainment().toString())
                // two effective counts side by side read as a contradiction to a reviewer: say how this one is made
                .with("effective attained samples", String.format(Locale.ROOT, "%.1f (the attained draws × n_eff / n of the "
                        + "attainment above, n_eff at most the energy's ESS when fewer than 20 draws miss (or attain); the convergence "
                        + "check needs %s)", answer.attainedEss(), Verdict.trimmed(spec.configuration().minAttainedEss())));
        if (localiser.isPresent()) {
            table = table.with("closest counterfactual", ClosestCounterfactual.describe(localiser.get(), answer,
                    featureNames(spec, inputs[0].length)));
        }
        Optional<String> mass = Verdict.priorMass(answer);
        if (mass.isPresent()) {
            // Z weighs every input by e^{-G}: a reviewer read "about 15%" as the share within the tolerance (19.1%)
            table = table.with("prior mass of the relaxed level set (Z = E[e^-G], not the share within the tolerance: "
                    + "Probe.levelSetMass counts that)", mass.get());
        }
        if (isPopulation(result) && spec.probe().usesPool()) {
            // the pool the populations started from: already built on the sampler thread, cached per JVM
            var pool = spec.probe().pool();
            // a reviewer took the same log Z under two seeds for independent confirmation: the fixed pool gave both
            table = table.with("prior pool", String.format(Locale.ROOT,
                    "%,d draws, built once in %s, shared by the level-set probes of this generator and models%s",
                    pool.size(), pool.seconds() < 0.1 ? String.format(Locale.ROOT, "%.0f ms", pool.seconds() * 1000)
                            : String.format(Locale.ROOT, "%.1f s", pool.seconds()),
                    pool.seed() == dev.probe.core.probe.PriorPool.SEED ? "; drawn from the pool's fixed stream whatever "
                            + "the sampler's seed, so a log Z settled in the first stages repeats under every derived "
                            + "seed, and probes on this pool share its error (not independent confirmation): a seed set "
                            + "on purpose (@ProbeSettings(seed), -Dprobe.seed) seeds the pool too"
                            : "; drawn from pool seed " + pool.seed()));
        }
        if (result.poolCheck().isPresent()) {
            // chains against the pool they started from: what R-hat cannot see (a region no chain reached)
            table = table.with("prior pool check", result.poolCheck().get().describe()
                    + (answer.evidence().disagreesWithPool(result) ? "" : result.poolCheck().get().disagrees()
                            ? " (within what this probe's maxRhat allows)" : " (within what chance allows)"));
        }
        Optional<String> pixels = SampleGrids.pixelRangeNote(spec, answer.result());
        if (pixels.isPresent()) {
            table = table.with("input range", pixels.get().replaceFirst("^note: ", ""));
        }
        int[] wrongRows = anyWrong.stream().toArray();
        // labelled once: an oracle that labelled the draws has not failed (its labels are not asked for again)
        Optional<String> oracleFailed = otherwise.isPresent() ? Optional.empty() : Verdict.oracleFailure(answer);
        if (oracleFailed.isPresent()) {
            table = table.with("labelled otherwise by the oracle", oracleFailed.get());
        }
        if (otherwise.isPresent()) {
            int judgedWrong = otherwise.get().rows().length;
            table = table.with("labelled otherwise by the oracle", answer.attainment().successes() == 0
                    ? "no draw attained the target, so the oracle labelled none" : judgedWrong == 0 ? "none of the attained draws"
                    : judgedWrong + " attained draws (their true label is outside the question's classes): every "
                            + "one in labelled-otherwise.csv; column labelled_otherwise of samples.csv");
            table = otherModels(answer, table);
        }
        // a thinned samples.csv keeps the closest misses too (those missed.png shows): a reviewer could trace only 3 of
        // the 7 missed draws a grid showed, the rare ones worth looking up
        int[] kept = stride > 1 ? keptRows(result.size(), stride, answer.tolerance(), result.targetDistances()) : null;
        if (stride > 1) {
            long extra = kept.length - (result.size() + stride - 1) / stride;
            table = table.with("samples.csv", "every " + ordinal(stride) + " of " + result.size() + " draws (column draw)"
                    + (extra > 0 ? " and " + extra + " more of the closest missed draws" : "")
                    + "; probe.reportSamples=full writes all of them");
        }
        // a risk analyst found none of the sampler's terms explained where they are read
        table = table.with("terms", TERMS);
        files.add(table.writeHtml(dir.resolve("diagnostics.html")));
        files.add(table.writeText(dir.resolve("diagnostics.txt")));
        files.add((kept == null ? compact : compact.onlyRows(kept)).write(dir.resolve("samples.csv")));
        if (wrongRows.length > 0) {
            // every one, whatever the thinning of samples.csv; with its inputs when samples.csv has them (at most 64
            // features) or the run writes full samples: thousands of 784-pixel rows made the suite's report 21 MB larger,
            // and an image's coordinates (s_) give it back through the generator
            files.add((full ? withInputs : compact).onlyRows(wrongRows).write(dir.resolve("labelled-otherwise.csv")));
        }
        if (full) {
            files.add(gzip(withInputs, dir.resolve("samples-full.csv.gz")));
        }
        return files;
    }

    /**
     * The rows a thinned samples.csv keeps, in order: every {@code stride}-th draw and the {@value SampleGrids#GRID}
     * closest missed draws (those {@code missed.png} shows).
     */
    static int[] keptRows(int size, int stride, double tolerance, double[] distances) {
        java.util.TreeSet<Integer> rows = new java.util.TreeSet<>();
        for (int i = 0; i < size; i += stride) {
            rows.add(i);
        }
        List<Integer> missed = new java.util.ArrayList<>();
        for (int i = 0; i < distances.length; i++) {
            if (!(distances[i] <= tolerance)) {
                missed.add(i);
            }
        }
        rows.addAll(SampleGrids.closest(missed, distances, SampleGrids.GRID));
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A contrast's other models, as the oracle judges them: the judged model's row alone read "none of the attained
     * draws" for draws all confidently wrong for the second-named model.
     */
    private static DiagnosticsTable otherModels(ProbeAnswer answer, DiagnosticsTable table) {
        List<ProbeAnswer> each = Verdict.eachModel(answer);
        if (each.size() < 2 || answer.attainment().successes() == 0) {
            return table;
        }
        String row = "labelled otherwise by the oracle";
        DiagnosticsTable t = table.with(row, table.rows().get(row) + " (judged by model '" + answer.judgedModel()
                + "', whose top class is compared)");
        for (ProbeAnswer other : each.subList(1, each.size())) {
            java.util.OptionalLong wrong = Verdict.wrongAmongAttained(other);
            if (wrong.isPresent()) {
                t = t.with("labelled otherwise for model '" + other.judgedModel() + "'", wrong.getAsLong() + " of the "
                        + answer.attainment().successes() + " attained draws (ProbeAnswer.judging(\"" + other.judgedModel()
                        + "\") judges them)" + (wrong.getAsLong() == 0 ? "" : ": every one in labelled-otherwise.csv; column "
                        + "labelled_otherwise_" + ProbeReport.sanitize(other.judgedModel()) + " of samples.csv"));
            }
        }
        return t;
    }

    /** The oracle's labels and the samples it labels otherwise; empty without an oracle, or one that does not fit. */
    static Optional<ProbeAnswer.LabelledOtherwise> labelledOtherwise(ProbeAnswer answer) {
        try {
            return answer.labelledOtherwise();
        } catch (RuntimeException e) {
            return Optional.empty(); // an oracle that does not fit this model (a regressor's, say) labels nothing here
        }
    }

    private static String ordinal(int n) {
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }

    /** The smallest stride that keeps {@code csv} within {@link #MAX_CELLS} cells. */
    static int stride(SampleCsv csv) {
        long cells = (long) csv.rows() * csv.header().size();
        return (int) Math.max(1, (cells + MAX_CELLS - 1) / MAX_CELLS);
    }

    private static ReportFile gzip(SampleCsv csv, Path file) {
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
            csv.writeTo(w);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing " + file + " failed", e);
        }
        return ReportFile.of(file, "application/gzip");
    }

    /** Chains over draws; populations (SMC: particles in no time order) as sorted energies, which overlap when they agree. */
    private static TracePlot trace(ProbeResult r, String prefix) {
        return isPopulation(r)
                ? TracePlot.titled(prefix + "Energy per population, sorted (populations that agree overlap)")
                        .withLabels("rank within population", "population")
                : TracePlot.titled(prefix + "Energy per chain");
    }

    private static boolean isPopulation(ProbeResult r) {
        return r.provenance().kernel().startsWith("SMC(");
    }

    private static double[][] byChain(ProbeResult r) {
        double[] e = r.energies();
        int draws = e.length / r.chains();
        double[][] out = new double[r.chains()][draws];
        for (int c = 0; c < r.chains(); c++) {
            System.arraycopy(e, c * draws, out[c], 0, draws);
            if (isPopulation(r)) {
                java.util.Arrays.sort(out[c]);
            }
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
