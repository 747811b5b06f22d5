package dev.probe.junit.extension;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code gates.csv}, next to {@code summary.csv}: the {@code @ProbeGate}s a CI shard could not evaluate
 * because it ran only part of their template's invocations. {@link SummaryMerge} evaluates them on the
 * merged summary, so a sharded suite gates as strictly as one run.
 *
 * <pre>{@code
 * GateCsv.at(dir.resolve("gates.csv")).write(new GateCsv.Row(className, method, 12, -1, 100, 45));
 * }</pre>
 */
final class GateCsv {
    static final List<String> COLUMNS = List.of("class", "method", "min_sampled", "min_passed", "min_attained_ess",
            "invocations");
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();
    private static final Object MONITOR = new Object();

    /** One gate: its template and minimums ({@code -1}: none). */
    record Row(String className, String method, int minSampled, int minPassed, double minAttainedEss, int invocations) {
        List<String> values() {
            return List.of(className, method, Integer.toString(minSampled), Integer.toString(minPassed),
                    Double.toString(minAttainedEss), Integer.toString(invocations));
        }

        static Row of(List<String> v) {
            return new Row(v.get(0), v.get(1), Integer.parseInt(v.get(2)), Integer.parseInt(v.get(3)),
                    Double.parseDouble(v.get(4)), Integer.parseInt(v.get(5)));
        }

        /** Whether the merged summary rows meet this gate; {@code out} gets one line saying what it counted. */
        boolean holds(List<List<String>> summary, StringBuilder out) {
            int sampled = 0;
            int passed = 0;
            int seen = 0;
            java.util.Map<String, List<String>> others = new java.util.TreeMap<>();
            for (List<String> r : summary) {
                if (r.get(0).equals(className) && r.get(1).equals(method)) {
                    seen++;
                    if (!r.get(3).equals(Outcome.PASSED.csv())) {
                        others.computeIfAbsent(r.get(3).replace('_', ' '), o -> new java.util.ArrayList<>()).add(r.get(2));
                    }
                    sampled += !r.get(5).isEmpty() && Double.parseDouble(r.get(5)) >= minAttainedEss ? 1 : 0;
                    passed += r.get(3).equals(Outcome.PASSED.csv()) ? 1 : 0;
                }
            }
            boolean ok = seen == invocations && (minSampled < 0 || sampled >= minSampled) && (minPassed < 0 || passed >= minPassed);
            String gate = (minSampled >= 0 ? "sampled >= " + minSampled : "") + (minSampled >= 0 && minPassed >= 0 ? ", " : "")
                    + (minPassed >= 0 ? "passed >= " + minPassed : "");
            out.append(String.format(Locale.ROOT, "Probe gate of %s#%s %s: %d of %d invocations sampled their target (enough "
                    + "effective attained samples: minAttainedEss), %d passed (gate: %s)%s%n",
                    className.substring(className.lastIndexOf('.') + 1), method,
                    ok ? "passed" : "failed", sampled, invocations, passed, gate,
                    seen == invocations ? "" : "; only " + seen + " of its invocations are in the summaries"));
            // the same lines as a gate evaluated in one run: which invocations did not pass, and how they ended
            others.forEach((outcome, keys) -> out.append(String.format(Locale.ROOT, "  %s (%d): %s%n", outcome, keys.size(),
                    String.join(", ", keys))));
            if (!ok) {
                out.append("  re-run: ").append(rerun(others)).append(String.format("%n"));
            }
            return ok;
        }

        /**
         * The command that re-runs the invocations that did not pass (all of the method's when none is named), in
         * the test's module; the merge knows neither the module nor the build's launcher, so it says where to add them.
         */
        private String rerun(java.util.Map<String, List<String>> others) {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            others.values().forEach(ks -> ks.forEach(k -> keys.add(Selection.selectingKey(k))));
            return "mvn test -Dtest='" + className + "#" + method + "'" + (keys.isEmpty() ? ""
                    : " -Dprobe.only='" + String.join(",", keys) + "'") + "  (in the test's module; in a multi-module "
                    + "build, from the root with -pl <module> -am -Dsurefire.failIfNoSpecifiedTests=false; repeat the "
                    + "shard's -Dprobe.* settings)";
        }
    }

    private final Path file;

    private GateCsv(Path file) {
        this.file = file;
    }

    static GateCsv at(Path file) {
        return new GateCsv(file);
    }

    void write(Row row) {
        update(List.of(row));
    }

    void update(List<Row> rows) {
        synchronized (MONITOR) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (FileChannel channel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                    Map<String, Row> byTemplate = new TreeMap<>();
                    for (Row r : read(file)) {
                        byTemplate.put(r.className() + "#" + r.method(), r);
                    }
                    for (Row r : rows) {
                        byTemplate.put(r.className() + "#" + r.method(), r);
                    }
                    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); CSVPrinter out = new CSVPrinter(w, FORMAT)) {
                        out.printRecord(COLUMNS);
                        for (Row r : byTemplate.values()) {
                            out.printRecord(r.values());
                        }
                    }
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Writing " + file.toAbsolutePath() + " failed", e);
            }
        }
    }

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            boolean header = true;
            for (CSVRecord record : FORMAT.parse(r)) {
                if (header) {
                    if (!record.toList().equals(COLUMNS)) {
                        throw new IOException(file + " is not a probe gate file: its header is " + record.toList());
                    }
                    header = false;
                } else {
                    rows.add(Row.of(record.toList()));
                }
            }
        }
        return rows;
    }
}
