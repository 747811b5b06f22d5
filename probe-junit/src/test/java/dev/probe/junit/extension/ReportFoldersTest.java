package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.probe.core.model.Classifier;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeHighConfidence;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Under Allure, {@code probe.reportFolders=true} writes every probe's report folder beside its attachments: a new user
 * told to read diagnostics.txt found only UUID-named files in allure-results.
 */
class ReportFoldersTest {
    @ProbeSettings(sampler = SamplerKind.MH, chains = 4, warmup = 40, draws = 20, seed = "3", maxRhat = 100,
            minAttainedEss = 1)
    static class Confident {
        @ProbedModel static final Classifier MODEL = Fixtures.threeClasses();
        @Generator static final SampleSpace BOX = Fixtures.box();

        @ProbeHighConfidence(classes = 0)
        void confident(ProbeAnswer answer) {}
    }

    /** Runs the fixture inside a running Allure test case whose attachments are collected by name. */
    private static List<String> underAllure(Map<String, String> configuration) {
        List<String> attached = new CopyOnWriteArrayList<>();
        AllureLifecycle previous = Allure.getLifecycle();
        AllureLifecycle lifecycle = new AllureLifecycle(new AllureResultsWriter() {
            @Override
            public void write(TestResult result) {}

            @Override
            public void write(TestResultContainer container) {}

            @Override
            public void write(String source, InputStream attachment) {
                attached.add(source);
            }
        });
        Allure.setLifecycle(lifecycle);
        String uuid = java.util.UUID.randomUUID().toString();
        lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName("outer"));
        lifecycle.startTestCase(uuid);
        try {
            Fixtures.run(Confident.class, configuration).testEvents().assertStatistics(s -> s.finished(1));
        } finally {
            lifecycle.stopTestCase(uuid);
            lifecycle.writeTestCase(uuid);
            Allure.setLifecycle(previous);
        }
        return attached;
    }

    @Test
    void underAllureTheFoldersAreWrittenTooWhenAsked() throws Exception {
        Path both = Path.of("target/probe-reports-folders-too");
        Path attachmentsOnly = Path.of("target/probe-reports-attachments-only");
        Path report = Path.of("ReportFoldersTest$Confident", "confident", "0", "diagnostics.txt");
        List<String> attached = underAllure(Map.of("probe.reportDir", both.toString(), "probe.reportFolders", "true"));
        assertThat(attached).as("the attachments are written as before").isNotEmpty();
        assertThat(both.resolve(report)).exists();
        assertThat(Files.readString(both.resolve(report))).contains("outcome")
                // its last row says where its terms are explained (a risk analyst found none explained there)
                .containsPattern("terms +outcome and the closest or attained rows answer the question; .*README, \"What a "
                        + "probe's answer means\"");
        // the default: attachments alone
        assertThat(underAllure(Map.of("probe.reportDir", attachmentsOnly.toString()))).isNotEmpty();
        assertThat(attachmentsOnly.resolve(report)).doesNotExist();
    }

    @Test
    void aValueOtherThanTrueOrFalseIsAnError() {
        Fixtures.run(Confident.class, Map.of("probe.reportDir", "target/probe-reports-folders-bad",
                "probe.reportFolders", "yes")).testEvents().assertThatEvents().haveAtLeastOne(event(finishedWithFailure(
                        message(m -> m.contains("probe.reportFolders = \"yes\" is neither true nor false")))));
    }
}
