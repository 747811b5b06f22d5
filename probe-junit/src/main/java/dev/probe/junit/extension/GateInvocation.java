package dev.probe.junit.extension;

import dev.probe.core.result.Comparison;
import dev.probe.core.result.ProbeResult;
import dev.probe.junit.ProbeAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * One invocation of a regression gate: samples the baseline's and the candidate's probes on the
 * {@link SamplerThread}, judges each side's evidence like any probe ({@link Verdict}: not sampled or not
 * converged is no verdict, failed or aborted as configured), compares, writes both reports, and fails the
 * invocation — before the test method runs — when the candidate is not shown to be no worse; the message
 * prints both estimates with their intervals, the difference's interval, the margin, the seeds and the
 * re-run command. Otherwise the test method receives the {@link Comparison}; when it (or an {@code @AfterEach}
 * method) then fails, aborts or throws, the gate's summary rows say so as JUnit does, and the failure carries the
 * seeds and the re-run command.
 */
final class GateInvocation implements TestTemplateInvocationContext {
    private final GateSpec gate;

    GateInvocation(GateSpec gate) {
        this.gate = gate;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return gate.displayName();
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of(new Run());
    }

    /**
     * The failure's budget line: what more draws could do, for a comparison that is not shown worse; empty for one
     * shown worse. Conditional where the estimate is beyond the margin: a noisy estimate is no certainty (a new
     * user's true difference, +0.037, was inside the 0.05 margin while one run's +0.12 read "more draws would …
     * not show the candidate no worse").
     */
    static String budget(Comparison comparison) {
        return budget(comparison, Double.NaN);
    }

    /**
     * As {@link #budget(Comparison)}, naming the setting that grows what the sides kept: {@code probe.budget} at
     * {@code growth × budgetNow} for sides sampled as probes (a user who doubled {@code draws} as told got the same 128
     * particles, the floor of a side sampled by populations, and the same failure); the prior draws of a gate without
     * probes ({@code budgetNow} NaN) grow with chains and draws.
     */
    static String budget(Comparison comparison, double budgetNow) {
        double half = comparison.growthToShowNoWorse();
        // at that growth the interval's worse end falls on the margin: a run there passed about half the time (a new
        // user's identical model failed again at the budget advised); 9 in 10 need z 1.96 + 1.28 where 1.96 sufficed
        double growth = half * NINE_IN_TEN;
        String knob = Double.isNaN(budgetNow) ? "the prior draws (10 × chains × draws, scaled by probe.budget)"
                : "the effective draws on both sides (-Dprobe.budget=" + times(growth * budgetNow) + " scales every side; "
                        + "draws or chains alone do not grow a side sampled by populations above its 128-particle floor)";
        return comparison.isWorse() ? ""
                : comparison.margin() == 0 ? String.format(Locale.ROOT, "budget               with margin 0 a "
                        + "candidate equal to the baseline is shown no worse only by chance, whatever the draws: give the "
                        + "gate a margin (the largest worsening you accept)%n")
                : Double.isInfinite(growth) ? String.format(Locale.ROOT, "budget               the estimated "
                        + "difference is beyond the margin itself: if the true difference is that large, more draws "
                        + "would narrow the interval around it, not show the candidate no worse; if it is smaller (the "
                        + "interval reaches below the margin), more draws may show it no worse (an estimate from one "
                        + "run's difference, not a verdict)%n")
                : String.format(Locale.ROOT, "budget               if the difference holds, about %s times %s "
                        + "would show it no worse in about 9 runs of 10 (about %s times in half of them, its interval's "
                        + "worse end then on the margin; estimates that assume the difference stays where it is: "
                        + "nearer the margin, fewer (a new user's true difference at 0.83 of the margin passed about 2 "
                        + "runs in 5 at the advised growth); a re-run with the same seed shares its draws, a second look "
                        + "at them: judge it on a fresh seed)%n",
                        times(growth), knob, times(half));
    }

    /** The growth of the draws for 9 runs in 10, over the growth that puts the interval's end on the margin. */
    static final double NINE_IN_TEN = Math.pow(1 + 1.2816 / 1.96, 2);

    /** A growth factor as printed: two decimals below 2 (1.04 read "about 1.0 times", the budget already run). */
    static String times(double growth) {
        return String.format(Locale.ROOT, growth < 2 ? "%.2f" : "%.1f", growth);
    }

