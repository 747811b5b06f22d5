package dev.probe.junit.assertions;

import dev.probe.core.result.Oracle;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Rate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on independent probe results taken together (e.g. one high-confidence probe per
 * class): rates pool their successes, trials and effective trials ({@link Rate#pooled}), so the interval
 * of the aggregate still reflects each run's autocorrelation.
 *
 * <pre>{@code
 * assertThatPooled(List.of(zeros, ones, twos)).hasMisclassificationRateAtMost("lenet", oracle, 0.1, 0.25);
 * }</pre>
 */
public class PooledResultsAssert extends AbstractAssert<PooledResultsAssert, Collection<ProbeResult>> {

    public PooledResultsAssert(Collection<ProbeResult> actual) {
        super(actual, PooledResultsAssert.class);
    }

    /**
     * Among the samples of every result that attain their target, the pooled fraction the oracle says the
     * model misclassifies has a 95% upper confidence bound of at most {@code max}.
     */
    public PooledResultsAssert hasMisclassificationRateAtMost(String model, Oracle oracle, double tolerance, double max) {
        isNotNull();
        if (actual.isEmpty()) {
            failWithMessage("No probe results to pool: did every probe fail to sample its target?");
        }
        List<Rate> rates = new ArrayList<>();
        StringBuilder each = new StringBuilder();
        for (ProbeResult r : actual) {
            Rate rate = r.misclassifiedAmongAttained(model, oracle, tolerance);
            rates.add(rate);
            each.append(String.format(Locale.ROOT, "%n  %s (seed %d): %s", r.provenance().query(), r.seed(), rate));
        }
        Rate pooled = Rate.pooled(rates);
        if (!(pooled.upper() <= max)) {
            failWithMessage("%s", String.format(Locale.ROOT, "expected the pooled misclassification rate of %s among "
                    + "samples attaining their targets (%d probes) at most %.4g, but its 95%% upper bound is %.4g%n"
                    + "  pooled: %s%nper probe:%s", model, actual.size(), max, pooled.upper(), pooled, each));
        }
        return this;
    }
}
