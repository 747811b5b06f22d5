package dev.probe.core.population;

/**
 * When a population has moved enough in a stage (README, "Population sampling"): PyMC's correlation rule (keep moving while
 * more than 90% of the coordinates' |correlation| with the stage's starting positions dropped by more than
 * 0.01 in the last move) and a floor of {@value #MOVED} of the particles having moved at least once
 * (package plumbing of {@link Rejuvenation}).
 */
final class MoveRule {
    static final double MOVED = 0.9;

    private MoveRule() {}

    /**
     * The population's stopping rule: true while fewer than 90% of its particles have moved, or while more than
     * 90% of the coordinates' |correlation| with the stage's start dropped by more than 0.01 in the last move.
     */
    static boolean wantsMore(float[] start, float[] now, boolean[] moved, int from, int to, int d, double[] previous) {
        int count = 0;
        for (int r = from; r < to; r++) {
            count += moved[r] ? 1 : 0;
        }
        int dropped = 0;
        for (int c = 0; c < d; c++) {
            double r = Math.abs(correlation(start, now, from, to, d, c));
            if (previous[c] - r > 0.01) {
                dropped++;
            }
            previous[c] = r;
        }
        return count < MOVED * (to - from) || dropped > 0.9 * d;
    }

    private static double correlation(float[] a, float[] b, int from, int to, int d, int c) {
        int n = to - from;
        double ma = 0;
        double mb = 0;
        for (int r = from; r < to; r++) {
            ma += a[r * d + c];
            mb += b[r * d + c];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int r = from; r < to; r++) {
            double da = a[r * d + c] - ma;
            double db = b[r * d + c] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    }
}