    /**
     * The comparison's block; for a decision change in its own words: its verdict said "no worse", which a risk
     * committee read as "the candidate is not worse", of a statistic that counts fixes and new mistakes alike.
     */
    static String described(dev.probe.core.result.Comparison comparison) {
        String text = comparison.describe();
        String changes = dev.probe.junit.annotations.GateStatistic.DECISION_CHANGE.description();
        if (!comparison.statistic().startsWith(changes)) {
            return text;
        }
        String verdict = comparison.isNoWorse() ? "within the margin: at most δ of the decisions changed"
                : comparison.isWorse() ? "beyond the margin: more than δ of the decisions changed"
                : "inconclusive (the interval contains the margin)";
        return text.replace(": no worse iff the interval's", ": within the margin iff the interval's")
                .replaceFirst("(?m)^verdict( +).*$", "verdict$1" + verdict)
                .replaceFirst("(?m)^baseline( +)", "baseline$1(0 by construction: a model never changes its own "
                        + "decisions) ")
                + "reading              a change is a fix or a new mistake alike: this verdict says how much the "
                + "candidate changed, not whether it is better or worse; judge that with an oracle statistic"
                + System.lineSeparator();
    }

    /** The callbacks of this invocation. */
    private final class Run implements BeforeTestExecutionCallback, ParameterResolver, AfterEachCallback {
        private Comparison comparison;
        /** The outcome the summary rows were written with, null until they are. */
        private Outcome written;
        /** A gate over prior draws only: its comparison's wall time (the shared pool with it when it built it), NaN before. */
        private double probelessWall = Double.NaN;
        private List<ProbeAnswer> baselineAnswers = List.of();
        private List<ProbeAnswer> candidateAnswers = List.of();

        @Override
        public void beforeTestExecution(ExtensionContext context) {
            // an earlier run's comparison and samples must not outlive this one's, however it ends
            ProbeReport.clear(gate.key(), context);
            java.util.stream.Stream.concat(gate.baseline().stream(), gate.candidate().stream())
                    .forEach(spec -> ProbeReport.clear(spec.key(), context));
            // both sides are sampled even when one has no verdict, so the report shows where each stands
            List<Verdict> inconclusive = new ArrayList<>();
            List<ProbeAnswer> baseline = sample(gate.baseline(), inconclusive, context);
            List<ProbeAnswer> candidate = sample(gate.candidate(), inconclusive, context);
            baselineAnswers = baseline;
            candidateAnswers = candidate;
            if (!inconclusive.isEmpty()) {
                noVerdict(inconclusive, baseline, candidate, context);
            }
            boolean probeless = gate.baseline().isEmpty() && gate.candidate().isEmpty(); // prior draws only
            long start = System.nanoTime();
            try {
                comparison = SamplerThread.of(context).call("comparing '" + gate.displayName() + "'",
                        () -> gate.judge().compare(baseline, candidate));
            } catch (RuntimeException e) {
                if (probeless) {
                    probelessWall = (System.nanoTime() - start) / 1e9;
                    ProbeReport.writeProbelessGateRow(gate.key(), Outcome.ERROR, probelessWall, context);
                    written = Outcome.ERROR;
                }
                throw e;
            }
            Outcome outcome = comparison.isNoWorse() ? Outcome.PASSED : Outcome.FAILED;
            if (probeless) {
                // its one row: key, outcome and the time its prior draws took (no gradients), read by dashboards of slow tests
                probelessWall = (System.nanoTime() - start) / 1e9;
                ProbeReport.writeProbelessGateRow(gate.key(), outcome, probelessWall, context);
            }
            write(gate.baseline(), baseline, outcome, context);
            write(gate.candidate(), candidate, outcome, context);
            written = outcome;
            context.publishReportEntry("comparison", comparison.toString());
            ProbeReport.writeComparison(gate.key(), described(comparison), context);
            if (outcome == Outcome.FAILED) {
                throw new AssertionError(message(context));
            }
        }

