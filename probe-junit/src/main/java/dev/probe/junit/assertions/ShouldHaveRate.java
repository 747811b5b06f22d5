package dev.probe.junit.assertions;

import dev.probe.core.result.Rate;
import dev.probe.junit.ProbeAnswer;
import java.util.Locale;

/** "expected target attainment at least 0.5, but the attained fraction is 0.31" with the rate's interval. */
final class ShouldHaveRate {
    private ShouldHaveRate() {}

    static String message(ProbeAnswer a, String what, String relation, double bound, String judged, double value, Rate rate) {
        return message(a, what, relation, bound, judged, value, rate, "");
    }

    /** As above, with {@code after} (e.g. "inconclusive: …") right after the rate line, inside the frame. */
    static String message(ProbeAnswer a, String what, String relation, double bound, String judged, double value, Rate rate,
            String after) {
        return FailureFrame.framed(a, String.format(Locale.ROOT, "expected %s %s %.4g, but %s is %.4g%n  rate: %s", what, relation,
                bound, judged, value, rate) + after);
    }
}
