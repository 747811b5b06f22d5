package dev.probe.core.render;

import dev.probe.core.diagnostics.Diagnostics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A key/value table, as aligned plain text for failure messages or as HTML for reports. Keys keep
 * their insertion order.
 *
 * <pre>{@code
 * DiagnosticsTable table = DiagnosticsTable.of(trace.diagnostics()).with("seed", "42");
 * String message = "no ambivalent sample found\n" + table.text();
 * ReportFile f = table.writeHtml(dir.resolve("diagnostics.html"));
 * }</pre>
 */
public final class DiagnosticsTable {
    private final LinkedHashMap<String, String> rows;
    private final Map<String, String> emphasis;

    private DiagnosticsTable(LinkedHashMap<String, String> rows) {
        this(rows, Map.of());
    }

    private DiagnosticsTable(LinkedHashMap<String, String> rows, Map<String, String> emphasis) {
        this.rows = rows;
        this.emphasis = emphasis;
    }

    /** A copy of {@code rows}, in their order. */
    public static DiagnosticsTable of(Map<String, String> rows) {
        return new DiagnosticsTable(new LinkedHashMap<>(rows));
    }

    /** The headline numbers of a sampling run: acceptance, R̂, ESS, timings, rejected proposals, step size. */
    public static DiagnosticsTable of(Diagnostics d) {
        LinkedHashMap<String, String> rows = new LinkedHashMap<>();
        rows.put("acceptance (mean)", number("%.3f", d.meanAcceptance()));
        int[] unmoved = d.unmovedChains();
        if (unmoved.length > 0) {
            // a reviewer found 48 copies of one input in missed.png: one chain of 16 never moved, which the mean hid
            rows.put("chains that never moved", unmoved.length + " of " + d.acceptanceRate().length + " (chain"
                    + (unmoved.length == 1 ? " " : "s ") + java.util.Arrays.stream(unmoved).limit(8)
                            .mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(", "))
                    + (unmoved.length > 8 ? ", …" : "") + "): acceptance 0 after warm-up, every draw the same point");
        }
        rows.put("max R-hat", number("%.4f", d.maxRhat()));
        rows.put("min bulk ESS", number("%.1f", d.minEss()));
        rows.put("energy R-hat", number("%.4f", d.energyRhat()));
        rows.put("energy ESS", number("%.1f", d.energyEss()));
        rows.put("ESS/s", number("%.1f", d.essPerSecond()));
        rows.put("wall time (s)", number("%.2f", d.wallSeconds()));
        rows.put("sampling time (s)", number("%.2f", d.samplingSeconds()));
        // warm-up apart, as for divergences: a new user could not tell whether a diverged trajectory's NaN came after it
        rows.put("non-finite proposals", d.sampling().nonFinite() + " (warm-up " + d.warmup().nonFinite() + ")");
        rows.put("divergences", d.divergences() + " (warm-up " + d.warmupDivergences() + ")");
        rows.put("out-of-box proposals", d.sampling().outOfBounds() + " (warm-up " + d.warmup().outOfBounds() + ")");
        rows.put("gradient evaluations", Long.toString(d.gradientEvaluations()));
        rows.put("energy evaluations", Long.toString(d.energyEvaluations()));
        rows.put("step size", number("%.4g", d.stepSize()));
        return new DiagnosticsTable(rows);
    }

    /** This table with one more row (or {@code key}'s value replaced in place). */
    public DiagnosticsTable with(String key, String value) {
        LinkedHashMap<String, String> more = new LinkedHashMap<>(rows);
        more.put(key, value);
        return new DiagnosticsTable(more, emphasis);
    }

    /** This table with {@code rows} appended (values of keys it has replaced in place). */
    public DiagnosticsTable withAll(Map<String, String> more) {
        LinkedHashMap<String, String> all = new LinkedHashMap<>(rows);
        all.putAll(more);
        return new DiagnosticsTable(all, emphasis);
    }

    /**
     * This table with the row {@code key} drawn bold on the background {@code cssColour} in {@link #html()} (e.g. a
     * probe's outcome, which a sign-off reader looks for first); the text form is unchanged.
     */
    public DiagnosticsTable emphasising(String key, String cssColour) {
        if (!cssColour.matches("#?[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("A CSS colour is a name or #rrggbb, got '" + cssColour + "'");
        }
        Map<String, String> more = new java.util.HashMap<>(emphasis);
        more.put(key, cssColour);
        return new DiagnosticsTable(rows, Map.copyOf(more));
    }

    /** A copy of the rows. */
    public Map<String, String> rows() {
        return new LinkedHashMap<>(rows);
    }

    /**
     * One {@code key  value} line per row, values aligned after the keys of at most {@value #KEY_COLUMN} characters;
     * a longer key has its value on the next line, at the same column (one 118-character key padded every line to 120
     * columns, which wrapped in a terminal). Each line ends with a newline.
     */
    public String text() {
        int width = rows.keySet().stream().mapToInt(String::length).filter(n -> n <= KEY_COLUMN).max().orElse(0);
        String indent = " ".repeat(width + 2);
        StringBuilder out = new StringBuilder();
        rows.forEach((k, v) -> out.append(k).append(k.length() <= width ? " ".repeat(width - k.length() + 2) : "\n" + indent)
                .append(v).append('\n'));
        return out.toString();
    }

    /** The widest key that keeps its value on its own line in {@link #text()}. */
    static final int KEY_COLUMN = 40;

    /** A standalone {@code <table>} with escaped keys and values. */
    public String html() {
        StringBuilder out = new StringBuilder("<table class=\"probe-diagnostics\">\n");
        rows.forEach((k, v) -> out.append(emphasis.containsKey(k)
                        ? "  <tr style=\"font-weight:bold;background:" + emphasis.get(k) + "\">" : "  <tr>")
                .append("<th style=\"text-align:left\">").append(escape(k))
                .append("</th><td style=\"text-align:right\">").append(escape(v)).append("</td></tr>\n"));
        return out.append("</table>\n").toString();
    }

    public ReportFile writeText(Path file) {
        return write(file, text(), ReportFile.TEXT);
    }

    /** A minimal HTML page holding {@link #html()}. */
    public ReportFile writeHtml(Path file) {
        String page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Diagnostics</title></head>\n"
                + "<body style=\"font-family:sans-serif\">\n" + html() + "</body></html>\n";
        return write(file, page, ReportFile.HTML);
    }

    private static ReportFile write(Path file, String content, String mediaType) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return ReportFile.of(file, mediaType);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String number(String pattern, double v) {
        return String.format(Locale.ROOT, pattern, v);
    }

    @Override
    public String toString() {
        return text();
    }
}
