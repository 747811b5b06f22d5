package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.result.PoolCheck;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.extension.ProbeSource.Relaxation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Chains held against the prior pool in the extension's verdict: chains that disagree with it are not converged and
 * the message says where; a difference within what chance allows is reported when another check fails, as a hint.
 */
class PoolVerdictTest {

    /** 400 draws of 4 chains that all attain the target, with the given largest R̂ and pool check. */
    private static ProbeAnswer chains(double rhat, PoolCheck check) {
        return ProbeAnswer.of(Fixtures.attainingChains(rhat, new double[] {0.5, 0.5, 0.5, 0.5}, "RWM(scale=0.5)")
                .withPoolCheck(check), 0.1);
    }

    private static ProbeConfiguration settings() throws Exception {
        return SettingsChain.of(PoolVerdictTest.class.getDeclaredMethod("settings"), PoolVerdictTest.class,
                k -> Optional.empty()).resolve(Relaxation.SIGMA, "@ProbeHighConfidence", Optional.empty(), "pool");
    }

    @Test
    void chainsThatDisagreeWithThePoolAreNotConvergedAndToldWhere() throws Exception {
        // a new user's 8 chains all in one piece of a two-piece set: R-hat 1.028, evidence met before
        Verdict v = Verdict.of(chains(1.01, new PoolCheck(0, 2.18, 0.211, 0.0, 0.155, 503, 262)), settings());
        assertThat(v.isConclusive()).isFalse();
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_CONVERGED);
        assertThat(v.reason()).contains("prior pool: at coordinate 0 <= 2.180 the prior pool's weighted draws hold 21.1% "
                + "of the target, the chains' draws 0.0% (chance allows a difference of 15.5% with 503 effective pool "
                + "draws and 262 effective chain draws): the chains missed part of the target")
                .contains("sample by populations (sampler = SMC, or AUTO where it picks them)");
        // agreeing chains are converged evidence
        assertThat(Verdict.of(chains(1.01, new PoolCheck(0, 0.5, 0.5, 0.45, 0.155, 503, 262)), settings())
                .isConclusive()).isTrue();
    }

    @dev.probe.junit.ProbeSettings(sampler = dev.probe.junit.SamplerKind.MH, chains = 4, warmup = 100, draws = 200,
            seed = "5", maxRhat = 100, minAttainedEss = 1)
    static class BoxChains {
        @dev.probe.junit.ProbedModel static final dev.probe.core.model.Classifier MODEL = Fixtures.threeClasses();
        @dev.probe.junit.Generator static final dev.probe.core.space.SampleSpace BOX = Fixtures.box();

        @dev.probe.junit.annotations.ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    /** The report of chains started from the prior pool shows the check, whatever it found. */
    @Test
    void theDiagnosticsOfChainsFromThePoolShowTheCheck() throws Exception {
        Fixtures.run(BoxChains.class, java.util.Map.of("probe.reportDir", "target/probe-reports-pool"));
        String diagnostics = java.nio.file.Files.readString(java.nio.file.Path.of(
                "target/probe-reports-pool/PoolVerdictTest$BoxChains/confident/0/diagnostics.txt"));
        assertThat(diagnostics).containsPattern("prior pool check +at coordinate ([0-9]+) \\(x_\\1\\) <= [-0-9.e]+ the prior pool's "
                + "weighted draws hold [0-9.]+% of the target, the chains' draws [0-9.]+% \\(chance allows a difference of");
    }

    @Test
    void anRhatJustAboveItsBoundIsShownWithTheDecimalsThatTellThemApart() throws Exception {
        // "max R-hat 1.050 (needed <= 1.050)" read as a pass refused (a new user's 1.05006)
        Verdict v = Verdict.of(ProbeAnswer.of(Fixtures.attainingChains(1.05006, new double[] {0.5, 0.5, 0.5, 0.5},
                "RWM(scale=0.5)"), 0.1), settings());
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_CONVERGED);
        assertThat(v.reason()).contains("max R-hat 1.0501 (needed <= 1.050)");
    }

    @Test
    void aDifferenceWithinChanceIsAHintWhenAnotherCheckFails() throws Exception {
        // a new user's 4 chains all in one piece at 40 effective draws: the pool's 20% against their 0% was within the
        // 33% chance allows, and the message said only "draw longer"
        Verdict v = Verdict.of(chains(1.096, new PoolCheck(0, 2.2, 0.20, 0.0, 0.33, 512, 40)), settings());
        assertThat(v.outcome()).isEqualTo(Outcome.NOT_CONVERGED);
        assertThat(v.reason()).contains("prior pool: at coordinate 0 <= 2.200 the prior pool's weighted draws hold 20.0%")
                .contains("within what chance allows at these effective draws, so not yet a sign that the chains missed a "
                        + "region; more effective draws will tell")
                .doesNotContain("the chains missed part of the target");
        // a small difference is no hint
        assertThat(Verdict.of(chains(1.096, new PoolCheck(0, 2.2, 0.50, 0.45, 0.33, 512, 40)), settings()).reason())
                .doesNotContain("prior pool:");
    }
}
