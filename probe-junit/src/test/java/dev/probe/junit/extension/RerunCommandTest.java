package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-run commands work where they are printed: the project's own launcher, the module, never zero tests. */
class RerunCommandTest {
    @TempDir
    Path dir;

    @Tag("nightly")
    static class Tagged {}

    @Tag("gpu")
    interface NeedsGpu {}

    static class Inheriting extends Tagged implements NeedsGpu {
        @Tag("slow")
        void probe() {}
    }

    @Test
    void theCommandNamesTheTagsTheTestInheritsAndItsMethodsTags() throws Exception {
        pom(dir, "");
        assertThat(RerunCommand.in(dir).of(Inheriting.class, "probe", List.of("0"), Optional.empty()))
                .endsWith("-Dprobe.only='0'  (tagged [slow, nightly, gpu]: include the tag if your build excludes it)");
        assertThat(RerunCommand.in(dir).of(RerunCommandTest.class, "probe", List.of("0"), Optional.empty()))
                .as("a static nested class's enclosing class is not among its tags' sources").doesNotContain("tagged");
    }

    private static void pom(Path d, String modules) throws Exception {
        Files.createDirectories(d);
        Files.writeString(d.resolve("pom.xml"), "<project>" + modules + "</project>");
    }

    @Test
    void aSingleModuleProjectWithoutWrapperUsesMvn() throws Exception {
        pom(dir, "");
        assertThat(RerunCommand.in(dir).of(RerunCommandTest.class, "probe", List.of("1:7"), Optional.of(42L)))
                .isEqualTo("mvn test -Dtest='dev.probe.junit.extension.RerunCommandTest#probe' -Dprobe.only='1:7' -Dprobe.seed=42");
    }

    @Test
    void settingsGivenOnTheCommandLineAreRepeatedSoTheReRunSamplesTheSameProbe() throws Exception {
        // a client's probe failed under -Dprobe.sigma=0.1 and its printed re-run (without it) passed
        pom(dir, "");
        System.setProperty("probe.sigma", "0.1");
        System.setProperty("probe.budget", "0.5");
        System.setProperty("probe.seed", "9");
        try {
            assertThat(RerunCommand.in(dir).of(RerunCommandTest.class, "probe", List.of("1:7"), Optional.of(42L)))
                    .isEqualTo("mvn test -Dtest='dev.probe.junit.extension.RerunCommandTest#probe' -Dprobe.only='1:7' "
                            + "-Dprobe.seed=42 -Dprobe.sigma=0.1 -Dprobe.budget=0.5");
            // a regression gate passes no seed of its own: the command line's is repeated
            assertThat(RerunCommand.in(dir).of(RerunCommandTest.class, "gate", List.of("7"), Optional.empty()))
                    .isEqualTo("mvn test -Dtest='dev.probe.junit.extension.RerunCommandTest#gate' -Dprobe.only='7' "
                            + "-Dprobe.seed=9 -Dprobe.sigma=0.1 -Dprobe.budget=0.5");
        } finally {
            System.clearProperty("probe.sigma");
            System.clearProperty("probe.budget");
            System.clearProperty("probe.seed");
        }
    }

    @Test
    void aSystemPropertyThatLostToAConfigurationParameterIsRepeatedWithTheValueThatRan() throws Exception {
        // a CI profile's literal probe.thin = 2 in Surefire's configurationParameters beat -Dprobe.thin=3; the printed
        // command repeated 3 and re-ran other samples
        pom(dir, "");
        System.setProperty("probe.thin", "3");
        try {
            java.util.Map<String, String> parameters = java.util.Map.of("probe.thin", "2");
            assertThat(RerunCommand.in(dir).withConfiguration(k -> Optional.ofNullable(parameters.get(k)))
                    .of(RerunCommandTest.class, "probe", List.of("0"), Optional.empty()))
                    .isEqualTo("mvn test -Dtest='dev.probe.junit.extension.RerunCommandTest#probe' -Dprobe.only='0' "
                            + "-Dprobe.thin=2");
        } finally {
            System.clearProperty("probe.thin");
        }
    }

    @Test
    void theProjectsWrapperIsUsedWhenItHasOne() throws Exception {
        pom(dir, "");
        Files.writeString(dir.resolve("mvnw"), "#!/bin/sh");
        assertThat(RerunCommand.in(dir).of(RerunCommandTest.class, "probe", List.of("2", "5"), Optional.empty()))
                .isEqualTo("./mvnw test -Dtest='dev.probe.junit.extension.RerunCommandTest#probe' -Dprobe.only='2,5'");
    }

    @Test
    void aModuleOfAMultiModuleBuildRunsFromTheRootWithItsModule() throws Exception {
        pom(dir, "<modules><module>tests</module></modules>");
        Files.writeString(dir.resolve("mvnw"), "#!/bin/sh");
        pom(dir.resolve("tests"), "");
        assertThat(RerunCommand.in(dir.resolve("tests")).of(Tagged.class, "probe", List.of("0"), Optional.of(1L)))
                .isEqualTo("./mvnw -pl tests -am test -Dsurefire.failIfNoSpecifiedTests=false "
                        + "-Dtest='dev.probe.junit.extension.RerunCommandTest$Tagged#probe' -Dprobe.only='0' -Dprobe.seed=1"
                        + "  (tagged [nightly]: include the tag if your build excludes it)");
    }

    @Test
    void aProjectInsideAnotherProjectsDirectoryIsNotItsModule() throws Exception {
        pom(dir, "<modules><module>lib</module></modules>");
        pom(dir.resolve("consumer"), "");
        assertThat(RerunCommand.in(dir.resolve("consumer")).of(RerunCommandTest.class, "p", List.of("k"), Optional.empty()))
                .startsWith("mvn test -Dtest=");
    }

    @Test
    void withoutAPomTheCommandNamesTheTestAndItsConfiguration() {
        assertThat(RerunCommand.in(dir).of(RerunCommandTest.class, "probe", List.of("1"), Optional.of(3L)))
                .isEqualTo("run dev.probe.junit.extension.RerunCommandTest#probe with the configuration parameters "
                        + "probe.only='1' probe.seed=3");
    }

    @Test
    void theEnginesThreadCountIsRepeatedSoAReplayOnAnotherMachineGivesTheSameSamples() throws Exception {
        // a user's TorchScript CNN gave other samples with 1 intra-op thread than with 2: CI's failure did not replay
        pom(dir, "");
        assertThat(RerunCommand.in(dir).withEngineThreads(2).of(RerunCommandTest.class, "probe", List.of("1:7"), Optional.of(42L)))
                .isEqualTo("mvn test -Dtest='dev.probe.junit.extension.RerunCommandTest#probe' -Dprobe.only='1:7' -Dprobe.seed=42 "
                        + "-Dai.djl.pytorch.num_threads=2");
        Files.delete(dir.resolve("pom.xml"));
        assertThat(RerunCommand.in(dir).withEngineThreads(4).of(RerunCommandTest.class, "probe", List.of("1"), Optional.of(3L)))
                .isEqualTo("run dev.probe.junit.extension.RerunCommandTest#probe with the configuration parameters "
                        + "probe.only='1' probe.seed=3 and the system property ai.djl.pytorch.num_threads=4");
        // this JVM's command carries the engine's own count
        assertThat(RerunCommand.current().of(RerunCommandTest.class, "probe", List.of("1"), Optional.empty()))
                .contains("ai.djl.pytorch.num_threads=" + ai.djl.pytorch.jni.JniUtils.getNumThreads());
    }
}
