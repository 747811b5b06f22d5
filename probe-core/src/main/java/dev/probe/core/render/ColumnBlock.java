package dev.probe.core.render;

/**
 * Named columns of a sample table: a block {@code prefix} with {@code k} columns is headed
 * {@code prefix_0 … prefix_{k-1}}, or {@code prefix_<name>} when its columns are named; a single column keeps its name.
 */
record ColumnBlock(String prefix, boolean single, double[][] values, java.util.List<String> names) {

    int rows() {
        return values.length;
    }

    int width() {
        return single ? 1 : values.length == 0 ? 0 : values[0].length;
    }

    String header(int j) {
        return single ? prefix : prefix + "_" + (names == null ? String.valueOf(j) : names.get(j));
    }

    static ColumnBlock of(String prefix, double[][] values) {
        Require.that(prefix != null && !prefix.isBlank(), "column block needs a name");
        Require.that(values != null, "column block '" + prefix + "' has no values");
        if (values.length > 0) {
            Require.rowsOfLength(values, values[0].length, "column block '" + prefix + "'");
        }
        return new ColumnBlock(prefix, false, values, null);
    }

    static ColumnBlock named(String prefix, java.util.List<String> names, double[][] values) {
        ColumnBlock b = of(prefix, values);
        Require.that(names != null && (values.length == 0 || names.size() == b.width()), "column block '" + prefix
                + "' has " + (names == null ? 0 : names.size()) + " names for " + b.width() + " columns");
        return new ColumnBlock(prefix, false, values, java.util.List.copyOf(names));
    }

    static ColumnBlock single(String name, double[] column) {
        Require.that(name != null && !name.isBlank(), "column needs a name");
        Require.that(column != null, "column '" + name + "' has no values");
        double[][] rows = new double[column.length][];
        for (int i = 0; i < column.length; i++) {
            rows[i] = new double[] {column[i]};
        }
        return new ColumnBlock(name, true, rows, null);
    }
}
