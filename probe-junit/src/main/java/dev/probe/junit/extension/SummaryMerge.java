package dev.probe.junit.extension;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins the {@code summary.csv} files of CI shards (or separate runs) into one: every row of every
 * source, keyed by (class, method, key), a later source's row replacing an earlier one.
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
        SummaryCsv.merge(Paths.get(args[0]), sources);
        System.out.println("merged " + sources.size() + " summaries into " + args[0] + " ("
                + SummaryCsv.read(Paths.get(args[0])).size() + " invocations)");
    }
}
