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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code summary.csv}: one row per probe invocation, for CI dashboards and checks. Rows are keyed by
 * (class, method, key); writing a row replaces that invocation's earlier row and keeps the others, so a
 * re-run of one invocation updates its row. Every write happens under a file lock (and a JVM-wide
 * monitor) and replaces the file atomically, so parallel test threads and several Surefire forks can
 * share one file. CI shards each write their own; {@link #merge} (or {@code SummaryMerge}) joins them.
 *
 * <pre>{@code
 * SummaryCsv.at(Path.of("target/probe-reports/summary.csv")).write(row);
 * }</pre>
 */
final class SummaryCsv {
    /** The columns, in order. */
    static final List<String> COLUMNS = List.of("class", "method", "key", "outcome", "attainment", "attained_ess", "max_rhat",
            "min_ess", "log_prior_mass", "log_prior_mass_sd", "wall_s", "gradient_evals");
    private static final Object MONITOR = new Object();
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    private final Path file;

    private SummaryCsv(Path file) {
        this.file = file;
    }

    static SummaryCsv at(Path file) {
        return new SummaryCsv(file);
    }

    /**
     * Adds or replaces the row of one invocation ({@code row} has one value per column; empty = not applicable). A row
     * with an empty key (a template that failed before it expanded) replaces every row of its method, and a row with a
     * key replaces its method's empty-key row.
     */
    void write(List<String> row) {
        if (row.size() != COLUMNS.size()) {
            throw new IllegalArgumentException("A summary row needs " + COLUMNS.size() + " values, got " + row);
        }
        update(List.of(row));
    }

    /**
     * Drops the rows of {@code testClass#method} whose key is not among {@code keys} (invocations its template no longer
     * has: a class removed from {@code classes}) and the rows of {@code testClass}'s methods not among {@code methods}
     * (removed, renamed or disabled), which an earlier run without {@code clean} left behind.
     */
    void retain(String testClass, String method, java.util.Set<String> keys, java.util.Set<String> methods) {
        edit(byKey -> byKey.keySet().removeIf(k -> k.get(0).equals(testClass) && (!methods.contains(k.get(1))
                || k.get(1).equals(method) && !k.get(2).isEmpty() && !keys.contains(k.get(2)))));
    }

    /** Drops every row of the classes in {@code classes} (test classes that no longer run: deleted or disabled). */
    void forgetClasses(java.util.Set<String> classes) {
        edit(byKey -> byKey.keySet().removeIf(k -> classes.contains(k.get(0))));
    }

    /** Adds or replaces {@code rows} (e.g. another shard's). */
    void update(List<List<String>> rows) {
        edit(byKey -> {
            for (List<String> r : rows) {
                // a method's row with an empty key says its template failed before it expanded: it and the
                // method's invocation rows exclude each other, so a stale one never outlives a new run
                byKey.keySet().removeIf(k -> k.get(0).equals(r.get(0)) && k.get(1).equals(r.get(1))
                        && (k.get(2).isEmpty() != r.get(2).isEmpty()));
                byKey.put(r.subList(0, 3), r);
            }
        });
    }

    /** Reads the rows, lets {@code change} edit them (keyed by class, method and key), and writes them back. */
    private void edit(java.util.function.Consumer<Map<List<String>, List<String>>> change) {
        synchronized (MONITOR) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = channel.lock()) {
                    Map<List<String>, List<String>> byKey = new TreeMap<>(SummaryCsv::compareKeys);
                    for (List<String> r : read(file)) {
                        byKey.put(r.subList(0, 3), r);
                    }
                    change.accept(byKey);
                    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); CSVPrinter out = new CSVPrinter(w, FORMAT)) {
                        out.printRecord(COLUMNS);
                        for (List<String> r : byKey.values()) {
                            out.printRecord(r);
                        }
                    }
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Writing the probe summary " + file.toAbsolutePath() + " failed", e);
            }
        }
    }

    /** The data rows of a summary file (none if it does not exist); fails on a file with other columns. */
    static List<List<String>> read(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            boolean header = true;
            for (CSVRecord record : FORMAT.parse(r)) {
                List<String> values = record.toList();
                if (header) {
                    if (!values.equals(COLUMNS)) {
                        throw new IOException(file + " is not a probe summary: its header is " + values + ", expected " + COLUMNS);
                    }
                    header = false;
                } else {
                    rows.add(values);
                }
            }
        }
        return rows;
    }

    /** Joins shard summaries into {@code target}: every row of every source, a later source's row replacing an earlier one. */
    static void merge(Path target, List<Path> sources) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Path s : sources) {
            if (!Files.isRegularFile(s)) {
                throw new IOException("No probe summary at " + s.toAbsolutePath());
            }
            rows.addAll(read(s));
        }
        at(target).update(rows);
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return "SummaryCsv[" + file + "]" + Arrays.toString(COLUMNS.toArray());
    }
}
