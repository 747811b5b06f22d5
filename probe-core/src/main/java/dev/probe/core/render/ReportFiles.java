package dev.probe.core.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The files one probe wrote for its report, in the order they were written. Immutable: {@link #and}
 * returns a new list.
 *
 * <pre>{@code
 * ReportFiles files = ReportFiles.empty()
 *         .and(ImageGrid.grey(28, 28).write(dir.resolve("samples.png"), pixels, captions))
 *         .and(DiagnosticsTable.of(diagnostics).writeHtml(dir.resolve("diagnostics.html")));
 * for (ReportFile f : files) { attach(f.name(), f.mediaType(), f.path()); }
 * }</pre>
 */
public final class ReportFiles implements Iterable<ReportFile> {
    private static final ReportFiles EMPTY = new ReportFiles(List.of());

    private final List<ReportFile> files;

    private ReportFiles(List<ReportFile> files) {
        this.files = files;
    }

    public static ReportFiles empty() {
        return EMPTY;
    }

    public static ReportFiles of(ReportFile... files) {
        return new ReportFiles(List.of(files));
    }

    /** This list with {@code file} appended. */
    public ReportFiles and(ReportFile file) {
        Objects.requireNonNull(file, "file");
        List<ReportFile> more = new ArrayList<>(files);
        more.add(file);
        return new ReportFiles(Collections.unmodifiableList(more));
    }

    /** The first file with this display name. */
    public Optional<ReportFile> named(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** All files, unmodifiable. */
    public List<ReportFile> list() {
        return files;
    }

    public int size() {
        return files.size();
    }

    @Override
    public Iterator<ReportFile> iterator() {
        return files.iterator();
    }

    @Override
    public String toString() {
        return files.toString();
    }
}
