package dev.probe.junit.extension;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The probe templates a running test plan holds, by unique id, and which of them have been expanded: when the
 * last one expands, every key of {@code probe.only} has had its chance to match, so an unmatched key can fail
 * right there, as the failure of a test, instead of from a store's close hook at the end of the run. Filled by
 * {@link ProbeSelectionListener} when the launcher starts a plan; runs without it (e.g. the engine test kit)
 * keep the end-of-run check.
 *
 * <pre>{@code
 * PlannedTemplates.of(context.getUniqueId()).ifPresent(p -> { if (p.expanded(context.getUniqueId())) { ... } });
 * }</pre>
 */
final class PlannedTemplates {
    private static final Map<String, PlannedTemplates> BY_TEMPLATE = new ConcurrentHashMap<>();

    private final Set<String> templates;
    private final Set<String> expanded = ConcurrentHashMap.newKeySet();

    private PlannedTemplates(Set<String> templates) {
        this.templates = Set.copyOf(templates);
    }

    /** Registers the probe templates of a plan that starts. */
    static void planned(Set<String> templateIds) {
        PlannedTemplates plan = new PlannedTemplates(templateIds);
        templateIds.forEach(id -> BY_TEMPLATE.put(id, plan));
    }

    /** Forgets the templates of a plan that finished. */
    static void finished(Set<String> templateIds) {
        templateIds.forEach(BY_TEMPLATE::remove);
    }

    /** The plan holding the template {@code uniqueId}, if a launcher registered it. */
    static Optional<PlannedTemplates> of(String uniqueId) {
        return Optional.ofNullable(BY_TEMPLATE.get(uniqueId));
    }

    /** Marks the template expanded; true exactly once, for the call that completes the plan's templates. */
    synchronized boolean expanded(String uniqueId) {
        boolean wasComplete = expanded.containsAll(templates);
        expanded.add(uniqueId);
        return !wasComplete && expanded.containsAll(templates);
    }
}
