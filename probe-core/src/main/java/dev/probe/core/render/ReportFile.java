package dev.probe.core.render;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file written for a test report: a display name, where it is, and its media type, which is all
 * a report layer (Allure attachments, JUnit's {@code publishFile}) needs to attach it.
 *
 * <pre>{@code
 * ReportFile grid = ImageGrid.grey(28, 28).write(dir.resolve("samples.png"), pixels, captions);
 * grid.mediaType();   // "image/png"
 * grid.name();        // "samples.png"
 * }</pre>
 *
 * @param name what a reader sees, by default the file name
 * @param path where the file was written
 * @param mediaType e.g. {@value #PNG}
 */
public record ReportFile(String name, Path path, String mediaType) {
    public static final String PNG = "image/png";
    public static final String CSV = "text/csv";
    public static final String HTML = "text/html";
    public static final String TEXT = "text/plain";

    public ReportFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mediaType, "mediaType");
    }

    /** A file named after its path's file name. */
    public static ReportFile of(Path path, String mediaType) {
        return new ReportFile(path.getFileName().toString(), path, mediaType);
    }

    /** The same file under another display name. */
    public ReportFile withName(String newName) {
        return new ReportFile(newName, path, mediaType);
    }

    /** The file extension that matches the media type, without the dot. */
    public String extension() {
        return switch (mediaType) {
            case PNG -> "png";
            case CSV -> "csv";
            case HTML -> "html";
            default -> "txt";
        };
    }
}
