package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two test classes of the same simple name (in different packages, or nested in different classes) used to write
 * their reports to one folder, the second overwriting the first; the second now writes under its full name, also
 * when the first ran in another JVM (a Surefire fork): the folder records its owner. A nested class's folder carries
 * its enclosing classes' names, so two nested classes called {@code Inner} do not compete for one folder at all.
 */
class ReportFolderTest {
    static class One {
        static class SameSimpleName {}
    }

    static class Two {
        static class SameSimpleName {}
    }

    @TempDir
    Path dir;

    @Test
    void nestedClassesOfOneSimpleNameGetTheirEnclosingClassesNamesWhateverRanFirst() {
        assertThat(ProbeReport.folder(dir, Two.SameSimpleName.class)).isEqualTo("ReportFolderTest$Two$SameSimpleName");
        assertThat(ProbeReport.folder(dir, One.SameSimpleName.class)).isEqualTo("ReportFolderTest$One$SameSimpleName");
        assertThat(ProbeReport.folder(dir, ReportFolderTest.class)).as("a top-level class: its simple name")
                .isEqualTo("ReportFolderTest");
    }

    @Test
    void aFolderClaimedByAnotherJvmsClassOfTheSameNameIsNotReused() throws IOException {
        // another fork's class of the same short name (a class ReportFolderTest.One.SameSimpleName in another package)
        // got there first: the second gets its full name
        Files.createDirectories(dir.resolve("ReportFolderTest$One$SameSimpleName"));
        Files.writeString(dir.resolve("ReportFolderTest$One$SameSimpleName").resolve(ProbeReport.OWNER),
                "com.example.ReportFolderTest$One$SameSimpleName");
        assertThat(ProbeReport.folder(dir, One.SameSimpleName.class))
                .isEqualTo("dev.probe.junit.extension.ReportFolderTest$One$SameSimpleName");
        assertThat(ProbeReport.folder(dir, One.SameSimpleName.class)).as("stable").isEqualTo(
                "dev.probe.junit.extension.ReportFolderTest$One$SameSimpleName");
    }
}
