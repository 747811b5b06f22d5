package dev.probe.junit.assertions;

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
 * class): rates pool their successes, trials and effective trials ({@link Rate#pooled}), so the interval
 * of the aggregate still reflects each run's autocorrelation. Each answer is judged by its own tolerance,
 * judged model and oracle.
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
     * Among the samples of every answer that attain their target, the pooled fraction the oracle says the
     * judged model misclassifies has a 95% upper confidence bound of at most {@code max}.
     */
    public PooledAnswersAssert hasMisclassificationRateAtMost(double max) {
        isNotNull();
        if (actual.isEmpty()) {
            failWithMessage("No probe answers to pool: did every probe fail to sample its target?");
        }
        List<Rate> rates = new ArrayList<>();
        StringBuilder each = new StringBuilder();
        for (ProbeAnswer a : actual) {
            Oracle oracle = a.oracle().orElse(null);
            if (oracle == null) {
                failWithMessage("Probe '%s' has no oracle: declare @ProbeOracle in the test class, or pool answers "
                        + "made withOracle(...).", a.displayName());
            }
            Rate rate = a.result().misclassifiedAmongAttained(a.judgedModel(), oracle, a.tolerance());
            rates.add(rate);
            each.append(String.format(Locale.ROOT, "%n  %s (seed %d): %s", a.displayName(), a.result().seed(), rate));
        }
        Rate pooled = Rate.pooled(rates);
        if (!(pooled.upper() <= max)) {
            failWithMessage("%s", String.format(Locale.ROOT, "expected the pooled misclassification rate among samples "
                    + "attaining their targets (%d probes) at most %.4g, but its 95%% upper bound is %.4g%n"
                    + "  pooled: %s%nper probe:%s", actual.size(), max, pooled.upper(), pooled, each));
        }
        return this;
    }
}
