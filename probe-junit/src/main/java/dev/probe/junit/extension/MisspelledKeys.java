package dev.probe.junit.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * System properties that look like a probe setting but are none ({@code -Dprobe.notconverged=fail},
 * {@code -Dprobe.chain=5}): JUnit ignores an unknown configuration key, so the run would go on at the setting's
 * other value without a word. Only near misses are named (the same key in another case, or at most two letters
 * off), so a project's own {@code probe.*} build properties pass unremarked.
 *
 * <pre>{@code
 * MisspelledKeys.in(Set.of("probe.chain")); // ["probe.chain (did you mean probe.chains?)"]
 * }</pre>
 */
final class MisspelledKeys {
    private MisspelledKeys() {}

    /** The configuration keys the extension reads. */
    static Set<String> known() {
        return Stream.concat(Setting.ALL.stream().map(Setting::key),
                Stream.of("probe.only", "probe.shard", "probe.reportDir", "probe.reportSamples"))
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
            for (String k : known) {
                if (k.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT)) || distance(k, key) <= 2) {
                    out.add(key + " (did you mean " + k + "?)");
                    break;
                }
            }
        }
        return out;
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
