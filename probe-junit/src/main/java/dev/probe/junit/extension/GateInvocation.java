package dev.probe.junit.extension;

import dev.probe.core.result.Comparison;
import dev.probe.core.result.ProbeResult;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * One invocation of a regression gate: samples the baseline's and the candidate's probes (on the sampler
 * thread, like every probe), writes both reports, compares, and fails the invocation — before the test
 * method runs — when the candidate is not shown to be no worse; the message prints both estimates with
 * their intervals, the difference's interval, the margin, the seeds and the re-run command. Otherwise
 * the test method receives the {@link Comparison}.
 */
final class GateInvocation implements TestTemplateInvocationContext {
    private final GateSpec gate;
    private final Class<?> testClass;
    private final Method method;

    GateInvocation(GateSpec gate, Class<?> testClass, Method method) {
        this.gate = gate;
        this.testClass = testClass;
        this.method = method;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return gate.displayName();
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new Run());
    }

    /** The callbacks of this invocation. */
    private final class Run implements BeforeTestExecutionCallback, ParameterResolver {
        private Comparison comparison;

        @Override
        public void beforeTestExecution(ExtensionContext context) {
            List<ProbeResult> baseline = sample(gate.baseline(), context);
            List<ProbeResult> candidate = sample(gate.candidate(), context);
            comparison = gate.judge().compare(baseline, candidate);
            context.publishReportEntry("comparison", comparison.toString());
            if (!comparison.isNoWorse()) {
                throw new AssertionError(message(baseline, candidate));
            }
        }

        private List<ProbeResult> sample(List<ProbeSpec> specs, ExtensionContext context) {
            List<ProbeResult> results = new ArrayList<>();
            for (ProbeSpec spec : specs) {
                ProbeResult r = ProbeRunner.sample(spec);
                ProbeReport.write(spec, r, context);
                if (!ProbeRunner.reachedTarget(spec, r)) {
                    String message = "Regression gate '" + gate.displayName() + "': "
                            + ProbeRunner.notSampledMessage(spec, r);
                    if (spec.settings().notSampled() == NotSampledPolicy.ABORT) {
                        throw new TestAbortedException(message);
                    }
                    throw new ProbeNotSampledException(message);
                }
                results.add(r);
            }
            return results;
        }

        private String message(List<ProbeResult> baseline, List<ProbeResult> candidate) {
            StringBuilder seeds = new StringBuilder();
            for (int i = 0; i < baseline.size(); i++) {
                seeds.append(String.format(Locale.ROOT, "baseline seed        %d (%s)%n", baseline.get(i).seed(),
                        gate.baseline().get(i).displayName()));
            }
            for (int i = 0; i < candidate.size(); i++) {
                seeds.append(String.format(Locale.ROOT, "candidate seed       %d (%s)%n", candidate.get(i).seed(),
                        gate.candidate().get(i).displayName()));
            }
            return String.format(Locale.ROOT, "Regression gate '%s' (%s#%s) failed: the candidate is not shown to be no "
                    + "worse than the baseline.%n%s%sre-run: ./mvnw test -Dtest='%s#%s' -Dsurefire.failIfNoSpecifiedTests=false "
                    + "-Dprobe.only='%s'", gate.displayName(), testClass.getSimpleName(), method.getName(),
                    comparison.describe(), seeds, testClass.getName(), method.getName(), gate.key());
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Comparison.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return comparison;
        }
    }
}
