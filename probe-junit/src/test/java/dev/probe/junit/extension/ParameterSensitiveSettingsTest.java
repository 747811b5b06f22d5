package dev.probe.junit.extension;

import static dev.probe.junit.extension.Fixtures.run;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.probe.core.model.Classifier;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.annotations.ProbeParameterSensitive;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code @ProbeParameterSensitive} refuses a tolerance at which every sample attains, as every other probe annotation
 * does: a new user's {@code tolerance = 5} passed at attainment 1.0.
 */
class ParameterSensitiveSettingsTest {

    static class EveryoneAttains {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        static ai.djl.nn.Block architecture() {
            return ai.djl.nn.core.Linear.builder().setUnits(3).build();
        }

        @ProbeParameterSensitive(architecture = "architecture", perturbations = 2, tolerance = 0.5)
        void sensitive(ProbeAnswer answer) {}
    }

    @Test
    void aToleranceEverySampleMeetsIsRefusedBeforeSampling() {
        EngineExecutionResults events = run(EveryoneAttains.class, Map.of());
        events.testEvents().assertStatistics(s -> s.started(0));
        events.allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.startsWith(
                "@ProbeParameterSensitive tolerance = 0.5 (from @ProbeParameterSensitive") && m.contains("at most 0.5")))));
    }
}
