package dev.probe.junit.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Configuration keys that look like a probe setting but are none ({@code -Dprobe.notconverged=fail},
 * {@code -Dprobe.chain=5}, {@code -Dprobe.minEss=200}): JUnit ignores an unknown configuration key, so the run would
 * go on at the setting's other value without a word. Near misses — the same key in another case, at most two letters
 * off, or a setting's key with letters left out — fail every probe template ({@link #in}); other unknown
 * {@code probe.*} keys (a project's own build properties, say) are only listed ({@link #unknown}).
 *
 * <pre>{@code
 * MisspelledKeys.in(Set.of("probe.chain"));   // ["probe.chain (did you mean probe.chains?)"]
 * MisspelledKeys.in(Set.of("probe.minEss"));  // ["probe.minEss (did you mean probe.minAttainedEss?)"]
 * }</pre>
 */
final class MisspelledKeys {
    private MisspelledKeys() {}

    /** The configuration keys the extension reads. */
    static Set<String> known() {
        return Stream.concat(Setting.ALL.stream().map(Setting::key),
                Stream.of("probe.only", "probe.shard", "probe.reportDir", "probe.reportSamples", "probe.reportFolders",
                        // the engine's system properties
                        dev.probe.core.runtime.Devices.PROPERTY, dev.probe.core.autograd.RowChunking.PROPERTY,
                        dev.probe.core.model.KernelCheck.PROPERTY))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The near misses among {@code keys}, each with the key it probably meant. */
    static List<String> in(Set<String> keys) {
        Set<String> known = known();
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(keys)) {
            if (!key.startsWith("probe.") || known.contains(key)) {
                continue;
            }
            meant(key, known).ifPresent(k -> out.add(key + " (did you mean " + k + "?)"));
        }
        return out;
    }

    /** The {@code probe.*} keys among {@code keys} that are no setting and no near miss of one. */
    static List<String> unknown(Set<String> keys) {
        Set<String> known = known();
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(keys)) {
            if (key.startsWith("probe.") && !known.contains(key) && meant(key, known).isEmpty()) {
                out.add(key);
            }
        }
        return out;
    }

    private static java.util.Optional<String> meant(String key, Set<String> known) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String k : known) {
            String kLower = k.toLowerCase(Locale.ROOT);
            if (kLower.equals(lower) || distance(k, key) <= 2) {
                return java.util.Optional.of(k);
            }
        }
        for (String k : known) {
            // a setting's key with letters left out (probe.minEss for probe.minAttainedEss), its name 4 letters or more
            if (key.length() >= "probe.".length() + 4 && isSubsequence(lower, k.toLowerCase(Locale.ROOT))) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean isSubsequence(String shorter, String longer) {
        int i = 0;
        for (int j = 0; j < longer.length() && i < shorter.length(); j++) {
            if (shorter.charAt(i) == longer.charAt(j)) {
                i++;
            }
        }
        return i == shorter.length();
    }

    /**
     * The error of a run whose configuration has near misses: names each with the key it meant.
     */
    static String error(List<String> misspelled) {
        return "Configuration keys that are no probe setting: " + String.join(", ", misspelled) + ". JUnit ignores an "
                + "unknown key, so the run would go on at the setting's other value; correct the key (keys are "
                + "case-sensitive), or give a project property of your own a name that is no near miss of a probe "
                + "setting. README, \"Settings: one place\".";
    }

    /**
     * The engine's keys ({@code probe.device}, {@code probe.chunk}, {@code probe.kernelCheck}) among this run's
     * configuration keys that are not system properties: set in {@code junit-platform.properties} or the build's
     * configuration parameters, where the engine (which starts before JUnit's configuration is read) never sees them.
     * A GPU team's {@code probe.device=gpu} in the file ran on the CPU without a word.
     */
    static List<String> engineKeysOutsideSystemProperties(Set<String> keys) {
        List<String> out = new ArrayList<>();
        for (String key : List.of(dev.probe.core.runtime.Devices.PROPERTY, dev.probe.core.autograd.RowChunking.PROPERTY,
                dev.probe.core.model.KernelCheck.PROPERTY)) {
            if (keys.contains(key) && System.getProperty(key) == null) {
                out.add(key);
            }
        }
        return out;
    }

    static String misplacedError(List<String> keys) {
        return "The engine reads " + String.join(", ", keys) + " from system properties or the environment only, but "
                + "this run sets " + (keys.size() == 1 ? "it" : "them") + " in junit-platform.properties or the build's "
                + "configuration parameters, where the engine never sees " + (keys.size() == 1 ? "it" : "them")
                + " (it starts before JUnit's configuration is read), so the run would go on at the built-in value. "
                + "Set " + (keys.size() == 1 ? "it" : "them") + " as -D on the command line, in Surefire's "
                + "<systemPropertyVariables>, or as the environment variable (PROBE_DEVICE, PROBE_CHUNK, "
                + "PROBE_KERNEL_CHECK). README, \"Settings: one place\".";
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
