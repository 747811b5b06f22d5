package dev.probe.junit.extension;

import static dev.probe.junit.extension.Fixtures.reportEntries;
import static dev.probe.junit.extension.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CI shards: each runs a part, writes its own summary and the gates it could not judge; the merge judges them. */
class ShardMergeTest {

    private static void clean(Path dir) throws Exception {
        for (String f : List.of("summary.csv", "gates.csv")) {
            Files.deleteIfExists(dir.resolve(f));
        }
    }

    /** A row an earlier run left in {@code dir}'s summary: invocation {@code key} of Unreachable#confident, without numbers. */
    private static void earlierRow(Path dir, String key, String outcome) {
        SummaryCsv.at(dir.resolve("summary.csv")).write(List.of(VerdictTest.Unreachable.class.getName(), "confident",
                key, outcome, "", "", "", "", "", "", "", ""));
    }

    /** The merged summary of Unreachable#confident's two shards: invocation 0 passed, 2 not sampled. */
    private static void assertMergedRows(Path merged) throws Exception {
        List<String> rows = Files.readAllLines(merged.resolve("summary.csv"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).startsWith("dev.probe.junit.extension.VerdictTest$Unreachable,confident,0,passed,");
        assertThat(rows.get(2)).startsWith("dev.probe.junit.extension.VerdictTest$Unreachable,confident,2,not_sampled,");
    }

    @Test
    void shardSummariesMergeIntoOneAndTheMergeEvaluatesTheGatesNoShardCould() throws Exception {
        Path first = Path.of("target/shards/1");
        Path second = Path.of("target/shards/2");
        Path merged = Path.of("target/shards/merged");
        for (Path d : List.of(first, second, merged)) {
            clean(d);
        }
        var one = run(VerdictTest.Unreachable.class, Map.of("probe.shard", "1/2", "probe.reportDir", first.toString()));
        run(VerdictTest.Unreachable.class, Map.of("probe.shard", "2/2", "probe.reportDir", second.toString()));
        assertThat(reportEntries(one, "probe")).anyMatch(e -> e.startsWith("Probe gate of Unreachable#confident not evaluated: "
                + "probe.shard=1/2 runs 1 of its 2 invocations; SummaryMerge evaluates it on the shards' merged summaries"));
        assertThat(Files.readAllLines(first.resolve("gates.csv"))).containsExactly(
                "class,method,min_sampled,min_passed,min_attained_ess,invocations",
                "dev.probe.junit.extension.VerdictTest$Unreachable,confident,2,-1,1.0,2");

        StringBuilder out = new StringBuilder();
        boolean ok = SummaryMerge.merge(merged.resolve("summary.csv"),
                List.of(first.resolve("summary.csv"), second.resolve("summary.csv")), out);
        assertThat(ok).isFalse();
        // with the outcomes and the shards (a merge job's log looked all green beside a failed row)
        assertThat(out.toString()).isEqualTo("merged 2 summaries into target/shards/merged/summary.csv (2 invocations: "
                + "1 not_sampled, 1 passed), shards [1, 2] of 2\n"
                + "Probe gate of VerdictTest$Unreachable#confident failed: 1 of 2 invocations sampled their target (enough effective attained samples: minAttainedEss), 1 passed "
                + "(gate: sampled >= 2)\n  not sampled (1): 2\n  re-run: mvn test "
                + "-Dtest='dev.probe.junit.extension.VerdictTest$Unreachable#confident' -Dprobe.only='2'  (in the test's "
                + "module; in a multi-module build, from the root with -pl <module> -am "
                + "-Dsurefire.failIfNoSpecifiedTests=false; repeat the shard's -Dprobe.* settings)\n");
        assertMergedRows(merged);
    }

    @Test
    void aGateMissingSomeOfItsInvocationsFailsAtTheMerge() throws Exception {
        Path first = Path.of("target/shards-partial/1");
        Path merged = Path.of("target/shards-partial/merged");
        clean(first);
        clean(merged);
        run(VerdictTest.Unreachable.class, Map.of("probe.shard", "1/2", "probe.reportDir", first.toString()));
        // the other shard's artifact is missing, and a glob over the artifacts names only those that arrived: the shard
        // record says which is missing (a new user's merge of one shard of two exited 0 with half the rows)
        assertThat(Files.readAllLines(first.resolve(ShardFile.NAME))).containsExactly("shard,shards", "1,2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SummaryMerge.merge(merged.resolve("summary.csv"),
                List.of(first.resolve("summary.csv")), new StringBuilder())).isInstanceOf(java.io.IOException.class)
                .hasMessageStartingWith("Shard [2] of 2 missing: none of the summaries given was written with "
                        + "probe.shard=2/2");
        // an artifact without the record (an older shard's): the gate still catches the gap
        Files.delete(first.resolve(ShardFile.NAME));
        // a reused workspace: an earlier merge left the other shard's row in the target, which must not count now
        earlierRow(merged, "2", "passed");
        StringBuilder out = new StringBuilder();
        assertThat(SummaryMerge.merge(merged.resolve("summary.csv"), List.of(first.resolve("summary.csv")), out)).isFalse();
        assertThat(out.toString()).contains("; only 1 of its invocations are in the summaries");
        // a shard's summary that is missing is an error of its own, not a failed gate
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SummaryMerge.merge(merged.resolve("summary.csv"),
                List.of(first.resolve("summary.csv"), Path.of("target/shards-partial/2/summary.csv")), new StringBuilder()))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("a shard's summary is missing");
    }

    /**
     * A reused workspace (a self-hosted runner, a cached target/): each shard's summary kept an earlier run's rows of
     * the other shard's invocations, and the merge let the last file's stale rows replace the other shard's fresh ones
     * (a new user's not-converged invocations merged as "passed"). A shard's summary now holds its own rows only.
     */
    @Test
    void aShardsSummaryHoldsItsOwnInvocationsOnlySoStaleRowsCannotWinTheMerge() throws Exception {
        Path first = Path.of("target/shards-reused/1");
        Path second = Path.of("target/shards-reused/2");
        Path merged = Path.of("target/shards-reused/merged");
        for (Path d : List.of(first, second, merged)) {
            clean(d);
            // an earlier run's rows, opposite to what this run finds
            earlierRow(d, "0", "failed");
            earlierRow(d, "2", "passed");
        }
        run(VerdictTest.Unreachable.class, Map.of("probe.shard", "1/2", "probe.reportDir", first.toString()));
        run(VerdictTest.Unreachable.class, Map.of("probe.shard", "2/2", "probe.reportDir", second.toString()));
        assertThat(Files.readAllLines(first.resolve("summary.csv"))).hasSize(2);
        assertThat(Files.readAllLines(second.resolve("summary.csv"))).hasSize(2);
        SummaryMerge.merge(merged.resolve("summary.csv"), List.of(first.resolve("summary.csv"),
                second.resolve("summary.csv")), new StringBuilder());
        assertMergedRows(merged);
    }

    /**
     * An artifact that held only a shard's summary.csv: its gates were skipped and the merge exited 0 without a word.
     * A shard always writes gates.csv (a header at least, here for a template without @ProbeGate), and the merge warns
     * about a summary without one.
     */
    @Test
    void aShardWritesGatesCsvAlwaysAndTheMergeWarnsWhenAnArtifactLacksIt() throws Exception {
        Path shard = Path.of("target/shards-nogates/1");
        Path copy = Path.of("target/shards-nogates/summary-only");
        clean(shard);
        clean(copy);
        run(ProbeExtensionTest.Confident.class, Map.of("probe.shard", "1/2", "probe.reportDir", shard.toString()));
        assertThat(Files.readAllLines(shard.resolve("gates.csv")))
                .containsExactly("class,method,min_sampled,min_passed,min_attained_ess,invocations");
        Files.createDirectories(copy);
        Files.copy(shard.resolve("summary.csv"), copy.resolve("summary.csv"));
        StringBuilder out = new StringBuilder();
        assertThat(SummaryMerge.merge(Path.of("target/shards-nogates/merged/summary.csv"), List.of(copy.resolve("summary.csv")),
                out)).isTrue();
        assertThat(out.toString()).contains("WARNING: no target/shards-nogates/summary-only/gates.csv: a sharded run "
                + "always writes gates.csv beside its summary, so this artifact is incomplete");
    }

    /** A shard of regression gates only wrote no gates.csv, and the merge warned that its artifact was incomplete. */
    @Test
    void aShardOfRegressionGatesOnlyWritesGatesCsvToo() throws Exception {
        Path shard = Path.of("target/shards-regression/1");
        Path other = Path.of("target/shards-regression/2");
        clean(shard);
        clean(other);
        run(RegressionGateTest.PooledMass.class, Map.of("probe.shard", "1/2", "probe.reportDir", shard.toString()));
        run(RegressionGateTest.PooledMass.class, Map.of("probe.shard", "2/2", "probe.reportDir", other.toString()));
        assertThat(Files.readAllLines(shard.resolve("gates.csv")))
                .containsExactly("class,method,min_sampled,min_passed,min_attained_ess,invocations");
        StringBuilder out = new StringBuilder();
        SummaryMerge.merge(Path.of("target/shards-regression/merged/summary.csv"), List.of(shard.resolve("summary.csv"),
                other.resolve("summary.csv")), out);
        assertThat(out.toString()).doesNotContain("WARNING");
    }
}
