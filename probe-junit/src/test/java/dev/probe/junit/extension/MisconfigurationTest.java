package dev.probe.junit.extension;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.probe.core.model.Classifier;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.annotations.Generator;
import dev.probe.junit.annotations.ModelUnderTest;
import dev.probe.junit.annotations.ProbeAmbivalent;
import dev.probe.junit.annotations.ProbeConfidence;
import dev.probe.junit.annotations.ProbeHighConfidence;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Misconfiguration is reported before any sampling, naming the cause and the fix. */
class MisconfigurationTest {

    private static void failsWith(Class<?> fixture, String... fragments) {
        var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
        results.testEvents().assertStatistics(s -> s.started(0));
        results.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> {
            for (String f : fragments) {
                if (!m.contains(f)) {
                    return false;
                }
            }
            return true;
        }))));
    }

    static class NoModel {
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence
        void confident(ProbeResult r) {}
    }

    static class UnknownClass {
        @ModelUnderTest static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 5)
        void confident(ProbeResult r) {}
    }

    static class SameClassTwice {
        @ModelUnderTest static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeAmbivalent(pairs = "1:1")
        void torn(ProbeResult r) {}
    }

    static class Conflicting {
        @ModelUnderTest static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence
        @ProbeAmbivalent
        void both(ProbeResult r) {}
    }

    static class TargetAndInterpolation {
        @ModelUnderTest static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeConfidence(target = {0.5, 0.5, 0}, from = 0, to = 1)
        void graded(ProbeResult r) {}
    }

    static class UnknownModelName {
        @ModelUnderTest static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(model = "cnn")
        void confident(ProbeResult r) {}
    }

    @Test
    void missingModel() {
        failsWith(NoModel.class, "No model under test in NoModel", "@ModelUnderTest");
    }

    @Test
    void unknownClass() {
        failsWith(UnknownClass.class, "class 5 is out of range", "3 classes");
    }

    @Test
    void pairWithTheSameClassTwice() {
        failsWith(SameClassTwice.class, "\"1:1\" names class 1 twice");
    }

    @Test
    void conflictingAnnotations() {
        failsWith(Conflicting.class, "conflicting probe annotations", "@ProbeHighConfidence", "@ProbeAmbivalent");
    }

    @Test
    void conflictingAttributes() {
        failsWith(TargetAndInterpolation.class, "either target = {...} or from/to", "not both");
    }

    @Test
    void unknownModelName() {
        failsWith(UnknownModelName.class, "Unknown model 'cnn'", "known models are [MODEL]");
    }
}
