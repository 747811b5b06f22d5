package dev.probe.junit.extension;

import static dev.probe.junit.extension.Fixtures.reportEntries;
import static dev.probe.junit.extension.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.model.Classifier;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A converged run of few chains says that R̂ cannot see a mode none of them reached (a new user's 4 MALA chains all sat
 * in one mode of a target whose other mode held 20% of it, with R̂ 1.007 and a silent "passed").
 */
class FewChainsNoteTest {

    static class FourChains {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 10, seed = "7", maxRhat = 10,
                minAttainedEss = 1)
        void four(ProbeAnswer answer) {}

        @ProbeHighConfidence(classes = 0)
        @ProbeSettings(sampler = SamplerKind.MALA, chains = Verdict.FEW_CHAINS, warmup = 40, draws = 10, seed = "7",
                maxRhat = 10, minAttainedEss = 1)
        void eight(ProbeAnswer answer) {}
    }

    @Test
    void fewerThanEightConvergedChainsGetANoteAndEightDoNot() {
        EngineExecutionResults events = run(FourChains.class, Map.of("probe.reportDir", "target/probe-reports-few-chains"));
        events.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(reportEntries(events, "probe")).filteredOn(e -> e.startsWith("note: 4 chains: R-hat compares"))
                .singleElement().satisfies(e -> assertThat(e)
                        .contains("41% for w = 0.2 at n = 4, 17% at 8, 0.1% at 32")
                        .contains("Give chains = 8 or more, or sample by populations"));
        assertThat(reportEntries(events, "probe")).noneMatch(e -> e.startsWith("note: 8 chains"));
    }
}
