package dev.probe.core.render;

/**
 * Named columns of a sample table: a block {@code prefix} with {@code k} columns is headed
 * {@code prefix_0 … prefix_{k-1}}; a single column keeps its name.
 */
record ColumnBlock(String prefix, boolean single, double[][] values) {

    int rows() {
        return values.length;
    }

    int width() {
        return single ? 1 : values.length == 0 ? 0 : values[0].length;
    }

    String header(int j) {
        return single ? prefix : prefix + "_" + j;
    }

    static ColumnBlock of(String prefix, double[][] values) {
        Require.that(prefix != null && !prefix.isBlank(), "column block needs a name");
        Require.that(values != null, "column block '" + prefix + "' has no values");
        if (values.length > 0) {
            Require.rowsOfLength(values, values[0].length, "column block '" + prefix + "'");
        }
        return new ColumnBlock(prefix, false, values);
    }

    static ColumnBlock single(String name, double[] column) {
        Require.that(name != null && !name.isBlank(), "column needs a name");
        Require.that(column != null, "column '" + name + "' has no values");
        double[][] rows = new double[column.length][];
        for (int i = 0; i < column.length; i++) {
            rows[i] = new double[] {column[i]};
        }
        return new ColumnBlock(name, true, rows);
    }
}
