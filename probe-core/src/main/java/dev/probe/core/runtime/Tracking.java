package dev.probe.core.runtime;

import java.util.Map;
import java.util.Properties;

/**
 * Opts DJL out of its usage tracking (a call to a cloud metadata address when its engine starts) unless the JVM
 * chose already: sets the system property {@code OPT_OUT_TRACKING=true}, which DJL reads as it reads the environment
 * variable of that name, when neither is set. Probe calls it before it starts the engine itself (loading a TorchScript
 * file, making a probe, the JUnit extension's first test plan); a model built by your own code before that has
 * started the engine already, so set {@code OPT_OUT_TRACKING} (and {@code DJL_OFFLINE}) yourself as the README says.
 * It does not set DJL's offline mode, which would also stop a GPU host from downloading its CUDA libtorch.
 *
 * <pre>{@code
 * Tracking.optOut();   // first thing in a main method that builds DJL models itself
 * }</pre>
 */
public final class Tracking {
    /** DJL's switch, as an environment variable or a system property. */
    public static final String OPT_OUT = "OPT_OUT_TRACKING";

    private Tracking() {}

    /** Sets {@code OPT_OUT_TRACKING=true} as a system property unless it, or the environment variable, is set. */
    public static void optOut() {
        if (isUnset(System.getenv(), System.getProperties())) {
            System.setProperty(OPT_OUT, "true");
        }
    }

    /** Whether neither the environment nor the properties say anything about tracking (an explicit "false" stays). */
    static boolean isUnset(Map<String, String> environment, Properties properties) {
        return environment.get(OPT_OUT) == null && properties.getProperty(OPT_OUT) == null;
    }
}
