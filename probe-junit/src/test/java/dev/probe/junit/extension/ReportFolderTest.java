package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Two test classes of the same simple name (in different packages, or nested in different classes) used to write
 * their reports to one folder, the second overwriting the first; the second now writes under its full name.
 */
class ReportFolderTest {
    static class One {
        static class SameSimpleName {}
    }

    static class Two {
        static class SameSimpleName {}
    }

    @Test
    void theSecondClassOfASimpleNameGetsItsFullName() {
        assertThat(ProbeReport.folder(One.SameSimpleName.class)).isEqualTo("SameSimpleName");
        assertThat(ProbeReport.folder(Two.SameSimpleName.class))
                .isEqualTo("dev.probe.junit.extension.ReportFolderTest$Two$SameSimpleName");
        assertThat(ProbeReport.folder(One.SameSimpleName.class)).as("stable for the first").isEqualTo("SameSimpleName");
    }
}
