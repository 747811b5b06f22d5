package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A near miss of a setting's key is named with the key it meant; other keys pass unremarked. */
class MisspelledKeysTest {

    @Test
    void nearMissesAreNamedWithTheKeyTheyMeant() {
        // a client's -Dprobe.notconverged=fail left not-converged probes skipped, without a word
        assertThat(MisspelledKeys.in(Set.of("probe.notconverged", "probe.chain", "probe.chains", "probe.skipLibraryTests",
                "probe.groups", "user.dir", "probe.only")))
                .containsExactly("probe.chain (did you mean probe.chains?)",
                        "probe.notconverged (did you mean probe.notConverged?)");
    }
}
