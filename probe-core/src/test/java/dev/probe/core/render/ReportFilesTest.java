package dev.probe.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReportFilesTest {
    private final ReportFile grid = ReportFile.of(Path.of("out/samples.png"), ReportFile.PNG);
    private final ReportFile csv = ReportFile.of(Path.of("out/samples.csv"), ReportFile.CSV);

    @Test
    void keepsFilesInOrderAndStaysImmutable() {
        ReportFiles one = ReportFiles.empty().and(grid);
        ReportFiles two = one.and(csv);

        assertThat(one.list()).containsExactly(grid);
        assertThat(two.list()).containsExactly(grid, csv);
        assertThat(two).containsExactly(grid, csv);
        assertThatThrownBy(() -> two.list().add(grid)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void findsFilesByDisplayName() {
        ReportFiles files = ReportFiles.of(grid.withName("Generated digits"), csv);

        assertThat(files.named("Generated digits")).hasValueSatisfying(f -> assertThat(f.path()).isEqualTo(grid.path()));
        assertThat(files.named("samples.csv")).contains(csv);
        assertThat(files.named("missing")).isEmpty();
    }

    @Test
    void knowsTheExtensionOfItsMediaType() {
        assertThat(grid.name()).isEqualTo("samples.png");
        assertThat(grid.extension()).isEqualTo("png");
        assertThat(csv.extension()).isEqualTo("csv");
        assertThat(new ReportFile("d", Path.of("d.html"), ReportFile.HTML).extension()).isEqualTo("html");
    }
}
