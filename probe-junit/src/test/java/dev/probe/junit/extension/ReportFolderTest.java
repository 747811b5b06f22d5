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
 * when the first ran in another JVM (a Surefire fork): the folder records its owner.
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
    void theSecondClassOfASimpleNameGetsItsFullName() {
        assertThat(ProbeReport.folder(dir, One.SameSimpleName.class)).isEqualTo("SameSimpleName");
        assertThat(ProbeReport.folder(dir, Two.SameSimpleName.class))
                .isEqualTo("dev.probe.junit.extension.ReportFolderTest$Two$SameSimpleName");
        assertThat(ProbeReport.folder(dir, One.SameSimpleName.class)).as("stable for the first").isEqualTo("SameSimpleName");
    }

    @Test
    void aFolderClaimedByAnotherJvmsClassIsNotReused() throws IOException {
        // another fork's class of the same simple name got there first
        Files.createDirectories(dir.resolve("SameSimpleName"));
        Files.writeString(dir.resolve("SameSimpleName").resolve(ProbeReport.OWNER), "com.example.SameSimpleName");
        assertThat(ProbeReport.folder(dir, One.SameSimpleName.class))
                .isEqualTo("dev.probe.junit.extension.ReportFolderTest$One$SameSimpleName");
    }
}
