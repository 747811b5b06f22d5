package dev.probe.junit.annotations;

/** The class a row of class probabilities (or logits) predicts: its largest entry, the first of ties. */
final class TopClass {
    private TopClass() {}

    static int of(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
