package dev.probe.junit.extension;

import dev.probe.core.result.ProbeResult;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * One invocation of a probe template: samples before the test method runs, resolves its
 * {@link ProbeResult} parameter, applies the not-sampled policy, and writes the report afterwards.
 */
final class ProbeInvocation implements TestTemplateInvocationContext {
    private final ProbeSpec spec;
    private final Gate gate;
    private final Class<?> testClass;
    private final Method method;

    ProbeInvocation(ProbeSpec spec, Gate gate, Class<?> testClass, Method method) {
        this.spec = spec;
        this.gate = gate;
        this.testClass = testClass;
        this.method = method;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return spec.displayName();
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new Run());
    }

    /** The callbacks of this invocation. */
    private final class Run implements BeforeTestExecutionCallback, ParameterResolver, AfterTestExecutionCallback {
        private ProbeResult result;

        @Override
        public void beforeTestExecution(ExtensionContext context) {
            CurrentProbe.set(new CurrentProbe(testClass.getSimpleName(), testClass.getName(), method.getName(),
                    spec.displayName(), spec.key(), spec.settings().seed(), spec));
            result = ProbeRunner.sample(spec);
            if (ProbeRunner.reachedTarget(spec, result)) {
                if (gate != null) {
                    gate.recordSampled();
                }
                return;
            }
            ProbeReport.write(spec, result, context);
            String message = ProbeRunner.notSampledMessage(spec, result);
            if (spec.settings().notSampled() == NotSampledPolicy.ABORT) {
                throw new TestAbortedException(message);
            }
            throw new ProbeNotSampledException(message);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ProbeResult.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return result;
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            try {
                if (result != null && ProbeRunner.reachedTarget(spec, result)) {
                    ProbeReport.write(spec, result, context);
                }
                if (gate != null && context.getExecutionException().isEmpty()) {
                    gate.recordPassed();
                }
            } finally {
                CurrentProbe.clear();
            }
        }
    }
}
