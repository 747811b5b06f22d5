package dev.probe.junit.assertions;

import dev.probe.junit.ProbeAnswer;
import java.util.Locale;

/** "expected mean acceptance at least 0.2, but it is 0.05". */
final class ShouldHaveValue {
    private ShouldHaveValue() {}

    static String message(ProbeAnswer a, String what, String relation, double bound, double value) {
        return FailureFrame.framed(a, String.format(Locale.ROOT, "expected %s %s %.4g, but it is %.4g", what, relation, bound,
                value));
    }
}
