package dev.probe.core.runtime;

/**
 * Refuses, before it starts, a run whose arrays alone would not fit in this JVM's maximum heap. An
 * {@link OutOfMemoryError} ends the whole test JVM (a Surefire fork dies, every later test's result with it); this
 * refusal ends only the run that asked too much, naming the setting to lower. The bytes given are a lower bound of
 * what the run holds at once, so a run refused here could never have finished; one that passes may still need more.
 *
 * <pre>{@code
 * HeapBudget.require(4L * 300_000_000 * 5, "a pool of 300,000,000 draws in 5 dimensions",
 *         "give a pool " + HeapBudget.wellBelow(4L * 5, "draws"));
 * }</pre>
 */
public final class HeapBudget {
    private HeapBudget() {}

    /**
     * @param bytes a lower bound of the heap the run's arrays need at once
     * @param what the run, as the message names it ("4 populations of 300,000,000 particles")
     * @param fix what to lower, in the user's setting names
     * @throws IllegalArgumentException if {@code bytes} exceed {@link Runtime#maxMemory()}
     */
    public static void require(long bytes, String what, String fix) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new IllegalArgumentException(what + " needs at least " + mebibytes(bytes) + " MiB of Java heap for its "
                    + "arrays alone, more than this JVM's maximum heap (" + mebibytes(max) + " MiB): " + fix
                    + ", or give the JVM more heap (-Xmx; Surefire's argLine).");
        }
    }

    /** How many items of {@code bytesPerItem} fill the maximum heap with their arrays alone (at least 1). */
    public static long mostThatFit(long bytesPerItem) {
        return Math.max(1, Runtime.getRuntime().maxMemory() / Math.max(1, bytesPerItem));
    }

    /**
     * "well below 6100805 draws (that many fill the heap with their arrays alone; half of it leaves room for the rest)":
     * the advice for items of {@code bytesPerItem}. Not "at most": a new user who gave exactly that many ran out of heap.
     */
    public static String wellBelow(long bytesPerItem, String items) {
        long most = mostThatFit(bytesPerItem);
        return "well below " + most + " " + items + " (that many fill the heap with their arrays alone; about " + most / 2
                + " leave room for the rest)";
    }

    private static long mebibytes(long bytes) {
        return (bytes + (1L << 20) - 1) >> 20;
    }
}
