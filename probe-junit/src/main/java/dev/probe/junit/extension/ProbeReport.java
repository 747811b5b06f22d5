package dev.probe.junit.extension;

import dev.probe.core.render.ReportFile;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.allure.AllureAttachments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes an invocation's report once: with Allure running, as attachments of its test case only;
 * otherwise under {@code <probe.reportDir>/<class>/<method>/<key>/} (default
 * {@code target/probe-reports}), named in a JUnit report entry. Either way the invocation's row goes
 * into {@code <probe.reportDir>/summary.csv}.
 */
final class ProbeReport {
    private ProbeReport() {}

    /** The folder chosen for each test class in this JVM. */
    private static final java.util.concurrent.ConcurrentMap<List<Object>, String> FOLDERS = new java.util.concurrent.ConcurrentHashMap<>();
    /** The file in a class's report folder that names the class owning the folder. */
    static final String OWNER = ".test-class";

    /**
     * A test class's short name: its simple name, with its enclosing classes' for a nested class ({@code Digits$Inner}),
     * since nested classes have generic names ({@code Inner}, {@code WhenTrained}) that would otherwise compete for one
     * folder, and whichever ran first would get it.
     */
    static String shortName(Class<?> c) {
        return c.getEnclosingClass() == null ? c.getSimpleName() : shortName(c.getEnclosingClass()) + "$" + c.getSimpleName();
    }

