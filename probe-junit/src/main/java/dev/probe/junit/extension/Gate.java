package dev.probe.junit.extension;

import dev.probe.junit.ProbeGate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The aggregate gate of one template ({@link ProbeGate}): records every invocation's outcome and
 * whether it sampled its target with enough effective attained samples; stored in the template's
 * extension store, it is closed after the last invocation, prints what it counted (passing or not) and
 * fails the template if a minimum was not met, listing the invocations that failed, ended in an error, were
 * not sampled or did not converge (the last two with their reasons: "closest 0.333, tolerance 0.1", "max R-hat 1.074 >
 * 1.05") with a command that re-runs them.
 */
final class Gate implements AutoCloseable {
    private final String template;
    private final int minSampled;
    private final int minPassed;
    private final int invocations;
    private final ExtensionContext context;
    private final Class<?> testClass;
    private final String method;
    private final Map<String, Outcome> outcomes = Collections.synchronizedMap(new TreeMap<>());
    private final java.util.Set<String> sampled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Why an invocation was not sampled or did not converge, in a few words (the gate's message is what JUnit shows). */
    private final Map<String, String> reasons = new java.util.concurrent.ConcurrentHashMap<>();
    /** The invocations that ran (a re-run of failed tests runs only some of them). */
    private final java.util.Set<String> ran = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Optional<Long> fixedSeed = Optional.empty();

    Gate(String template, ProbeGate gate, int invocations, ExtensionContext context) {
        this.template = template;
        this.minSampled = gate.minSampled();
        this.minPassed = gate.minPassed();
        this.invocations = invocations;
        this.context = context;
        this.testClass = context.getRequiredTestClass();
        this.method = context.getRequiredTestMethod().getName();
        if (minSampled > invocations || minPassed > invocations) {
            throw new IllegalArgumentException("@ProbeGate on " + template + " asks for " + Math.max(minSampled, minPassed)
                    + " invocations but the template has only " + invocations + ".");
        }
    }

    /**
     * Records an invocation.
     *
     * @param sampledTarget whether it had enough effective attained samples
     * @param seed its seed, if set for every invocation rather than derived
     * @param reason why it was not sampled or did not converge, in a few words; empty otherwise
     */
    void record(String key, Outcome outcome, boolean sampledTarget, Optional<Long> seed, String reason) {
        outcomes.put(key, outcome);
        if (reason.isEmpty()) {
            reasons.remove(key);
        } else {
            reasons.put(key, reason);
        }
        if (sampledTarget) {
            sampled.add(key);
        } else {
            sampled.remove(key);
        }
        fixedSeed = seed;
    }

    /** Records that invocation {@code key} ran, however it ended (called after each invocation). */
    void ran(String key) {
        ran.add(key);
    }

    @Override
    public void close() {
        if (ran.size() < invocations) {
            // JUnit's own selection ran a subset (a re-run of failed tests, an IDE's "run failed", a unique-id
            // selector): counting the others as not sampled would fail a gate that passed
            Console.print(context, "Probe gate of " + template + " not evaluated: JUnit ran " + ran.size() + " of its "
                    + invocations + " invocations (a re-run of failed tests, or a selection of single invocations); run "
                    + "the whole test method to evaluate it.");
            return;
        }
        long passed = outcomes.values().stream().filter(o -> o == Outcome.PASSED).count();
        String counts = String.format(Locale.ROOT, "%d of %d invocations sampled their target (enough effective "
                + "attained samples: minAttainedEss), %d passed", sampled.size(),
                invocations, passed);
        List<String> failures = new ArrayList<>();
        if (minSampled >= 0 && sampled.size() < minSampled) {
            failures.add("sampled " + sampled.size() + " < " + minSampled);
        }
        if (minPassed >= 0 && passed < minPassed) {
            failures.add("passed " + passed + " < " + minPassed);
        }
        String gate = "gate: " + (minSampled >= 0 ? "sampled >= " + minSampled : "")
                + (minSampled >= 0 && minPassed >= 0 ? ", " : "") + (minPassed >= 0 ? "passed >= " + minPassed : "");
        StringBuilder b = new StringBuilder("Probe gate of " + template + (failures.isEmpty() ? " passed: " : " failed: ")
                + counts + " (" + gate + ").");
        List<String> others = new ArrayList<>();
        for (Outcome o : List.of(Outcome.FAILED, Outcome.ERROR, Outcome.NOT_SAMPLED, Outcome.NOT_CONVERGED, Outcome.SKIPPED)) {
            List<String> keys = outcomes.entrySet().stream().filter(e -> e.getValue() == o).map(Map.Entry::getKey)
                    .collect(Collectors.toList());
            if (!keys.isEmpty()) {
                b.append(String.format(Locale.ROOT, "%n  %s (%d): %s", o.csv().replace('_', ' '), keys.size(),
                        keys.stream().map(k -> reasons.containsKey(k) ? k + " (" + reasons.get(k) + ")" : k)
                                .collect(Collectors.joining(", "))));
                others.addAll(keys);
            }
        }
        if (!others.isEmpty()) {
            b.append("\n  re-run them: ").append(RerunCommand.current().withConfiguration(context::getConfigurationParameter)
                    .of(testClass, method, others, fixedSeed));
        }
        Console.print(context, b.toString());
        if (!failures.isEmpty()) {
            throw new AssertionError(b.toString());
        }
    }
}
