package dev.probe.examples.papers;

import dev.probe.core.result.Rate;
import dev.probe.junit.ProbeAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BAYES-PROBE Table 1 as the probes of a test class fill it in: per model (row) and digit (column), the
 * accuracy among high-confidence samples (1 − the oracle's misclassification rate among samples that
 * attain the target), and the aggregate over digits (pooled rates). A digit whose probe could not sample
 * its level set shows "—".
 *
 * <pre>{@code
 * TABLE.record("baseline", 3, answer);   // an answer with its oracle
 * TABLE.write(Path.of("target/probe-reports/table-1.md"), "Table 1");
 * }</pre>
 */
final class TableOne {
    private final Map<String, Map<Integer, Entry>> rows = new ConcurrentHashMap<>();

    /** One probe's numbers. */
    record Entry(ProbeAnswer answer, Rate misclassified) {}

    /** Records {@code answer} (which must carry its oracle) as the cell of {@code row} and {@code digit}. */
    void record(String row, int digit, ProbeAnswer answer) {
        Rate wrong = answer.result().misclassifiedAmongAttained(answer.judgedModel(), answer.oracle().orElseThrow(),
                answer.tolerance());
        rows.computeIfAbsent(row, r -> new ConcurrentHashMap<>()).put(digit, new Entry(answer, wrong));
    }

    /** The answers recorded for {@code row}, by digit. */
    List<ProbeAnswer> results(String row) {
        List<ProbeAnswer> out = new ArrayList<>();
        new TreeMap<>(rows.getOrDefault(row, Map.of())).values().forEach(e -> out.add(e.answer()));
        return out;
    }

    /** The aggregate misclassification rate of {@code row} (pooled over its digits). */
    Rate pooled(String row) {
        List<Rate> rates = new ArrayList<>();
        new TreeMap<>(rows.getOrDefault(row, Map.of())).values().forEach(e -> rates.add(e.misclassified()));
        return Rate.pooled(rates);
    }

    /** The table in markdown: accuracies, then the samples and effective samples behind them. */
    String markdown(List<String> order, int digits) {
        StringBuilder s = new StringBuilder("| model |");
        for (int d = 0; d < digits; d++) {
            s.append(' ').append(d).append(" |");
        }
        s.append(" Agg. | samples (n_eff) |\n|---|");
        s.append("---|".repeat(digits + 2)).append('\n');
        for (String row : order) {
            Map<Integer, Entry> cells = rows.getOrDefault(row, Map.of());
            s.append("| ").append(row).append(" |");
            long n = 0;
            double nEff = 0;
            for (int d = 0; d < digits; d++) {
                Entry e = cells.get(d);
                s.append(e == null ? " — |" : String.format(Locale.ROOT, " %.2f |", 1 - e.misclassified().estimate()));
                if (e != null) {
                    n += e.misclassified().trials();
                    nEff += e.misclassified().effectiveTrials();
                }
            }
            String agg = cells.isEmpty() ? "—" : String.format(Locale.ROOT, "%.2f", 1 - pooled(row).estimate());
            s.append(' ').append(agg).append(String.format(Locale.ROOT, " | %d (%.0f) |%n", n, nEff));
        }
        return s.toString();
    }

    /** Per model and digit: the misclassification rate with its interval and effective samples. */
    String details(List<String> order, int digits) {
        StringBuilder s = new StringBuilder();
        for (String row : order) {
            Map<Integer, Entry> cells = rows.getOrDefault(row, Map.of());
            s.append(row).append(": misclassification among high-confidence samples\n");
            for (int d = 0; d < digits; d++) {
                Entry e = cells.get(d);
                s.append(String.format(Locale.ROOT, "  %d: %s%n", d, e == null ? "not sampled" : e.misclassified()));
            }
            if (!cells.isEmpty()) {
                s.append(String.format(Locale.ROOT, "  pooled: %s%n", pooled(row)));
            }
        }
        return s.toString();
    }

    void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