        /** Samples every probe of one side; the verdicts of those without converged evidence go to {@code inconclusive}. */
        private List<ProbeAnswer> sample(List<ProbeSpec> specs, List<Verdict> inconclusive, ExtensionContext context) {
            List<ProbeAnswer> answers = new ArrayList<>();
            Class<?> testClass = context.getRequiredTestClass();
            String method = context.getRequiredTestMethod().getName();
            for (ProbeSpec spec : specs) {
                ProbeConfiguration c = spec.configuration();
                ProbeResult result;
                try {
                    result = InvocationSampling.sample(spec, context);
                } catch (RuntimeException e) {
                    written = Outcome.ERROR; // every probe of the gate gets an error row (afterEach)
                    throw e;
                }
                ProbeAnswer answer = ProbeAnswer.of(result, c.tolerance()).withEvidence(c.evidence()).judging(spec.judgedModel()).named(
                        spec.displayName(), spec.key(), testClass.getSimpleName() + "#" + method, c.describe(result.isPopulationResult()),
                        // a seed set on purpose seeds both sides and their pool, as -Dprobe.seed does; a derived one
                        // is derived again (a gate's failure called a @ProbeSettings seed "derived")
                        RerunCommand.current().withConfiguration(context::getConfigurationParameter)
                                .of(testClass, method, List.of(gate.key()),
                                c.isSeedSet() ? Optional.of(c.seed()) : Optional.empty()));
                answer = spec.oracle().map(answer::withOracle).orElse(answer);
                answer = answer.withTargetLabels(spec.targetLabels());
                Verdict verdict = Verdict.of(answer, c,
                        Verdict.Levers.of(spec.probe(), answer.judgedModel(), result.seed(), SamplerThread.of(context))
                                .withUnreachableIsRobust(spec.unreachableIsRobust()));
                if (!verdict.isConclusive()) {
                    inconclusive.add(verdict);
                }
                answers.add(answer);
            }
            return answers;
        }

        /**
         * A gate with a probe on either side without a verdict has none: every probe of both sides is written with that
         * outcome (a not-sampled one before a not-converged one), the reasons printed, and the test aborted or failed as
         * {@code probe.notSampled} / {@code probe.notConverged} say.
         */
        private void noVerdict(List<Verdict> inconclusive, List<ProbeAnswer> baseline, List<ProbeAnswer> candidate,
                ExtensionContext context) {
            Verdict first = inconclusive.stream().filter(v -> v.outcome() == Outcome.NOT_SAMPLED).findFirst()
                    .orElse(inconclusive.get(0));
            write(gate.baseline(), baseline, first.outcome(), context);
            write(gate.candidate(), candidate, first.outcome(), context);
            written = first.outcome();
            StringBuilder reasons = new StringBuilder();
            for (Verdict v : inconclusive) {
                reasons.append(reasons.length() == 0 ? "" : String.format("%n")).append(v.reason());
            }
            reasons.append(foundEvenSo(baseline, candidate));
            String reason = "Regression gate '" + gate.displayName() + "' has no verdict: " + reasons;
            Console.print(context, reason);
            ProbeConfiguration c = (gate.baseline().isEmpty() ? gate.candidate() : gate.baseline()).get(0).configuration();
            Inconclusive policy = first.outcome() == Outcome.NOT_SAMPLED ? c.notSampled() : c.notConverged();
            if (policy == Inconclusive.ABORT) {
                throw new TestAbortedException(reason);
            }
            throw first.outcome() == Outcome.NOT_SAMPLED ? new ProbeNotSampledException(reason)
                    : new ProbeNotConvergedException(reason);
        }

        /**
         * What an inconclusive gate found even so: confidently wrong draws on either side (they exist whatever the
         * evidence), and, where the baseline never reached a target the candidate reached, that a rate among confident
         * samples is undefined for it, with the statistic that is not.
         */
        private String foundEvenSo(List<ProbeAnswer> baseline, List<ProbeAnswer> candidate) {
            StringBuilder b = new StringBuilder();
            for (ProbeAnswer a : baseline) {
                appendFound(b, "baseline", a);
            }
            for (ProbeAnswer a : candidate) {
                appendFound(b, "candidate", a);
            }
            boolean baselineNever = baseline.stream().anyMatch(a -> a.attainment().successes() == 0);
            boolean candidateReached = candidate.stream().anyMatch(a -> a.attainment().successes() > 0);
            if (baselineNever && candidateReached) {
                b.append(String.format(Locale.ROOT, "%nthe candidate reached a target the baseline never did: a rate among "
                        + "a model's confident samples is undefined for a model that is never confident there, so this "
                        + "gate cannot compare them. To gate on classes a model may never be confident in, use statistic "
                        + "= CONFIDENTLY_WRONG_MASS (the prior mass of confidently wrong inputs: defined, and 0, for a "
                        + "model never confident)."));
            }
            if (baseline.size() == candidate.size()) {
                for (int i = 0; i < baseline.size(); i++) {
                    appendLost(b, baseline.get(i), candidate.get(i));
                }
            }
            return b.toString();
        }

