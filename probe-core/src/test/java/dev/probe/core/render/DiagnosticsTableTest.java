package dev.probe.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.diagnostics.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosticsTableTest {
    @TempDir
    Path dir;

    private static DiagnosticsTable table() {
        LinkedHashMap<String, String> rows = new LinkedHashMap<>();
        rows.put("seed", "42");
        rows.put("kernel", "MALA(h=0.12)");
        rows.put("query <ambivalent>", "p & q");
        return DiagnosticsTable.of(rows);
    }

    @Test
    void textAlignsValuesInInsertionOrder() {
        assertThat(table().text()).isEqualTo("""
                seed                42
                kernel              MALA(h=0.12)
                query <ambivalent>  p & q
                """);
    }

    @Test
    void aLongKeyPutsItsValueOnTheNextLineRatherThanPaddingEveryLine() {
        LinkedHashMap<String, String> rows = new LinkedHashMap<>();
        rows.put("seed", "42");
        rows.put("prior mass of the relaxed level set (Z = E[e^-G], not the share within the tolerance)", "log Z = -3.1");
        assertThat(DiagnosticsTable.of(rows).text()).isEqualTo("""
                seed  42
                prior mass of the relaxed level set (Z = E[e^-G], not the share within the tolerance)
                      log Z = -3.1
                """);
    }

    @Test
    void htmlEscapesKeysAndValues() {
        assertThat(table().html())
                .contains("<tr><th style=\"text-align:left\">seed</th><td style=\"text-align:right\">42</td></tr>")
                .contains("query &lt;ambivalent&gt;").contains("p &amp; q")
                .doesNotContain("<ambivalent>");
    }

    @Test
    void readsTheHeadlineNumbersOfARun() {
        Diagnostics d = new Diagnostics(new double[] {0.5, 0.7}, new double[] {1.002, 1.004}, new double[] {800, 650},
                1.001, 900, 3.0, 2.0, 1, 2, 300, 40, 0.125);

        DiagnosticsTable table = DiagnosticsTable.of(d).with("seed", "42");

        assertThat(table.rows()).containsEntry("acceptance (mean)", "0.600").containsEntry("max R-hat", "1.0040")
                .containsEntry("min bulk ESS", "650.0").containsEntry("ESS/s", "325.0")
                .containsEntry("non-finite proposals", "1 (warm-up 0)").containsEntry("step size", "0.1250")
                .containsEntry("seed", "42");
        assertThat(table.rows().keySet()).first().isEqualTo("acceptance (mean)");
        assertThat(table.rows().keySet()).last().isEqualTo("seed");
        assertThat(table.rows()).doesNotContainKey("chains that never moved");
    }

    /** Both tables count non-finite proposals as divergences: after warm-up, with warm-up's in parentheses. */
    @Test
    void nonFiniteProposalsAreCountedAfterWarmupWithWarmupsApart() {
        Diagnostics d = new Diagnostics(new double[] {0.8}, new double[] {1.0}, new double[] {500}, 1.0, 500, 1.0, 1.0,
                new dev.probe.core.diagnostics.InvalidProposals(7, 40, 3), new dev.probe.core.diagnostics.InvalidProposals(0, 0, 5),
                10, 0, 0.2);
        assertThat(d.nonFiniteProposals()).isEqualTo(7); // warm-up and sampling together, as documented
        assertThat(DiagnosticsTable.of(d).rows()).containsEntry("non-finite proposals", "0 (warm-up 7)")
                .containsEntry("divergences", "0 (warm-up 40)").containsEntry("out-of-box proposals", "5 (warm-up 3)");
        assertThat(d.table()).contains("non-finite proposals 0 (warm-up 7)", "divergences          0 (warm-up 40)",
                "out-of-box proposals 5 (warm-up 3)");
    }

    @Test
    void chainsThatNeverMovedAreCountedWhereTheMeanHidesThem() {
        // a reviewer's 16 chains had a mean acceptance of 0.583: one of them never moved after warm-up
        Diagnostics d = new Diagnostics(new double[] {0.5, 0, 0.7, 0}, new double[] {1.2}, new double[] {80}, 1.1, 90, 3.0,
                2.0, 0, 0, 300, 40, 0.125);
        assertThat(DiagnosticsTable.of(d).rows()).containsEntry("chains that never moved", "2 of 4 (chains 1, 3): "
                + "acceptance 0 after warm-up, every draw the same point");
    }

    @Test
    void anEmphasisedRowIsBoldOnItsColourInHtmlOnly() {
        DiagnosticsTable table = DiagnosticsTable.of(Map.of("outcome", "failed")).emphasising("outcome", "#f8d0d0")
                .withAll(table().rows());
        assertThat(table.html()).contains("<tr style=\"font-weight:bold;background:#f8d0d0\"><th style=\"text-align:left\">"
                + "outcome</th>");
        assertThat(table.html().lines().filter(l -> l.contains("font-weight"))).hasSize(1);
        assertThat(table.text().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith("outcome"));
        assertThatThrownBy(() -> table.emphasising("outcome", "red;color:red")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesTextAndHtmlFiles() throws IOException {
        ReportFile text = table().writeText(dir.resolve("d/diagnostics.txt"));
        ReportFile html = table().writeHtml(dir.resolve("d/diagnostics.html"));

        assertThat(text.mediaType()).isEqualTo(ReportFile.TEXT);
        assertThat(Files.readString(text.path())).isEqualTo(table().text());
        assertThat(html.mediaType()).isEqualTo(ReportFile.HTML);
        assertThat(Files.readString(html.path())).startsWith("<!DOCTYPE html>").contains(table().html());
    }
}
