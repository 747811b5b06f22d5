package dev.probe.junit.extension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Which invocations run: those whose key {@code probe.only} names (comma-separated), and of those the
 * part {@code probe.shard = i/n} assigns to shard {@code i} of {@code n}. Shards are deterministic and
 * balanced: within every template the invocations are dealt round-robin, starting at a shard derived
 * from the template's name, so n CI jobs with {@code i = 1..n} run every invocation exactly once.
 * Keys of {@code probe.only} that match no invocation of the run fail it, so a re-run command cannot pass
 * with zero tests: as the failure of the last probe template the launcher's plan holds, or (plan unknown) when
 * the run ends.
 *
 * <pre>{@code
 * mvn test -Dprobe.shard=2/4
 * }</pre>
 */
final class Selection {
    private final Set<String> only;
    private final int shard;
    private final int shards;

    private Selection(Set<String> only, int shard, int shards) {
        this.only = only;
        this.shard = shard;
        this.shards = shards;
    }

    static Selection of(ExtensionContext context) {
        Set<String> only = context.getConfigurationParameter("probe.only").filter(s -> !s.isBlank())
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(k -> !k.isEmpty())
                        .collect(Collectors.toCollection(LinkedHashSet::new)))
                .orElse(new LinkedHashSet<>());
        if (only.isEmpty() && context.getConfigurationParameter("probe.only").filter(s -> !s.isBlank()).isPresent()) {
            // "," names no key, and a list of no keys ran every invocation (a new user's -Dprobe.only=,)
            // a slip on the command line, as an unmatched key is: earlier reports and rows stay
            throw new ProbeExtension.UnmatchedKeys("probe.only = '" + context.getConfigurationParameter("probe.only").get()
                    + "' names no key: give the keys of the invocations to run, comma-separated (e.g. probe.only=7 or "
                    + "probe.only=1:7,4:9), or leave it unset to run them all.");
        }
        String shard = context.getConfigurationParameter("probe.shard").map(String::trim).filter(s -> !s.isEmpty()).orElse("1/1");
        String[] parts = shard.split("/");
        try {
            int i = Integer.parseInt(parts[0].trim());
            int n = Integer.parseInt(parts[1].trim());
            if (parts.length == 2 && n >= 1 && i >= 1 && i <= n) {
                return new Selection(only, i, n);
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // fall through
        }
        throw new IllegalArgumentException("Probe setting 'shard' = \"" + shard + "\" (from "
                + ConfigurationSource.of("probe.shard", shard) + " probe.shard) is "
                + "invalid: expected i/n with 1 <= i <= n, e.g. 2/4 for the second of four shards.");
    }

    /** Whether some invocations may be left out. */
    boolean isPartial() {
        return !only.isEmpty() || shards > 1;
    }

    /**
     * Whether this run's summary should hold the selected invocations only: one shard of several, with every
     * invocation of the shard selected (no {@code probe.only}). A shard's invocations are fixed by the templates, so
     * rows of the other shards' invocations in its report directory are left by an earlier run (a cached or reused
     * workspace), and {@link SummaryMerge} would let them replace the other shards' fresh rows.
     */
    boolean ownsItsRows() {
        return shards > 1 && only.isEmpty();
    }

    /** Whether this run is one shard of several. */
    boolean isSharded() {
        return shards > 1;
    }

    /** This run's shard, 1-based (1 when unsharded). */
    int shard() {
        return shard;
    }

    /** The number of shards (1 when unsharded). */
    int shards() {
        return shards;
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        if (!only.isEmpty()) {
            parts.add("probe.only=" + String.join(",", only));
        }
        if (shards > 1) {
            parts.add("probe.shard=" + shard + "/" + shards);
        }
        return String.join(" ", parts);
    }

    /**
     * Shard (1-based) of the {@code index}-th invocation of {@code template}. The template's hash is mixed before it is
     * reduced: FNV-1a's low bits depend only on the characters' low bits, so templates of one class (a shared prefix)
     * mostly started on one shard, and a new user's four one-invocation templates all ran on shard 1 of 2.
     */
    static int shardOf(String template, int index, int shards) {
        return (int) Math.floorMod(mixed(SettingsChain.stableHash(template)) + index, (long) shards) + 1;
    }

