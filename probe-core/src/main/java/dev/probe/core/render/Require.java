package dev.probe.core.render;

/** Argument checks whose message names the cause. */
final class Require {
    private Require() {
    }

    static void that(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Every row of {@code rows} has {@code length} values; {@code what} names the argument in the message. */
    static void rowsOfLength(double[][] rows, int length, String what) {
        that(rows != null, what + " is null");
        for (int i = 0; i < rows.length; i++) {
            that(rows[i] != null, what + " row " + i + " is null");
            that(rows[i].length == length,
                    what + " row " + i + " has " + rows[i].length + " values, expected " + length);
        }
    }
}
