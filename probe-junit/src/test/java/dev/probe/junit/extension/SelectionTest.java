package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {

    /**
     * One-invocation templates of one class spread over the shards: a new user's four (ambiguous, risky, overConfident
     * and a latent pair) all ran on shard 1 of 2, since the unmixed hash's low bit was the same for 12 of 14 such names.
     */
    @Test
    void oneInvocationTemplatesOfOneClassSpreadOverTheShards() {
        List<String> methods = List.of("ambiguous", "risky", "overConfident", "latentPair", "confident", "confidentChains",
                "ambivalent", "highConfidence", "adversarial", "contrast", "counterfactuals", "novel", "interp", "shirt");
        for (int shards : new int[] {2, 3}) {
            int[] count = new int[shards + 1];
            for (String m : methods) {
                count[Selection.shardOf("BoxProbesTest#" + m, 0, shards)]++;
            }
            // 14 names over n shards: each shard gets at least a third of its fair share (binomially, 14/n ± 2 sd)
            for (int i = 1; i <= shards; i++) {
                assertThat(count[i]).as("templates on shard %d of %d", i, shards).isGreaterThanOrEqualTo(14 / shards / 3 + 1);
            }
        }
    }

    /** Within a template, the invocations are still dealt round-robin: n consecutive ones cover the n shards. */
    @Test
    void aTemplatesInvocationsAreDealtRoundRobin() {
        for (int shards = 1; shards <= 5; shards++) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int k = 0; k < shards; k++) {
                seen.add(Selection.shardOf("MnistLevelSetsTest#ambivalence", k, shards));
            }
            assertThat(seen).hasSize(shards);
        }
    }
}
