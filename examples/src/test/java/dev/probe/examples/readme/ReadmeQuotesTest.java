package dev.probe.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** README quotes compiled test code; this keeps the quotes identical to the code they come from. */
class ReadmeQuotesTest {
    private static final Path ROOT = Path.of("..");

    private static String quoted(Path source, String tag) throws IOException {
        return quoted(source, "// README-BEGIN " + tag, "// README-END " + tag);
    }

    private static String quoted(Path source, String begin, String end) throws IOException {
        String text = Files.readString(source);
        String body = text.split(begin + "\n")[1].split(end)[0];
        var lines = body.stripTrailing().lines().collect(Collectors.toList());
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return lines.stream().map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void readmeQuotesTheCompiledExamples() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        assertThat(readme).contains(quoted(
                ROOT.resolve("examples/src/test/java/dev/probe/examples/papers/MnistLevelSetsTest.java"), "suite"));
        assertThat(readme).contains(quoted(
                ROOT.resolve("probe-core/src/test/java/dev/probe/core/readme/QuickStartTest.java"), "engine"));
        assertThat(readme).contains(quoted(
                ROOT.resolve("probe-core/src/test/java/dev/probe/core/readme/ForwardOnlyScoringTest.java"), "throughput"));
        assertThat(readme).contains(quoted(
                ROOT.resolve("consumer/src/test/java/com/example/fashion/FashionProbesTest.java"), "consumer"));
        for (String tag : new String[] {"dependencies", "properties", "compiler", "surefire", "fresh-allure-results"}) {
            assertThat(readme).contains(quoted(ROOT.resolve("consumer/pom.xml"), "<!-- README-BEGIN " + tag + " -->",
                    "<!-- README-END " + tag + " -->"));
        }
        assertThat(readme).contains(quoted(
                ROOT.resolve("probe-core/src/test/java/dev/probe/core/readme/PopulationQuickStartTest.java"), "population"));
        assertThat(readme).contains(quoted(
                ROOT.resolve("probe-core/src/test/java/dev/probe/core/readme/CustomEnergySmcTest.java"), "custom-smc"));
        assertThat(readme).contains(quoted(
                ROOT.resolve("examples/src/test/java/dev/probe/examples/papers/ModelVersionGateTest.java"), "gate"));
        assertThat(readme).contains("./mvnw -B verify").contains("./mvnw -B -Psuite verify");
    }
}
