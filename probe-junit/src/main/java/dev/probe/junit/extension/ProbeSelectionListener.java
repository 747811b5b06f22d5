package dev.probe.junit.extension;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says so on the console when {@code probe.only} is set but the test plan holds no probe test at all —
 * the test selection ({@code -Dtest}, tags or groups) excluded it before the extension could see it, so
 * the run would otherwise pass with zero probe invocations. Otherwise it registers the plan's probe
 * templates ({@link PlannedTemplates}), so that a key matching no invocation fails as soon as the last of them
 * expands. Registered through {@code META-INF/services}. A test class that fails before its probe templates start
 * (its {@code @BeforeAll} threw) gets {@code error} rows for them in {@code summary.csv}, so an earlier run's rows do
 * not stand for invocations that never ran. Nothing to call: on the test class path it is found by the JUnit
 * Platform, and it acts on a run such as
 *
 * <pre>{@code
 * ./mvnw test -Dtest='MnistProbes#ambivalent' -Dprobe.only='1:7'   // fails naming a key no invocation has
 * }</pre>
 */
public final class ProbeSelectionListener implements TestExecutionListener {

    static {
        // the platform makes its listeners before any test class (and its models) loads: DJL's usage tracking is off
        // before the engine starts, unless the JVM chose
        dev.probe.core.runtime.Tracking.optOut();
    }

    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    /** The probe templates of this plan that started. */
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        this.plan = plan;
        checkKeys(plan);
        Optional<String> only = plan.getConfigurationParameters().get("probe.only").filter(s -> !s.isBlank());
        if (only.isEmpty()) {
            return;
        }
        // a @Disabled template never expands: counted, it kept the plan from completing, and the unmatched key failed
        // the run from a close hook ("Failed to close extension context") instead of as the last template's failure
        Set<String> templates = plan.getRoots().stream().flatMap(r -> plan.getDescendants(r).stream())
                .filter(ProbeSelectionListener::isProbe).filter(id -> !isDisabled(id)).map(TestIdentifier::getUniqueId)
                .collect(Collectors.toSet());
        registered.addAll(templates);
        PlannedTemplates.planned(templates);
        if (templates.isEmpty()) {
            System.out.println("[probe] WARNING: probe.only='" + only.get() + "' is set, but this run holds no probe test: "
                    + "the test selection (-Dtest, tags or groups) excluded it, so no probe invocation runs. Include the "
                    + "test's tags if your build excludes them.");
        }
    }

    /**
     * Finds configuration keys that look like a probe setting but are none (every probe template then fails), from every
     * source the launcher reads
     * ({@code -D}, {@code junit-platform.properties}, the build's configuration parameters), where the extension on its
     * own sees only system properties. Launchers older than JUnit Platform 1.9 cannot list their keys: nothing is said.
     */
    private static void checkKeys(TestPlan plan) {
        java.util.Set<String> keys;
        try {
            keys = plan.getConfigurationParameters().keySet();
        } catch (LinkageError | UnsupportedOperationException e) {
            return;
        }
        java.util.List<String> misspelled = MisspelledKeys.in(keys);
        java.util.List<String> misplaced = MisspelledKeys.engineKeysOutsideSystemProperties(keys);
        ProbeExtension.keysChecked(misspelled, misplaced); // every probe template fails on them, with these messages
        if (!misspelled.isEmpty()) {
            System.out.println("[probe] ERROR: " + MisspelledKeys.error(misspelled) + " (from -D, junit-platform.properties "
                    + "or the build's configuration parameters)");
        }
        if (!misplaced.isEmpty()) {
            System.out.println("[probe] ERROR: " + MisspelledKeys.misplacedError(misplaced));
        }
        java.util.List<String> unknown = MisspelledKeys.unknown(keys);
        if (!unknown.isEmpty()) {
            System.out.println("[probe] note: configuration keys named probe.* that are no probe setting, ignored: "
                    + String.join(", ", unknown));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        // a run in which no probe template expanded forgot nothing: a new user's only probe class, disabled since (or
        // deleted), kept its "passed" rows; so the end of every run forgets the classes that no longer run
        java.nio.file.Path reportDir = reportDir(plan);
        try {
            // with the loader of a test class this plan ran, which sees the others (a plan without one forgets nothing:
            // a loader that saw no test class would forget every row)
            testClassLoader(plan).ifPresent(loader -> ProbeReport.forgetClassesThatNoLongerRun(reportDir, loader));
        } catch (RuntimeException | LinkageError e) {
            System.out.println("[probe] WARNING: could not drop the rows of test classes that no longer run from "
                    + reportDir.resolve("summary.csv") + ": " + e);
        }
        ProbeExtension.keysChecked(java.util.List.of()); // the near misses were this plan's, not the next one's
        PlannedTemplates.finished(registered);
        registered.clear();
        started.clear();
        this.plan = null;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (isProbe(id)) {
            started.add(id.getUniqueId());
        }
    }

    /**
     * A template skipped by a condition (or one that failed before it expanded, below) will not expand: it counts as
     * done, so that a later template can still be the plan's last and carry an unmatched key's failure.
     */
    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        markDone(id);
        TestPlan current = plan;
        if (current != null) {
            current.getDescendants(id).forEach(this::markDone);
        }
    }

    private void markDone(TestIdentifier id) {
        if (registered.contains(id.getUniqueId())) {
            PlannedTemplates.of(id.getUniqueId()).ifPresent(p -> p.expanded(id.getUniqueId()));
        }
    }

    /** Whether the template's method, or a class that declares or encloses it, is {@code @Disabled}. */
    private static boolean isDisabled(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).map(s -> {
            try {
                MethodSource m = (MethodSource) s;
                if (org.junit.platform.commons.support.AnnotationSupport.isAnnotated(m.getJavaMethod(),
                        org.junit.jupiter.api.Disabled.class)) {
                    return true;
                }
                for (Class<?> c = m.getJavaClass(); c != null; c = c.getEnclosingClass()) {
                    if (org.junit.platform.commons.support.AnnotationSupport.isAnnotated(c, org.junit.jupiter.api.Disabled.class)) {
                        return true;
                    }
                }
                return false;
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }).orElse(false);
    }

    /**
     * A test class that failed or aborted before its probe templates started (a {@code @BeforeAll} that threw, a failed
     * assumption there): each of them gets a summary row without numbers saying so ({@code error} or {@code skipped}),
     * which replaces the rows and report folders an earlier run left (a new user's {@code summary.csv} still read
     * {@code passed} for invocations that never ran, while JUnit reported the class as an error).
     */
    @Override
    public void executionFinished(TestIdentifier id, org.junit.platform.engine.TestExecutionResult result) {
        markDone(id);
        TestPlan current = plan;
        if (current == null || result.getStatus() == org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL
                || id.getSource().filter(org.junit.platform.engine.support.descriptor.ClassSource.class::isInstance).isEmpty()) {
            return;
        }
        Outcome outcome = result.getStatus() == org.junit.platform.engine.TestExecutionResult.Status.ABORTED
                ? Outcome.SKIPPED : Outcome.ERROR;
        java.nio.file.Path reportDir = reportDir(current);
        for (TestIdentifier d : current.getDescendants(id)) {
            if (isProbe(d) && !started.contains(d.getUniqueId())) {
                MethodSource m = (MethodSource) d.getSource().get();
                try {
                    ProbeReport.neverStarted(reportDir, m.getJavaClass(), m.getMethodName(), outcome);
                } catch (RuntimeException e) {
                    System.out.println("[probe] WARNING: could not mark " + m.getClassName() + "#" + m.getMethodName()
                            + " as not run in " + reportDir.resolve("summary.csv") + ": " + e);
                }
            }
        }
    }

    /** The plan's {@code probe.reportDir} ({@link ProbeReport#reportDir} for a listener, which has no extension context). */
    private static java.nio.file.Path reportDir(TestPlan plan) {
        return java.nio.file.Paths.get(plan.getConfigurationParameters().get("probe.reportDir").filter(s -> !s.isBlank())
                .orElse("target/probe-reports"));
    }

    /** The class loader of a test class in {@code plan}, if it has one. */
    private static java.util.Optional<ClassLoader> testClassLoader(TestPlan plan) {
        java.util.Deque<TestIdentifier> todo = new java.util.ArrayDeque<>(plan.getRoots());
        while (!todo.isEmpty()) {
            TestIdentifier id = todo.pop();
            java.util.Optional<Class<?>> c = id.getSource().flatMap(s -> s instanceof org.junit.platform.engine.support
                    .descriptor.ClassSource cs ? java.util.Optional.of(cs.getJavaClass()) : s instanceof MethodSource ms
                    ? java.util.Optional.of(ms.getJavaClass()) : java.util.Optional.empty());
            if (c.isPresent() && c.get().getClassLoader() != null) {
                return java.util.Optional.of(c.get().getClassLoader());
            }
            todo.addAll(plan.getChildren(id));
        }
        return java.util.Optional.empty();
    }

    private static boolean isProbe(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).map(s -> {
            try {
                Method m = ((MethodSource) s).getJavaMethod();
                return !ProbeExtension.probeAnnotations(m).isEmpty();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }).orElse(false);
    }
}
