package dev.probe.junit.extension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins the {@code summary.csv} files of CI shards (or separate runs) into one: every row of every
 * source, keyed by (class, method, key), a later source's row replacing an earlier one. The gates the
 * shards could not evaluate ({@code gates.csv} next to each summary) are evaluated on the merged rows;
 * the exit code is 1 if one fails, so a CI job can gate on it; 2 where a summary is missing or unreadable, or a shard
 * is ({@code shard.csv} beside each shard's summary says which of how many it is, so a glob over the artifacts that
 * arrived cannot leave one out unnoticed).
 *
 * <pre>{@code
 * java -cp probe-junit.jar:commons-csv.jar dev.probe.junit.extension.SummaryMerge summary.csv shard-1/summary.csv shard-2/summary.csv
 * }</pre>
 */
public final class SummaryMerge {
    private SummaryMerge() {}

    /** {@code args}: the target file, then the shard files. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SummaryMerge TARGET.csv SHARD.csv...");
            System.exit(2);
        }
        List<Path> sources = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sources.add(Paths.get(args[i]));
        }
        StringBuilder out = new StringBuilder();
        boolean ok;
        try {
            ok = merge(Paths.get(args[0]), sources, out);
        } catch (IOException | RuntimeException e) {
            // unreadable input is not a failed gate: exit 2, as for a wrong command line
            System.out.print(out);
            System.err.println("SummaryMerge: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.print(out);
        if (!ok) {
            System.exit(1);
        }
    }

    /**
     * Merges {@code sources} into {@code target} and evaluates their gates; {@code out} gets what was
     * done. Returns whether every gate holds.
     */
    static boolean merge(Path target, List<Path> sources, StringBuilder out) throws IOException {
        List<GateCsv.Row> gates = new ArrayList<>();
        List<Path> missingGates = new ArrayList<>();
        java.util.SortedMap<Integer, Path> shards = new java.util.TreeMap<>();
        java.util.Set<Integer> counts = new java.util.TreeSet<>();
        for (Path s : sources) {
            if (!Files.isRegularFile(s)) {
                throw new IOException("No summary at " + s.toAbsolutePath() + ": a shard's summary is missing (did its "
                        + "job run, and was its artifact downloaded?).");
            }
            java.util.Optional<int[]> shard = ShardFile.read(s.resolveSibling(ShardFile.NAME));
            if (shard.isPresent()) {
                shards.put(shard.get()[0], s);
                counts.add(shard.get()[1]);
            }
            Path gateFile = s.resolveSibling("gates.csv");
            if (!Files.isRegularFile(gateFile)) {
                missingGates.add(gateFile);
            }
            gates.addAll(GateCsv.read(gateFile));
        }
        if (counts.size() > 1) {
            throw new IOException("The summaries come from runs of different shard counts " + counts + " (" + shards
                    + "): merge the shards of one run.");
        }
        if (!counts.isEmpty()) {
            // a glob over the artifacts passes only those that arrived: a new user's merge of one shard of two exited 0
            // with half the rows, its failed row among the missing
            int n = counts.iterator().next();
            List<Integer> missing = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                if (!shards.containsKey(i)) {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                throw new IOException("Shard" + (missing.size() > 1 ? "s " : " ") + missing + " of " + n + " missing: "
                        + "none of the summaries given was written with probe.shard=" + missing.get(0) + "/" + n
                        + " (each shard records which it is in " + ShardFile.NAME + " beside its summary). Did its job "
                        + "run, and was its artifact (target/probe-reports/*.csv) downloaded?");
            }
        }
        Path gateFile = target.resolveSibling("gates.csv");
        boolean targetIsSource = sources.stream().anyMatch(s -> s.toAbsolutePath().normalize().equals(
                target.toAbsolutePath().normalize()));
        if (!targetIsSource) {
            // the merge is of the sources alone: rows and gates left in the target by an earlier merge (a reused
            // workspace) would stand in for a shard that is missing now
            Files.deleteIfExists(target);
            Files.deleteIfExists(gateFile);
        }
        SummaryCsv.merge(target, sources);
        List<List<String>> merged = SummaryCsv.read(target);
        // with the outcomes, so that a merge job's log does not look all green beside a failed row (a new user's)
        java.util.Map<String, Long> outcomes = merged.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.get(3),
                java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        out.append("merged ").append(sources.size()).append(" summaries into ").append(target).append(" (")
                .append(merged.size()).append(" invocations").append(outcomes.isEmpty() ? "" : ": " + outcomes.entrySet()
                        .stream().map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", ")))
                .append(")").append(shards.isEmpty() ? "" : ", shards " + shards.keySet() + " of "
                        + counts.iterator().next()).append("\n");
        for (Path g : missingGates) {
            // a shard always writes gates.csv: without one beside its summary, an artifact left it out, and the
            // @ProbeGates of that shard's templates cannot be evaluated here
            out.append("WARNING: no ").append(g).append(": a sharded run always writes gates.csv beside its summary, so "
                    + "this artifact is incomplete and the @ProbeGates it holds are not evaluated; upload both files "
                    + "(target/probe-reports/*.csv). A summary of an unsharded run has none and needs none.\n");
        }
        GateCsv.at(gateFile).update(gates);
        boolean ok = true;
        for (GateCsv.Row g : GateCsv.read(gateFile)) {
            ok &= g.holds(merged, out);
        }
        return ok;
    }
}
