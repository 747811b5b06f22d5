package dev.probe.core.result;

/** Deep copies of row arrays (package plumbing). */
final class Copies {
    private Copies() {}

    static double[][] of(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }
}