        /**
         * The baseline reached a target the candidate never came near: the candidate may have lost it (a new user's
         * candidate could not give class 1 more than 0.5, which the baseline gave on a third of the prior; the gate
         * said only "give the sampler more budget" and, under {@code abort}, the build stayed green).
         */
        private static void appendLost(StringBuilder b, ProbeAnswer baseline, ProbeAnswer candidate) {
            if (baseline.attainment().successes() == 0 || candidate.attainment().successes() > 0) {
                return;
            }
            double closest = java.util.Arrays.stream(candidate.result().targetDistances()).min().orElse(Double.NaN);
            String mass = baseline.result().priorMass().map(m -> ", prior mass " + m).orElse("");
            b.append(String.format(Locale.ROOT, "%nthe baseline reached '%s' (%d of %d draws attained%s), the candidate "
                    + "never came within %s of the same question (closest %.3f): the candidate may have lost what the "
                    + "baseline is confident in, a regression that no rate among confident samples counts. With "
                    + "probe.notSampled=fail this gate fails the build; a probe of the candidate's own level set (e.g. "
                    + "@ProbeHighConfidence) shows where it stands.", baseline.displayName(),
                    baseline.attainment().successes(), baseline.attainment().trials(), mass, number(candidate.tolerance()),
                    closest));
        }

        private static String number(double v) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        }

        private static void appendFound(StringBuilder b, String side, ProbeAnswer a) {
            // the gate as a whole has no verdict; a side whose own evidence converged still gets no rate compared
            String found = Verdict.foundEvenSo(a, a.evidence().isMetBy(a.result())
                    ? "the gate compares no rates while the other side has no verdict (this side's evidence converged)"
                    : "their rate is not judged from this evidence");
            if (!found.isEmpty()) {
                b.append(String.format("%n%s '%s': %s", side, a.displayName(), found.stripTrailing()));
            }
        }

        private void write(List<ProbeSpec> specs, List<ProbeAnswer> answers, Outcome outcome, ExtensionContext context) {
            for (int i = 0; i < specs.size(); i++) {
                ProbeReport.write(specs.get(i), answers.get(i), outcome, context);
            }
        }

        /** The seed of every sampled probe of both sides, one line each (empty for a gate over prior draws only). */
        private String seeds() {
            StringBuilder seeds = new StringBuilder();
            // a gate of prior draws has no probes: its draws' seed (a new user's failure gave none)
            gate.priorDrawsSeed().ifPresent(seed -> seeds.append(String.format(Locale.ROOT, "prior draws seed     %d "
                    + "(both models judge the same draws)%n", seed)));
            for (ProbeAnswer a : baselineAnswers) {
                seeds.append(String.format(Locale.ROOT, "baseline seed        %d (%s)%n", a.result().seed(), a.displayName()));
            }
            for (ProbeAnswer a : candidateAnswers) {
                seeds.append(String.format(Locale.ROOT, "candidate seed       %d (%s)%n", a.result().seed(), a.displayName()));
            }
            return seeds.toString();
        }

        /**
         * The command that re-runs this gate: with its seed where it was set on purpose (as its probes' answers give
         * it), so the failure's command reads like a probe's (a user's gate said "baseline seed 99" but left the seed
         * out of the command).
         */
        private String rerun(ExtensionContext context) {
            Optional<Long> seed = java.util.stream.Stream.concat(gate.baseline().stream(), gate.candidate().stream())
                    .map(ProbeSpec::configuration).filter(ProbeConfiguration::isSeedSet).map(ProbeConfiguration::seed)
                    .findFirst();
            return RerunCommand.current().withConfiguration(context::getConfigurationParameter)
                    .of(context.getRequiredTestClass(), context.getRequiredTestMethod().getName(),
                    List.of(gate.key()), seed);
        }

        private String message(ExtensionContext context) {
            Class<?> testClass = context.getRequiredTestClass();
            String method = context.getRequiredTestMethod().getName();
            String budget = budget(comparison, java.util.stream.Stream.concat(gate.baseline().stream(),
                    gate.candidate().stream()).mapToDouble(spec -> spec.configuration().budget()).findFirst().orElse(Double.NaN));
            // a decision change is no error rate: "worse" read as a judgement of a candidate whose every change was a fix
            boolean changes = comparison.statistic().startsWith(
                    dev.probe.junit.annotations.GateStatistic.DECISION_CHANGE.description());
            return String.format(Locale.ROOT, "Regression gate '%s' (%s#%s) failed: %s%n%s%s%s%sre-run: %s",
                    gate.displayName(), testClass.getSimpleName(), method, changes ? "the candidate is not shown to change "
                    + "at most the margin's share of the decisions (changed decisions count fixes and new mistakes alike: "
                    + "this statistic does not judge accuracy; pair it with an oracle statistic to judge that)." : "the candidate is not shown to be no worse than the baseline.", described(comparison),
                    budget, wrongDraws(context), seeds(), rerun(context));
        }

