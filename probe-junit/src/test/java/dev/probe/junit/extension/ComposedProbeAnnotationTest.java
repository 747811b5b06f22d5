package dev.probe.junit.extension;

import static dev.probe.junit.extension.Fixtures.reportEntries;
import static dev.probe.junit.extension.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.model.Classifier;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeGate;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestTag;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A team's own annotation bundling a probe annotation with settings, a gate and tags, as JUnit's {@code @Test} composes
 * (a new user's {@code @NightlyConfidence} did not compile: the probe annotations were for methods only).
 */
class ComposedProbeAnnotationTest {

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ProbeHighConfidence(classes = {0, 1})
    @ProbeSettings(chains = 6)
    @ProbeGate(minPassed = 2)
    @Tag("nightly")
    @interface NightlyConfidence {}

    /** A composed annotation of a composed annotation. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @NightlyConfidence
    @interface TeamConfidence {}

    static final List<ProbeAnswer> ANSWERS = new CopyOnWriteArrayList<>();

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 10, seed = "7", maxRhat = 10,
            minAttainedEss = 1)
    static class Composed {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @NightlyConfidence
        void nightly(ProbeAnswer answer) {
            ANSWERS.add(answer);
            if (answer.key().equals("1")) {
                throw new AssertionError("class 1 fails on purpose");
            }
        }

        @TeamConfidence
        void team(ProbeAnswer answer) {
            ANSWERS.add(answer);
        }
    }

    @Test
    void aComposedProbeAnnotationRunsItsProbeWithItsSettingsGateAndTags() {
        ANSWERS.clear();
        EngineExecutionResults events = run(Composed.class, Map.of("probe.reportDir", "target/probe-reports-composed"));
        events.testEvents().assertStatistics(s -> s.started(4).succeeded(3).failed(1));
        assertThat(ANSWERS).extracting(ProbeAnswer::key).containsExactlyInAnyOrder("0", "1", "0", "1");
        // the composed @ProbeSettings(chains = 6) wins over the class's chains = 4
        assertThat(ANSWERS).allSatisfy(a -> assertThat(a.result().chains()).isEqualTo(6));
        assertThat(events.testEvents().started().stream().map(e -> e.getTestDescriptor().getTags()))
                .allSatisfy(tags -> assertThat(tags).contains(TestTag.create("nightly")));
        // the composed @ProbeGate counts: 1 of 2 passed on nightly, 2 of 2 on team (through two compositions)
        assertThat(reportEntries(events, "probe")).anyMatch(e -> e.startsWith("Probe gate of Composed#nightly failed"))
                .anyMatch(e -> e.startsWith("Probe gate of Composed#team passed"));
    }

    @ProbeSettings(sampler = SamplerKind.MALA, chains = 4, warmup = 40, draws = 10, seed = "7")
    static class Twice {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @NightlyConfidence
        @ProbeHighConfidence(classes = 2)
        void both(ProbeAnswer answer) {}
    }

    @Test
    void aComposedProbeAnnotationBesideADirectOneIsTwoQuestions() {
        EngineExecutionResults events = run(Twice.class, Map.of("probe.reportDir", "target/probe-reports-composed"));
        assertThat(events.containerEvents().failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable()
                        .orElseThrow().getMessage()))
                // the carrier named: a new user had to find which team annotation brought the second question
                .anyMatch(m -> m.contains("Twice#both has conflicting probe annotations [@ProbeHighConfidence, "
                        + "@ProbeHighConfidence (through @NightlyConfidence)]"));
    }
}
