package dev.probe.junit.extension;

import dev.probe.core.result.ProbeResult;
import dev.probe.junit.ProbeAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * One invocation of a probe template: samples on the {@link SamplerThread} before the test method runs,
 * judges whether the samples support a verdict ({@link Verdict}), resolves the method's
 * {@link ProbeAnswer} (or raw {@link ProbeResult}) parameter, and writes the report and summary row — also
 * when the invocation ends in an exception ({@link Outcome#ERROR}; without samples, a row without numbers).
 * Inconclusive invocations are reported (console, XML, report) and failed or aborted as configured; the
 * test method does not run on evidence that cannot support a verdict.
 */
final class ProbeInvocation implements TestTemplateInvocationContext {
    private final ProbeSpec spec;
    private final Gate gate;

    ProbeInvocation(ProbeSpec spec, Gate gate) {
        this.spec = spec;
        this.gate = gate;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return spec.displayName();
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new Run());
    }

    /** The seed and re-run command of a failed invocation, attached to its failure (no stack trace of its own). */
    static final class ProbeNote extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ProbeNote(String note) {
            super(note, null, false, false);
        }
    }

    /** The callbacks of this invocation; its answer lives in the invocation's store. */
    private final class Run implements BeforeTestExecutionCallback, ParameterResolver, AfterTestExecutionCallback,
            AfterEachCallback {

        @Override
        public void beforeTestExecution(ExtensionContext context) {
            ProbeReport.clear(spec.key(), context); // an earlier run's report must not outlive this one's, however it ends
            ProbeConfiguration c = spec.configuration();
            ProbeResult result = InvocationSampling.sample(spec, context);
            Class<?> testClass = context.getRequiredTestClass();
            String method = context.getRequiredTestMethod().getName();
            ProbeAnswer answer = ProbeAnswer.of(result, c.tolerance()).withEvidence(c.evidence()).judging(spec.judgedModel())
                    .named(spec.displayName(), spec.key(), testClass.getSimpleName() + "#" + method, c.describe(result.isPopulationResult()),
                            RerunCommand.current().withConfiguration(context::getConfigurationParameter).of(testClass, method,
                                    List.of(spec.key()),
                                    // a derived seed is derived again; set as -Dprobe.seed it would also seed the prior pool
                                    c.isSeedSet() ? Optional.of(c.seed()) : Optional.empty()));
            answer = spec.oracle().map(answer::withOracle).orElse(answer);
            answer = answer.withTargetLabels(spec.targetLabels());
            context.getStore(ProbeExtension.NAMESPACE).put(ProbeAnswer.class, answer);
            Verdict.Levers levers = Verdict.Levers.of(spec.probe(), answer.judgedModel(), result.seed(),
                    SamplerThread.of(context)).withUnreachableIsRobust(spec.unreachableIsRobust());
            Verdict verdict = Verdict.of(answer, c, levers);
            SampleGrids.pixelRangeNote(spec, result).ifPresent(n -> Console.print(context, n));
            Verdict.budgetFloorNote(answer, c).ifPresent(n -> Console.print(context, n));
            List<String> heads = new ArrayList<>();
            for (String model : result.models()) { // every model of a contrast, not only the judged one
                if (!verdict.isConclusive() && model.equals(answer.judgedModel())) {
                    continue; // an inconclusive verdict's reason says it of the judged model (when it is the cause)
                }
                // a contrast not sampled said nothing of a sigmoid head named second (a new user's)
                Verdict.sigmoidHeadNote(answer, model, model.equals(answer.judgedModel()) ? levers
                        : Verdict.Levers.of(spec.probe(), model, result.seed(), SamplerThread.of(context)))
                        .ifPresent(heads::add);
            }
            if (verdict.outcome() == Outcome.NOT_CONVERGED) {
                Optional<String> walls = Verdict.walls(answer, spec.probe().space());
                if (walls.isPresent()) {
                    verdict = verdict.withCause(walls.get());
                }
            }
            if (verdict.isConclusive()) {
                heads.forEach(n -> Console.print(context, n));
            } else if (!heads.isEmpty()) {
                // in the verdict's own message, which is what a dashboard shows, not only in a line beside it that
                // contradicted its "give more budget" (a new user's)
                verdict = verdict.withCause(heads.stream().map(n -> "Check this first: " + n.substring("note: ".length()))
                        .collect(java.util.stream.Collectors.joining(" ")));
            }
            if (verdict.isConclusive()) {
                Verdict.fewChainsNote(answer).ifPresent(n -> Console.print(context, n));
                Verdict.oracleFailure(answer).ifPresent(n -> Console.print(context, n));
                return;
            }
            finish(context, answer, verdict.outcome());
            Console.print(context, verdict.reason());
            Inconclusive policy = verdict.outcome() == Outcome.NOT_SAMPLED ? c.notSampled() : c.notConverged();
            if (policy == Inconclusive.ABORT) {
                throw new TestAbortedException(verdict.reason());
            }
            throw verdict.outcome() == Outcome.NOT_SAMPLED ? new ProbeNotSampledException(verdict.reason())
                    : new ProbeNotConvergedException(verdict.reason());
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == ProbeAnswer.class || type == ProbeResult.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ProbeAnswer answer = context.getStore(ProbeExtension.NAMESPACE).get(ProbeAnswer.class, ProbeAnswer.class);
            return parameter.getParameter().getType() == ProbeResult.class ? answer.result() : answer;
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            ExtensionContext.Store store = context.getStore(ProbeExtension.NAMESPACE);
            if (store.get(Outcome.class) != null) {
                return; // the invocation was inconclusive and is already written
            }
            ProbeAnswer answer = store.get(ProbeAnswer.class, ProbeAnswer.class);
            Optional<Throwable> thrown = context.getExecutionException();
            if (answer == null) {
                // sampling (or the model) threw before there was an answer: still one summary row, without numbers
                store.put(Outcome.class, Outcome.ERROR);
                if (gate != null) {
                    gate.record(spec.key(), Outcome.ERROR, false, Optional.empty(), "");
                }
                ProbeReport.writeErrorRow(spec, context);
                return;
            }
            Outcome outcome = thrown.map(Outcome::of).orElse(Outcome.PASSED);
            if (outcome == Outcome.FAILED || outcome == Outcome.ERROR) {
                withSeed(thrown.get(), answer, context);
            }
            finish(context, answer, outcome, outcome == Outcome.FAILED ? thrown.map(Throwable::getMessage) : Optional.empty());
        }

        /**
         * After the {@code @AfterEach} methods, which JUnit runs whatever happened before: an invocation whose
         * {@code @BeforeEach} failed never sampled, and one whose probe passed before an {@code @AfterEach} failed is
         * reported by JUnit as failed; its summary row and gate count say what JUnit says.
         */
        @Override
        public void afterEach(ExtensionContext context) {
            if (gate != null) {
                gate.ran(spec.key());
            }
            ExtensionContext.Store store = context.getStore(ProbeExtension.NAMESPACE);
            Outcome recorded = store.get(Outcome.class, Outcome.class);
            Optional<Throwable> thrown = context.getExecutionException();
            if (recorded == null) {
                // never sampled: no report of an earlier run may stand beside this run's row
                ProbeReport.clear(spec.key(), context);
                Outcome outcome = thrown.map(Outcome::of).orElse(Outcome.ERROR);
                store.put(Outcome.class, outcome);
                if (gate != null) {
                    gate.record(spec.key(), outcome, false, Optional.empty(), "");
                }
                ProbeReport.writeRowWithoutSamples(spec.key(), outcome, context);
                return;
            }
            if (recorded == Outcome.PASSED && thrown.isPresent()) {
                Outcome outcome = Outcome.of(thrown.get());
                store.put(Outcome.class, outcome);
                ProbeAnswer answer = store.get(ProbeAnswer.class, ProbeAnswer.class);
                if (outcome != Outcome.SKIPPED) {
                    withSeed(thrown.get(), answer, context); // an @AfterEach failed after sampling: a failure like any
                }
                ProbeConfiguration c = spec.configuration();
                if (gate != null) {
                    gate.record(spec.key(), outcome, answer.attainedEss() >= c.minAttainedEss(),
                            c.isSeedSet() ? Optional.of(c.seed()) : Optional.empty(), Verdict.briefly(answer, outcome, c));
                }
                ProbeReport.summaryRow(spec, answer, outcome, context);
            }
        }

        /**
         * A plain assertion or exception in the test method (not one of the probe assertions, whose messages carry them)
         * gets the seed and the re-run command: printed, and attached to the failure as a suppressed note.
         */
        private void withSeed(Throwable t, ProbeAnswer answer, ExtensionContext context) {
            if (String.valueOf(t.getMessage()).contains("seed: " + answer.result().seed())) {
                return;
            }
            String note = "probe '" + answer.displayName() + "'" + answer.testName().map(n -> " (" + n + ")").orElse("")
                    + " " + answer.seedAndRerun();
            Console.print(context, note);
            t.addSuppressed(new ProbeNote(note));
        }

        private void finish(ExtensionContext context, ProbeAnswer answer, Outcome outcome) {
            finish(context, answer, outcome, Optional.empty());
        }

        private void finish(ExtensionContext context, ProbeAnswer answer, Outcome outcome, Optional<String> failure) {
            context.getStore(ProbeExtension.NAMESPACE).put(Outcome.class, outcome);
            ProbeConfiguration c = spec.configuration();
            if (gate != null) {
                gate.record(spec.key(), outcome, answer.attainedEss() >= c.minAttainedEss(),
                        c.isSeedSet() ? Optional.of(c.seed()) : Optional.empty(), Verdict.briefly(answer, outcome, c));
            }
            ProbeReport.write(spec, answer, outcome, failure, context);
        }
    }
}
