package dev.probe.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pooling rates of independent runs. */
class RateTest {

    @Test
    void pooledRatesAddCountsAndEffectiveTrials() {
        Rate a = Rate.withEffectiveTrials(10, 100, 40, 0.95);
        Rate b = Rate.withEffectiveTrials(30, 100, 20, 0.95);
        Rate pooled = Rate.pooled(List.of(a, b));
        assertThat(pooled.successes()).isEqualTo(40);
        assertThat(pooled.trials()).isEqualTo(200);
        assertThat(pooled.effectiveTrials()).isEqualTo(60);
        assertThat(pooled).isEqualTo(Rate.withEffectiveTrials(40, 200, 60, 0.95));
        // more effective trials than either run: a narrower interval than the noisier run's
        assertThat(pooled.upper() - pooled.lower()).isLessThan(b.upper() - b.lower());
    }

    @Test
    void aRareSetsRateIsPrintedWithItsDigitsNotAsZero() {
        // a new user's levelSetMass(400000): 3 draws in the set read "0.0000, 95% CI [0.0000, 0.0000]"
        assertThat(Rate.clopperPearson(3, 400_000, 0.95).toString())
                .matches("3/400000 = 7\\.50e-06, 95% CI \\[1\\.5\\de-06, 2\\.1\\de-05\\] \\(n_eff 400000\\.0\\)");
        assertThat(Rate.clopperPearson(1201, 1_000_000, 0.95).toString())
                .startsWith("1201/1000000 = 0.00120, 95% CI [0.00113, 0.00127]");
        assertThat(Rate.clopperPearson(20, 200, 0.95).toString()).startsWith("20/200 = 0.1000, 95% CI [0.0");
        assertThat(Rate.clopperPearson(0, 200, 0.95).toString()).startsWith("0/200 = 0.0000, 95% CI [0.0000, 0.0183]");
    }

    @Test
    void poolingNeedsRatesOfOneConfidence() {
        assertThatThrownBy(() -> Rate.pooled(List.of())).hasMessageContaining("at least one rate");
        assertThatThrownBy(() -> Rate.pooled(List.of(Rate.clopperPearson(1, 2, 0.95), Rate.clopperPearson(1, 2, 0.9))))
                .hasMessageContaining("one confidence level");
    }
}
