package dev.probe.junit.assertions;

import dev.probe.core.diagnostics.Diagnostics;
import java.util.Locale;

/** The plateau clause of a failure message about populations (empty where no flat stage charged anything). */
final class Plateau {
    private Plateau() {}

    /** {@code prefix + " 115.00 nats"}, or {@code ""} when the plateau is 0 or unknown. */
    static String clause(Diagnostics d, String prefix) {
        return d.plateauNats() > 0 ? String.format(Locale.ROOT, "%s %.2f nats", prefix, d.plateauNats()) : "";
    }
}
