package dev.probe.junit.extension;

import dev.probe.junit.annotations.ProbeGate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The aggregate gate of one template ({@link ProbeGate}): counts invocations that sampled their target
 * and that passed; stored in the template's extension store, it is closed after the last invocation and
 * fails the template if a minimum was not met.
 */
final class Gate implements AutoCloseable {
    private final String template;
    private final int minSampled;
    private final int minPassed;
    private final int invocations;
    private final AtomicInteger sampled = new AtomicInteger();
    private final AtomicInteger passed = new AtomicInteger();

    Gate(String template, ProbeGate gate, int invocations) {
        this.template = template;
        this.minSampled = gate.minSampled();
        this.minPassed = gate.minPassed();
        this.invocations = invocations;
        if (minSampled > invocations || minPassed > invocations) {
            throw new IllegalArgumentException("@ProbeGate on " + template + " asks for " + Math.max(minSampled, minPassed)
                    + " invocations but the template has only " + invocations + ".");
        }
    }

    void recordSampled() {
        sampled.incrementAndGet();
    }

    void recordPassed() {
        passed.incrementAndGet();
    }

    @Override
    public void close() {
        StringBuilder failures = new StringBuilder();
        if (minSampled >= 0 && sampled.get() < minSampled) {
            failures.append(String.format("only %d of %d invocations sampled their target (gate: at least %d). ",
                    sampled.get(), invocations, minSampled));
        }
        if (minPassed >= 0 && passed.get() < minPassed) {
            failures.append(String.format("only %d of %d invocations passed (gate: at least %d). ",
                    passed.get(), invocations, minPassed));
        }
        if (failures.length() > 0) {
            throw new AssertionError("Probe gate of " + template + " failed: " + failures.toString().trim());
        }
    }
}