        /**
         * Where the draws behind the rates are: each side's attained draws the oracle labels otherwise, in its report's
         * {@code labelled-otherwise.csv} (a user found the 32 wrong draws of a failed gate, all in the region the
         * candidate had broken, only by reading the report folders).
         */
        private String wrongDraws(ExtensionContext context) {
            StringBuilder b = new StringBuilder();
            for (int side = 0; side < 2; side++) {
                List<ProbeSpec> specs = side == 0 ? gate.baseline() : gate.candidate();
                List<ProbeAnswer> answers = side == 0 ? baselineAnswers : candidateAnswers;
                for (int i = 0; i < Math.min(specs.size(), answers.size()); i++) {
                    ProbeAnswer a = answers.get(i);
                    if (a.oracle().isEmpty()) {
                        continue;
                    }
                    long wrong;
                    try {
                        wrong = a.misclassifiedAmongAttained().successes();
                    } catch (RuntimeException e) {
                        continue;
                    }
                    if (wrong > 0) {
                        b.append(String.format(Locale.ROOT, "wrong draws          %s '%s': %d attained draws labelled "
                                + "otherwise by the oracle, in labelled-otherwise.csv of %s%n", side == 0 ? "baseline"
                                : "candidate", a.displayName(), wrong, ProbeReport.where(specs.get(i), context)));
                    }
                }
            }
            return b.toString();
        }

        /**
         * After the test method and the {@code @AfterEach} methods: the rows say what JUnit reports. A gate that passed
         * whose test method then failed, aborted or threw is written again with that outcome (and the failure gets the
         * seeds and the re-run command); one that never wrote its rows (a {@code @BeforeEach} or a model threw) gets a
         * row without numbers for each of its probes.
         */
        @Override
        public void afterEach(ExtensionContext context) {
            Optional<Throwable> thrown = context.getExecutionException();
            if (written == Outcome.PASSED && thrown.isPresent()) {
                Outcome outcome = Outcome.of(thrown.get());
                if (outcome != Outcome.SKIPPED) {
                    String seeds = seeds().replace(String.format("%n"), "; ").replaceAll(" {2,}", " ");
                    String note = "regression gate '" + gate.displayName() + "' " + seeds + "re-run: " + rerun(context);
                    Console.print(context, note);
                    thrown.get().addSuppressed(new ProbeInvocation.ProbeNote(note));
                }
                rewrite(outcome, context);
            } else if (written == null || written == Outcome.ERROR) {
                // never sampled, or broke on the way: no report of an earlier run may stand beside this run's rows
                ProbeReport.clear(gate.key(), context);
                java.util.stream.Stream.concat(gate.baseline().stream(), gate.candidate().stream())
                        .forEach(spec -> ProbeReport.clear(spec.key(), context));
                Outcome outcome = written != null ? written : thrown.map(Outcome::of).orElse(Outcome.ERROR);
                if (gate.baseline().isEmpty() && gate.candidate().isEmpty()) {
                    ProbeReport.writeProbelessGateRow(gate.key(), outcome, probelessWall, context);
                }
                java.util.stream.Stream.concat(gate.baseline().stream(), gate.candidate().stream())
                        .forEach(spec -> ProbeReport.writeRowWithoutSamples(spec.key(), outcome, context));
            }
        }

        private void rewrite(Outcome outcome, ExtensionContext context) {
            if (gate.baseline().isEmpty() && gate.candidate().isEmpty()) {
                ProbeReport.writeProbelessGateRow(gate.key(), outcome, probelessWall, context);
            }
            for (int i = 0; i < baselineAnswers.size(); i++) {
                ProbeReport.summaryRow(gate.baseline().get(i), baselineAnswers.get(i), outcome, context);
            }
            for (int i = 0; i < candidateAnswers.size(); i++) {
                ProbeReport.summaryRow(gate.candidate().get(i), candidateAnswers.get(i), outcome, context);
            }
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
