package dev.probe.junit.assertions;

import dev.probe.core.result.Evidence;
import dev.probe.core.result.Measure;
import dev.probe.core.result.Oracle;
import dev.probe.core.result.Rate;
import dev.probe.junit.ProbeAnswer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on independent probe answers taken together (e.g. one high-confidence probe per
 * class): the aggregate is the mean of the answers' rates with equal weights ({@link Measure#averageOf}), each
 * rate on its own effective trials, so the interval still reflects each run's autocorrelation and no answer
 * weighs more because its sampler kept more draws. Each answer is judged by its own tolerance, judged model and
 * oracle, and must meet its own evidence ({@link ProbeAnswer#evidence()}): a verdict counts only when every
 * answer's evidence does.
 *
 * <pre>{@code
 * assertThatPooled(List.of(zeros, ones, twos)).hasMisclassificationRateAtMost(0.25);
 * }</pre>
 */
public class PooledAnswersAssert extends AbstractAssert<PooledAnswersAssert, Collection<ProbeAnswer>> {

    public PooledAnswersAssert(Collection<ProbeAnswer> actual) {
        super(actual, PooledAnswersAssert.class);
    }

    /**
     * Among the samples of each answer that attain its target, the fraction the oracle says the judged model
     * misclassifies, averaged over the answers with equal weights, has a 95% upper confidence bound of at most
     * {@code max}; every answer must meet its evidence and have attained samples.
     */
    public PooledAnswersAssert hasMisclassificationRateAtMost(double max) {
        ProbeAnswerAssert.upperBoundLimit("hasMisclassificationRateAtMost", max);
        isNotNull();
        if (actual.isEmpty()) {
            failWithMessage("No probe answers to pool: did every probe fail to sample its target?");
        }
        List<Rate> rates = new ArrayList<>();
        StringBuilder each = new StringBuilder();
        StringBuilder unconverged = new StringBuilder();
        StringBuilder empty = new StringBuilder();
        for (ProbeAnswer a : actual) {
            Oracle oracle = a.oracle().orElse(null);
            if (oracle == null) {
                failWithMessage("Probe '%s' has no oracle: declare @ProbeOracle in the test class, or pool answers "
                        + "made withOracle(...).", a.displayName());
            }
            Evidence e = a.evidence();
            if (!e.isMetBy(a.result())) {
                unconverged.append(String.format(Locale.ROOT, "%n  %s (seed %d): max R-hat %.4f (at most %.3f), "
                        + "effective attained samples %.1f (at least %.0f)", a.displayName(), a.result().seed(),
                        a.result().diagnostics().maxRhat(), e.maxRhat(), a.result().attainedEss(e.tolerance()),
                        e.minAttainedEss()));
            }
            if (!a.isMisclassificationDefined()) {
                failWithMessage("Probe '%s' asks about every class of '%s' at once: no misclassification is defined for "
                        + "it. Pool questions about some classes.", a.displayName(), a.judgedModel());
            }
            Rate rate = a.misclassifiedAmongAttained();
            if (rate.trials() == 0) {
                empty.append(String.format(Locale.ROOT, "%n  %s (seed %d)", a.displayName(), a.result().seed()));
            }
            rates.add(rate);
            each.append(String.format(Locale.ROOT, "%n  %s (seed %d): %s", a.displayName(), a.result().seed(), rate));
        }
        if (unconverged.length() > 0) {
            failWithMessage("%s", String.format(Locale.ROOT, "expected a misclassification rate at most %.4g over %d "
                    + "probes, on converged evidence, but these answers do not meet theirs, so the aggregate cannot support "
                    + "a verdict:%s%nGive those probes more budget (or populations), or relax their evidence "
                    + "(ProbeAnswer.withEvidence, settings maxRhat / minAttainedEss).", max, actual.size(), unconverged));
        }
        if (empty.length() > 0) {
            failWithMessage("%s", String.format(Locale.ROOT, "expected a misclassification rate at most %.4g over %d "
                    + "probes, but no sample of these attains its target, so they have no rate to average:%s%nSample "
                    + "longer or relax their tolerance.", max, actual.size(), empty));
        }
        Measure mean = Measure.averageOf(rates);
        if (!(mean.upper() <= max)) {
            failWithMessage("%s", String.format(Locale.ROOT, "expected the misclassification rate among samples "
                    + "attaining their targets, averaged over %d probes with equal weights, at most %.4g, but its 95%% "
                    + "upper bound is %.4g%n  mean: %.4f, 95%% CI [%.4f, %.4f]%nper probe:%s", actual.size(), max,
                    mean.upper(), mean.estimate(), mean.lower(), mean.upper(), each));
        }
        return this;
    }
}
