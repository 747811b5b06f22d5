package dev.probe.examples.bench;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table built row by row; the first column is left-aligned, the others right-aligned. */
final class MarkdownTable {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    MarkdownTable(String... header) {
        this.header = header;
    }

    void add(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = String.valueOf(cells[i]);
        }
        rows.add(row);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.length; i++) {
            sb.append(i == 0 ? "---|" : "---:|");
        }
        sb.append('\n');
        for (String[] r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }
}
