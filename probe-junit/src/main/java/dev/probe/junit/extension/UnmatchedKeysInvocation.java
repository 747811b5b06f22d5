package dev.probe.junit.extension;

import java.util.List;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/**
 * An invocation that only fails, with the message naming the keys of {@code probe.only} that matched no
 * invocation of the run: appended to the last probe template's invocations (see {@link Selection#unmatchedKeys}),
 * so the message is a test failure's headline, not the cause of a store-close error.
 */
final class UnmatchedKeysInvocation implements TestTemplateInvocationContext {
    private final String message;

    UnmatchedKeysInvocation(String message) {
        this.message = message;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return "probe.only: keys that match no invocation";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        return List.of((BeforeTestExecutionCallback) context -> {
            throw new IllegalArgumentException(message);
        });
    }
}