    /**
     * A test class's report folder under {@code reportDir}: its short name ({@link #shortName}), or its fully qualified name when another
     * class of the same simple name (in another package, or another enclosing class) owns that folder, so that
     * neither overwrites the other's reports. The folder's owner is written in it ({@value #OWNER}, created
     * atomically), which holds across JVMs (Surefire forks) and runs writing to the same directory.
     */
    static String folder(Path reportDir, Class<?> testClass) {
        Class<?> c = testClass;
        return FOLDERS.computeIfAbsent(List.of(reportDir.toAbsolutePath().normalize(), c), key -> {
            Path owner = reportDir.resolve(shortName(c)).resolve(OWNER);
            try {
                Files.createDirectories(owner.getParent());
                try {
                    Files.writeString(owner, c.getName(), java.nio.file.StandardOpenOption.CREATE_NEW);
                    return shortName(c);
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    return Files.readString(owner).strip().equals(c.getName()) ? shortName(c) : c.getName();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot claim the report folder " + owner.getParent(), e);
            }
        });
    }

    /**
     * Forgets the invocations of the context's template that it no longer has (their keys are not in {@code keys}),
     * and the probe methods of its class that no longer run (removed, renamed or {@code @Disabled}): their
     * {@code summary.csv} rows and report folders, left by an earlier run without {@code clean}, would otherwise show
     * a failure that no longer exists.
     */
    static void dropStale(java.util.Set<String> keys, ExtensionContext context) {
        Path reportDir = reportDir(context);
        Class<?> testClass = context.getRequiredTestClass();
        String method = context.getRequiredTestMethod().getName();
        java.util.Set<String> live = liveProbeMethods(testClass);
        if (Files.isRegularFile(reportDir.resolve("summary.csv"))) {
            SummaryCsv.at(reportDir.resolve("summary.csv")).retain(testClass.getName(), method, keys, live);
            forgetClassesThatNoLongerRun(reportDir, testClass.getClassLoader());
        }
        Optional<Path> classDir = existingClassFolder(reportDir, testClass);
        if (classDir.isEmpty()) {
            return;
        }
        removeFoldersOtherThan(classDir.get(), live);
        removeFoldersOtherThan(classDir.get().resolve(method), keys.stream().map(ProbeReport::sanitize)
                .collect(java.util.stream.Collectors.toSet()));
    }

    /**
     * Forgets the rows and report folders of test classes that can no longer run: deleted (the class does not load), or
     * with no probe method that runs (a {@code @Disabled} class, every probe method removed or disabled). A new user's
     * green build after deleting one class and disabling another kept their rows, a {@code failed} one among them, in
     * {@code summary.csv}. A class left out by a filter ({@code -Dtest}, tags) still loads and keeps its rows.
     */
    static void forgetClassesThatNoLongerRun(Path reportDir, ClassLoader loader) {
        if (!Files.isRegularFile(reportDir.resolve("summary.csv"))) {
            return;
        }
        java.util.Set<String> gone = new java.util.TreeSet<>();
        try {
            for (List<String> row : SummaryCsv.read(reportDir.resolve("summary.csv"))) {
                if (!gone.contains(row.get(0)) && !runs(row.get(0), loader)) {
                    gone.add(row.get(0));
                }
            }
        } catch (IOException e) {
            return; // not a probe summary: SummaryCsv's own writes say so
        }
        if (gone.isEmpty()) {
            return;
        }
        SummaryCsv.at(reportDir.resolve("summary.csv")).forgetClasses(gone);
        try (java.util.stream.Stream<Path> folders = Files.list(reportDir)) {
            for (Path folder : folders.filter(Files::isDirectory).collect(java.util.stream.Collectors.toList())) {
                Path owner = folder.resolve(OWNER);
                String name = Files.isRegularFile(owner) ? Files.readString(owner).strip() : folder.getFileName().toString();
                if (gone.contains(name)) {
                    deleteTree(folder);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the probe reports under " + reportDir, e);
        }
    }

    /** Whether the test class {@code name} loads and has a probe method that runs. */
    private static boolean runs(String name, ClassLoader loader) {
        Class<?> c;
        try {
            c = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return !org.junit.platform.commons.support.AnnotationSupport.isAnnotated(c, org.junit.jupiter.api.Disabled.class)
                && !liveProbeMethods(c).isEmpty();
    }

    /**
     * The class's report folder if it has one, without claiming one (under Allure the reports go elsewhere); empty when
     * its owner file cannot be read (the folders are then left to {@code clean}).
     */
    private static Optional<Path> existingClassFolder(Path reportDir, Class<?> testClass) {
        Path owner = reportDir.resolve(shortName(testClass)).resolve(OWNER);
        try {
            return Optional.of(Files.isRegularFile(owner) && Files.readString(owner).strip().equals(testClass.getName())
                    ? owner.getParent() : reportDir.resolve(testClass.getName()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Removes the report folder of the context's invocation {@code key} (every invocation's of the method for the empty
     * key, a template that failed before it expanded) before it runs: whatever the invocation ends in, no file of an
     * earlier run (a {@code samples.png} titled "295 of 512 samples attain the target" beside this run's
     * {@code missed.png} of all 128 draws, a {@code samples-full.csv.gz} of other draws, the full report of an
     * invocation that now ends in an error, or a plain folder under Allure) is left to contradict it.
     */
    static void clear(String key, ExtensionContext context) {
        existingClassFolder(reportDir(context), context.getRequiredTestClass()).ifPresent(classDir -> {
            Path methodDir = classDir.resolve(context.getRequiredTestMethod().getName());
            deleteTree(key.isEmpty() ? methodDir : methodDir.resolve(sanitize(key)));
        });
    }

    /** Deletes {@code dir} and everything in it, if it exists. */
    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).collect(java.util.stream.Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove stale probe reports under " + dir, e);
        }
    }

    /**
     * The names of the class's probe methods that run: with a probe annotation and without {@code @Disabled}. The rows
     * and folders of others (a method since removed, renamed or disabled) are stale.
     */
    private static java.util.Set<String> liveProbeMethods(Class<?> testClass) {
        return org.junit.platform.commons.support.ReflectionSupport.findMethods(testClass,
                m -> !ProbeExtension.probeAnnotations(m).isEmpty()
                        && !org.junit.platform.commons.support.AnnotationSupport.isAnnotated(m, org.junit.jupiter.api.Disabled.class),
                org.junit.platform.commons.support.HierarchyTraversalMode.TOP_DOWN)
                .stream().map(java.lang.reflect.Method::getName).collect(java.util.stream.Collectors.toSet());
    }

    /** Removes the sub-folders of {@code dir} not named in {@code keep} (if {@code dir} exists). */
    private static void removeFoldersOtherThan(Path dir, java.util.Set<String> keep) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> children = Files.list(dir)) {
            for (Path stale : children.filter(p -> Files.isDirectory(p) && !keep.contains(p.getFileName().toString()))
                    .collect(java.util.stream.Collectors.toList())) {
                deleteTree(stale);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove stale probe reports under " + dir, e);
        }
    }

    /**
     * Whether {@code probe.reportSamples} asks for every draw ({@code full}) rather than the thinned samples
     * ({@code compact}, the default); any other value is refused (a typo such as {@code fulll} or {@code true} would
     * otherwise leave the run at compact without a word).
     */
    /**
     * Whether report folders are written under Allure too ({@code probe.reportFolders=true}): by default Allure's
     * attachments replace them, and a new user told to read diagnostics.txt found only UUID-named files.
     */
    static boolean foldersToo(ExtensionContext context) {
        Optional<String> value = context.getConfigurationParameter("probe.reportFolders").map(String::trim)
                .filter(s -> !s.isEmpty());
        if (value.isEmpty() || value.get().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.get().equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException("probe.reportFolders = \"" + value.get() + "\" is neither true nor false: true "
                + "writes every probe's report folder under " + reportDir(context) + " beside its Allure attachments, false "
                + "(the default) writes the attachments alone when Allure is on the test classpath.");
    }

    /** Whether this invocation's report goes to a folder: always without Allure, with it under probe.reportFolders. */
    private static boolean folders(ExtensionContext context) {
        boolean asked = foldersToo(context); // read (and checked) whether Allure runs or not
        return asked || !AllureAttachments.available();
    }

    static boolean fullSamples(ExtensionContext context) {
        Optional<String> value = context.getConfigurationParameter("probe.reportSamples").map(String::trim)
                .filter(s -> !s.isEmpty());
        if (value.isEmpty() || value.get().equalsIgnoreCase("compact")) {
            return false;
        }
        if (value.get().equalsIgnoreCase("full")) {
            return true;
        }
        throw new IllegalArgumentException("Probe setting 'reportSamples' = \"" + value.get() + "\" (from "
                + ConfigurationSource.of("probe.reportSamples", value.get()) + " probe.reportSamples) is invalid: expected "
                + "full (every draw with every input value, in "
                + "samples-full.csv.gz) or compact (the thinned samples.csv, the default).");
    }

    static Path reportDir(ExtensionContext context) {
        return Paths.get(context.getConfigurationParameter("probe.reportDir").filter(s -> !s.isBlank()).orElse("target/probe-reports"));
    }

    static void write(ProbeSpec spec, ProbeAnswer answer, Outcome outcome, ExtensionContext context) {
        write(spec, answer, outcome, Optional.empty(), context);
    }

    /** As above, with the failure's message ({@code failure}) of a failed invocation in its diagnostics. */
    static void write(ProbeSpec spec, ProbeAnswer answer, Outcome outcome, Optional<String> failure,
            ExtensionContext context) {
        try {
            writeReport(spec, answer, outcome, failure, context);
        } catch (RuntimeException | Error e) {
            // JUnit reports the invocation as an error: so does its summary row (it said "passed" once)
            summaryRow(spec, answer, Outcome.ERROR, context);
            throw e;
        }
        summaryRow(spec, answer, outcome, context);
    }

    /** Where an invocation's report files are: its folder, or the Allure test case's attachments. */
    static String where(ProbeSpec spec, ExtensionContext context) {
        if (!folders(context)) {
            return "the Allure test case's attachments";
        }
        return reportDir(context).resolve(folder(reportDir(context), context.getRequiredTestClass()))
                .resolve(context.getRequiredTestMethod().getName()).resolve(sanitize(spec.key())).toString();
    }

    private static void writeReport(ProbeSpec spec, ProbeAnswer answer, Outcome outcome, Optional<String> failure,
            ExtensionContext context) {
        boolean allure = AllureAttachments.available();
        boolean folders = folders(context);
        boolean full = fullSamples(context);
        Path dir = !folders ? temporary() : reportDir(context).resolve(folder(reportDir(context), context.getRequiredTestClass()))
                .resolve(context.getRequiredTestMethod().getName()).resolve(sanitize(spec.key()));
        try {
            Files.createDirectories(dir);
            Optional<double[][]> training = ProbeContext.trainingData(context.getRequiredTestClass(), context);
            boolean inputs = SampleGrids.imageShape(spec).isEmpty() && training.isEmpty();
            double[][][] prior = priorDraws(spec, answer.result(), inputs, context);
            List<ReportFile> files = ReportFiles.render(spec, answer, outcome, failure, dir, training, prior, full,
                    InvocationSampling.wallSeconds(spec, answer.result(), context));
            if (allure) {
                // a regression gate's sides share one Allure test case: their attachments and parameters carry the
                // side's key (0-baseline: samples.png), else the second side's read like the first's
                String side = Selection.isGateSide(spec.key()) ? spec.key() + ": " : "";
                Map<String, String> parameters = new LinkedHashMap<>();
                parameters.put(side + "probe", answer.displayName());
                parameters.put(side + "outcome", outcome.csv());
                parameters.put(side + "seed", Long.toString(answer.result().seed()));
                parameters.put(side + "settings", ReportFiles.settings(spec, answer.result()));
                AllureAttachments.parameters(parameters);
                for (ReportFile f : files) {
                    AllureAttachments.attach(side + f.name(), f.mediaType(), f.path());
                    if (!folders) {
                        Files.delete(f.path());
                    }
                }
                if (!folders) {
                    Files.delete(dir);
                }
            }
            if (folders) {
                context.publishReportEntry("probe-report", dir.toAbsolutePath().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the probe report of '" + answer.displayName() + "' failed", e);
        }
    }

    /**
     * Draws from the space and, if asked, their inputs (a push-forward through the generator), on the
     * sampler thread.
     */
    private static double[][][] priorDraws(ProbeSpec spec, ProbeResult result, boolean inputs, ExtensionContext context) {
        SampleSpace space = spec.probe().space();
        return SamplerThread.of(context).call("drawing from the space for the report of " + spec.displayName(), () -> {
            int n = Math.min(2000, 4 * result.size());
            ChainRandom random = new ChainRandom(result.seed());
            // the prior where there is one (an anchored input space starts every chain at its anchor: not a reference)
            double[][] draws = space.hasProperPrior() ? space.priorDraws(n, random) : space.initialPositions(n, random);
            return new double[][][] {draws, inputs ? space.toInputs(draws) : null};
        });
    }

    /**
     * A regression gate's comparison (both estimates with intervals, the difference, margin and verdict), passed or not:
     * {@code comparison.txt} in the gate's report folder, or an Allure attachment. The sides' folders hold their samples.
     */
    static void writeComparison(String key, String text, ExtensionContext context) {
        try {
            if (AllureAttachments.available()) {
                Path file = Files.createTempFile("probe-comparison", ".txt");
                Files.writeString(file, text);
                AllureAttachments.attach("comparison.txt", "text/plain", file);
                Files.delete(file);
                if (!foldersToo(context)) {
                    return;
                }
            }
            Path dir = reportDir(context).resolve(folder(reportDir(context), context.getRequiredTestClass()))
                    .resolve(context.getRequiredTestMethod().getName()).resolve(sanitize(key));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("comparison.txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the comparison of gate " + key + " failed", e);
        }
    }

    /** The summary row of an invocation that ended in an error before it had an answer: its numbers are empty. */
    static void writeErrorRow(ProbeSpec spec, ExtensionContext context) {
        writeRowWithoutSamples(spec.key(), Outcome.ERROR, context);
    }

    /** A summary row without sample statistics: an error before an answer. */
    static void writeRowWithoutSamples(String key, Outcome outcome, ExtensionContext context) {
        writeRowWithoutSamples(reportDir(context), context.getRequiredTestClass().getName(),
                context.getRequiredTestMethod().getName(), key, outcome);
    }

    private static void writeRowWithoutSamples(Path reportDir, String testClass, String method, String key, Outcome outcome) {
        List<String> row = new java.util.ArrayList<>(List.of(testClass, method, key, outcome.csv()));
        while (row.size() < SummaryCsv.COLUMNS.size()) {
            row.add("");
        }
        SummaryCsv.at(reportDir.resolve("summary.csv")).write(row);
    }

    /**
     * The one row of a regression gate that samples no probe (a statistic of prior draws): key, outcome, its wall time
     * (empty if it never compared) and 0 gradient evaluations; no sample statistics.
     */
    static void writeProbelessGateRow(String key, Outcome outcome, double wallSeconds, ExtensionContext context) {
        List<String> row = new java.util.ArrayList<>(List.of(context.getRequiredTestClass().getName(),
                context.getRequiredTestMethod().getName(), key, outcome.csv()));
        while (row.size() < SummaryCsv.COLUMNS.size()) {
            row.add("");
        }
        if (Double.isFinite(wallSeconds)) {
            row.set(SummaryCsv.COLUMNS.indexOf("wall_s"), number(wallSeconds));
            row.set(SummaryCsv.COLUMNS.indexOf("gradient_evals"), "0");
        }
        SummaryCsv.at(reportDir(context).resolve("summary.csv")).write(row);
    }

    /**
     * A probe template whose class failed (or aborted) before it started: one row without a key and numbers (it replaces
     * every row of the method) and no report folder of an earlier run.
     */
    static void neverStarted(Path reportDir, Class<?> testClass, String method, Outcome outcome) {
        existingClassFolder(reportDir, testClass).ifPresent(classDir -> deleteTree(classDir.resolve(method)));
        writeRowWithoutSamples(reportDir, testClass.getName(), method, "", outcome);
    }

    static void summaryRow(ProbeSpec spec, ProbeAnswer answer, Outcome outcome, ExtensionContext context) {
        ProbeResult r = answer.result();
        // nothing attained: the target's mass is unmeasured (the populations' number is only a lower bound from near
        // misses, which diagnostics.txt gives as such): both columns stay empty, so no reader takes it for an estimate
        Optional<double[]> mass = r.priorMass().filter(m -> answer.attainment().successes() > 0)
                .map(m -> new double[] {m.logMass(), m.logMassSd()});
        SummaryCsv.at(reportDir(context).resolve("summary.csv")).write(List.of(context.getRequiredTestClass().getName(),
                context.getRequiredTestMethod().getName(), spec.key(), outcome.csv(), number(answer.attainment().estimate()),
                number(answer.attainedEss()), number(r.diagnostics().maxRhat()), number(r.diagnostics().minEss()),
                mass.map(m -> number(m[0])).orElse(""), mass.map(m -> number(m[1])).orElse(""),
                number(InvocationSampling.wallSeconds(spec, r, context)),
                Long.toString(r.diagnostics().gradientEvaluations())));
    }

    private static String number(double v) {
        return Double.isFinite(v) ? new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString() : "";
    }

    private static Path temporary() {
        try {
            return Files.createTempDirectory("probe-report");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sanitize(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9._-]+", "_");
        return clean.isEmpty() ? "probe" : clean;
    }
}
