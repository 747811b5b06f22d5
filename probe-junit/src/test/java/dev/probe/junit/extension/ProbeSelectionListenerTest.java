package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** A re-run whose probe test the tag filter excluded says so, instead of passing silently with zero probes. */
class ProbeSelectionListenerTest {

    private static String consoleOfARunWith(String tag) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(VerdictTest.Flat.class))
                    .filters(TagFilter.includeTags(tag))
                    .configurationParameter("probe.only", "7")
                    .configurationParameter("probe.reportDir", "target/probe-reports-listener")
                    .build());
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRunWithProbeOnlyButNoProbeTestWarnsOnTheConsole() {
        assertThat(consoleOfARunWith("nightly")).contains("[probe] WARNING: probe.only='7' is set, but this run holds no "
                + "probe test: the test selection (-Dtest, tags or groups) excluded it, so no probe invocation runs.");
    }
}
