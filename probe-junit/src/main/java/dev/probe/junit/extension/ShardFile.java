package dev.probe.junit.extension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code shard.csv} beside a shard's {@code summary.csv}: which shard of how many wrote it ({@code shard,shards} and one
 * row), so that {@link SummaryMerge} can tell that a shard's artifact is missing. A merge of {@code summary-*}
 * files is given only the files that arrived: a new user's merge of one shard of two exited 0 with half the rows.
 *
 * <pre>{@code
 * ShardFile.write(reportDir, 2, 4);          // shard 2 of 4
 * ShardFile.read(reportDir.resolve("shard.csv"));   // Optional[[2, 4]]
 * }</pre>
 */
final class ShardFile {
    static final String NAME = "shard.csv";
    private static final String HEADER = "shard,shards";

    private ShardFile() {}

    /** Records that shard {@code shard} of {@code shards} writes to {@code reportDir}; an unsharded run removes the record. */
    static void write(Path reportDir, int shard, int shards) {
        try {
            Path file = reportDir.resolve(NAME);
            if (shards <= 1) {
                Files.deleteIfExists(file); // an unsharded run's summary is no shard (an earlier sharded run's record)
                return;
            }
            Files.createDirectories(reportDir);
            Path tmp = Files.createTempFile(reportDir, NAME, ".tmp"); // one per writer: templates may run in parallel
            Files.writeString(tmp, HEADER + "\n" + shard + "," + shards + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + reportDir.resolve(NAME), e);
        }
    }

    /** The shard and shard count recorded in {@code file}, or empty where there is none. */
    static Optional<int[]> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).strip().equals(HEADER)) {
            throw new IOException(file + " is not a shard record: expected the header '" + HEADER + "' and one row");
        }
        String[] v = lines.get(1).strip().split(",");
        try {
            return Optional.of(new int[] {Integer.parseInt(v[0].strip()), Integer.parseInt(v[1].strip())});
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException(file + " is not a shard record: its row is '" + lines.get(1) + "'", e);
        }
    }
}
