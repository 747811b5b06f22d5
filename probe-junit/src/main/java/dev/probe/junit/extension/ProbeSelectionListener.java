package dev.probe.junit.extension;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says so on the console when {@code probe.only} is set but the test plan holds no probe test at all —
 * the test selection ({@code -Dtest}, tags or groups) excluded it before the extension could see it, so
 * the run would otherwise pass with zero probe invocations. (When a probe template runs, an unmatched key
 * fails the run instead.) Registered through {@code META-INF/services}; it does nothing without
 * {@code probe.only}.
 */
public final class ProbeSelectionListener implements TestExecutionListener {

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        Optional<String> only = plan.getConfigurationParameters().get("probe.only").filter(s -> !s.isBlank());
        if (only.isPresent() && plan.getRoots().stream().flatMap(r -> plan.getDescendants(r).stream())
                .noneMatch(ProbeSelectionListener::isProbe)) {
            System.out.println("[probe] WARNING: probe.only='" + only.get() + "' is set, but this run holds no probe test: "
                    + "the test selection (-Dtest, tags or groups) excluded it, so no probe invocation runs. Include the "
                    + "test's tags if your build excludes them.");
        }
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