    /** SplitMix64's finaliser: every bit of the result depends on every bit of {@code h}. */
    private static long mixed(long h) {
        long z = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    List<ProbeSpec> select(String template, List<ProbeSpec> all, ExtensionContext context) {
        return select(template, all, ProbeSpec::key, context);
    }

    /** The selected invocations of any kind, by their keys. */
    <T> List<T> select(String template, List<T> all, java.util.function.Function<T, String> keyOf, ExtensionContext context) {
        List<T> out = new ArrayList<>();
        Guard guard = only.isEmpty() ? null : context.getRoot().getStore(ProbeExtension.NAMESPACE)
                .getOrComputeIfAbsent(Guard.class, k -> new Guard(only), Guard.class);
        for (int k = 0; k < all.size(); k++) {
            T spec = all.get(k);
            String key = keyOf.apply(spec);
            if (guard != null) {
                guard.seen.add(key);
            }
            if (!only.isEmpty() && !only.contains(key)) {
                continue;
            }
            if (guard != null) {
                guard.matched.add(key);
            }
            if (shardOf(template, k, shards) == shard) {
                out.add(spec);
            }
        }
        return out;
    }

    /**
     * Once the last probe template of the launcher's test plan has been selected from ({@link PlannedTemplates}):
     * the failure message for the keys of {@code probe.only} that matched no invocation, if any. Reported then, the
     * end-of-run check stays silent. Empty before that, and in runs whose plan is unknown (the end-of-run check
     * reports them).
     */
    Optional<String> unmatchedKeys(ExtensionContext context) {
        if (only.isEmpty()) {
            return Optional.empty();
        }
        Guard guard = context.getRoot().getStore(ProbeExtension.NAMESPACE).get(Guard.class, Guard.class);
        boolean last = PlannedTemplates.of(context.getUniqueId()).map(p -> p.expanded(context.getUniqueId())).orElse(false);
        return guard != null && last ? guard.report() : Optional.empty();
    }

    private static final java.util.regex.Pattern GATE_SIDE = java.util.regex.Pattern.compile("(.+)-(baseline|candidate)(-[^-]+)?");

    /** Whether {@code key} is a regression gate's side as its factory names them ({@code 2-candidate}). */
    static boolean isGateSide(String key) {
        return GATE_SIDE.matcher(key).matches();
    }

    /** The key that selects {@code key}'s invocation: a gate side's gate ({@code 2-candidate}: {@code 2}), else itself. */
    static String selectingKey(String key) {
        java.util.regex.Matcher m = GATE_SIDE.matcher(key);
        return m.matches() ? m.group(1) : key;
    }

    /**
     * A hint for keys that look like a regression gate's side as summary.csv names them ({@code 2-candidate},
     * {@code pooled-baseline-7}): probe.only selects the gate by its own key, which runs both sides.
     */
    static String gateSides(Set<String> keys) {
        List<String> hints = new ArrayList<>();
        for (String key : keys) {
            if (isGateSide(key)) {
                hints.add("'" + key + "' -> '" + selectingKey(key) + "'");
            }
        }
        return hints.isEmpty() ? "" : " A regression gate's summary rows name its sides (<key>-baseline, <key>-candidate), "
                + "but probe.only takes the gate's own key, which runs both: " + String.join(", ", hints) + ".";
    }

    /**
     * A hint for pair keys given the other way round ({@code 1:0} where the annotation declares {@code 0:1}): a pair has
     * no order, but its key is written as declared (a new user's {@code -Dprobe.only='1:0'} matched nothing).
     */
    static String reversedPairs(Set<String> missing, Set<String> seen) {
        List<String> hints = new ArrayList<>();
        for (String key : missing) {
            String[] parts = key.split(":");
            if (parts.length == 2 && seen.contains(parts[1] + ":" + parts[0])) {
                hints.add("'" + key + "' -> '" + parts[1] + ":" + parts[0] + "'");
            }
        }
        return hints.isEmpty() ? "" : " A pair's key is written as its annotation declares it: " + String.join(", ", hints)
                + ".";
    }

    /** Most keys {@link #keysThatRan} lists before it counts the rest. */
    static final int LISTED_KEYS = 24;

    /**
     * The keys of the templates that ran, in order, so a mistyped key can be corrected from the message itself (a new
     * user's unmatched key was told to "check the key" with nothing to check it against).
     */
    static String keysThatRan(Set<String> seen) {
        if (seen.isEmpty()) {
            return " No probe template ran in this selection.";
        }
        List<String> keys = new ArrayList<>(new java.util.TreeSet<>(seen));
        String shown = String.join(", ", keys.subList(0, Math.min(LISTED_KEYS, keys.size())));
        return " The probe templates that ran have the keys: " + shown
                + (keys.size() > LISTED_KEYS ? ", … and " + (keys.size() - LISTED_KEYS) + " more" : "") + ".";
    }

    /** Fails the run at its end if a key of {@code probe.only} matched no invocation and no template reported it. */
    private static final class Guard implements AutoCloseable {
        private final Set<String> keys;
        private final Set<String> matched = ConcurrentHashMap.newKeySet();
        /** Every key of the templates that ran, selected or not. */
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private volatile boolean reported;

        Guard(Set<String> keys) {
            this.keys = keys;
        }

        /** The failure message of the unmatched keys, if any; they count as reported. */
        Optional<String> report() {
            Set<String> missing = new LinkedHashSet<>(keys);
            missing.removeAll(matched);
            if (missing.isEmpty()) {
                return Optional.empty();
            }
            reported = true;
            return Optional.of("probe.only names " + missing + ", which matched no invocation of the probe templates that "
                    + "ran. Check the key (the failure message prints it) and that the test selection (-Dtest, tags) "
                    + "includes its test method, and that the method is not @Disabled or switched off by a condition "
                    + "(@EnabledOnOs and the like)."
                    + gateSides(missing) + reversedPairs(missing, seen) + keysThatRan(seen));
        }

        @Override
        public void close() {
            if (!reported) {
                report().ifPresent(m -> {
                    throw new IllegalArgumentException(m);
                });
            }
        }
    }
}
