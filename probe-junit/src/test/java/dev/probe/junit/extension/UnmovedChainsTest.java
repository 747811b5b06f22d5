package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.diagnostics.InvalidProposals;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.extension.ProbeSource.Relaxation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A chain that accepted no proposal after warm-up is named in a not-converged verdict: a reviewer's 16 chains at
 * R-hat 1.129 were told of chains stuck in modes, and the report showed 48 copies of one input, while one chain had
 * never moved.
 */
class UnmovedChainsTest {

    /** 400 draws of 4 chains that all attain the target, with the given acceptance per chain and largest R̂. */
    private static ProbeAnswer chains(double rhat, double... acceptance) {
        return ProbeAnswer.of(Fixtures.attainingChains(rhat, acceptance, "MALA(h=0.1)"), 0.1);
    }

    private static ProbeConfiguration settings() throws Exception {
        return SettingsChain.of(UnmovedChainsTest.class.getDeclaredMethod("settings"), UnmovedChainsTest.class,
                k -> Optional.empty()).resolve(Relaxation.SIGMA, "@ProbeHighConfidence", Optional.empty(), "unmoved");
    }

    @Test
    void aChainThatNeverMovedIsNamedWithTheLevers() throws Exception {
        Verdict v = Verdict.of(chains(1.129, 0.6, 0.58, 0, 0.61), settings());
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_CONVERGED);
        assertThat(v.reason()).contains("1 of 4 chains (chain 2) accepted no proposal after warm-up: each stayed at one "
                + "point, its draws copies of it, which R-hat reads as a chain in a region of its own")
                .contains("more warm-up (warmup) lets each chain's step size adapt");
        // chains that all moved are not told so
        assertThat(Verdict.of(chains(1.129, 0.6, 0.58, 0.5, 0.61), settings()).reason())
                .doesNotContain("accepted no proposal");
        assertThat(new Diagnostics(new double[] {0, 0.5}, new double[] {1.0}, new double[] {100}, 1.0, 100, 1, 1,
                InvalidProposals.NONE, InvalidProposals.NONE, 1, 0, 0.1, 0.5, Double.NaN).unmovedChains())
                .as("populations' acceptance is per population").isEmpty();
    }
}
