package dev.probe.core.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Samples as a CSV table with a header, composed from named column blocks so each caller adds what
 * it has (latent codes, inputs, model outputs, energy, chain, draw). A block {@code "p"} of width 3
 * becomes {@code p_0,p_1,p_2}. Whole numbers are written without a decimal point; other values in
 * Java's shortest round-trip form, so parsing a cell gives back the same {@code double}.
 *
 * <pre>{@code
 * ReportFile f = SampleCsv.empty()
 *         .withBlock("latent", z)          // double[n][k]
 *         .withBlock("p", probabilities)   // double[n][classes]
 *         .withColumn("energy", energy)    // double[n]
 *         .withColumn("chain", chain)      // int[n]
 *         .write(dir.resolve("samples.csv"));
 * }</pre>
 */
public final class SampleCsv {
    private final List<ColumnBlock> blocks;

    private SampleCsv(List<ColumnBlock> blocks) {
        this.blocks = blocks;
    }

    public static SampleCsv empty() {
        return new SampleCsv(List.of());
    }

    /** Columns {@code prefix_0 … prefix_{k-1}} from {@code values[n][k]}. */
    public SampleCsv withBlock(String prefix, double[][] values) {
        return and(ColumnBlock.of(prefix, values));
    }

    /** Columns {@code prefix_<name>} from {@code values[n][k]}, one name per column (e.g. an input space's features). */
    public SampleCsv withBlock(String prefix, java.util.List<String> names, double[][] values) {
        return and(ColumnBlock.named(prefix, names, values));
    }

    /** One column called {@code name}. */
    public SampleCsv withColumn(String name, double[] values) {
        return and(ColumnBlock.single(name, values));
    }

    /** One column of whole numbers (chain, draw, class) called {@code name}. */
    public SampleCsv withColumn(String name, int[] values) {
        Require.that(values != null, "column '" + name + "' has no values");
        return withColumn(name, IntStream.of(values).asDoubleStream().toArray());
    }

    /** Column names in order. */
    public List<String> header() {
        List<String> header = new ArrayList<>();
        for (ColumnBlock b : blocks) {
            for (int j = 0; j < b.width(); j++) {
                header.add(b.header(j));
            }
        }
        return header;
    }

    /**
     * Every {@code stride}-th row (rows 0, stride, 2·stride, …), e.g. to keep a report file small; a stride of 1
     * is this table.
     */
    public SampleCsv everyNth(int stride) {
        Require.that(stride >= 1, "stride must be at least 1, got " + stride);
        if (stride == 1) {
            return this;
        }
        List<ColumnBlock> kept = new ArrayList<>();
        for (ColumnBlock b : blocks) {
            double[][] rows = new double[(b.rows() + stride - 1) / stride][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = b.values()[i * stride];
            }
            kept.add(new ColumnBlock(b.prefix(), b.single(), rows, b.names()));
        }
        return new SampleCsv(List.copyOf(kept));
    }

    /** The rows {@code indices} of this table, in that order (e.g. the samples a report points to). */
    public SampleCsv onlyRows(int[] indices) {
        List<ColumnBlock> kept = new ArrayList<>();
        for (ColumnBlock b : blocks) {
            double[][] rows = new double[indices.length][];
            for (int i = 0; i < indices.length; i++) {
                Require.that(indices[i] >= 0 && indices[i] < b.rows(), "row " + indices[i] + " is not in the table");
                rows[i] = b.values()[indices[i]];
            }
            kept.add(new ColumnBlock(b.prefix(), b.single(), rows, b.names()));
        }
        return new SampleCsv(List.copyOf(kept));
    }

    public int rows() {
        return blocks.isEmpty() ? 0 : blocks.get(0).rows();
    }

    public ReportFile write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return ReportFile.of(file, ReportFile.CSV);
    }

    /** Writes header and rows to {@code out} (which stays open). */
    public void writeTo(Appendable out) throws IOException {
        Require.that(!blocks.isEmpty(), "no columns to write");
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header().toArray(String[]::new)).get();
        CSVPrinter printer = new CSVPrinter(out, format);
        List<String> record = new ArrayList<>();
        for (int i = 0; i < rows(); i++) {
            record.clear();
            for (ColumnBlock b : blocks) {
                for (double v : b.values()[i]) {
                    record.add(format(v));
                }
            }
            printer.printRecord(record);
        }
        printer.flush();
    }

    private SampleCsv and(ColumnBlock block) {
        if (!blocks.isEmpty()) {
            ColumnBlock first = blocks.get(0);
            Require.that(block.rows() == first.rows(), "'" + block.prefix() + "' has " + block.rows()
                    + " rows but '" + first.prefix() + "' has " + first.rows());
        }
        Set<String> names = new HashSet<>(header());
        for (int j = 0; j < block.width(); j++) {
            Require.that(names.add(block.header(j)), "column '" + block.header(j) + "' appears twice");
        }
        List<ColumnBlock> more = new ArrayList<>(blocks);
        more.add(block);
        return new SampleCsv(List.copyOf(more));
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
