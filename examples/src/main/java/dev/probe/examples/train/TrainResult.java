package dev.probe.examples.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one training run produced: the model id and named metrics (test accuracy, training time,
 * split sizes, settings), written to {@code models/metrics.properties} as {@code <id>.<metric>}.
 *
 * <pre>{@code
 * TrainResult r = new TrainResult("mnist-cnn").put("testAccuracy", 0.987).put("trainSeconds", 95.2);
 * }</pre>
 */
public final class TrainResult {
    private final String id;
    private final Map<String, String> metrics = new LinkedHashMap<>();

    /** @param id the model id */
    public TrainResult(String id) {
        this.id = id;
    }

    /** @return the model id */
    public String id() {
        return id;
    }

    /**
     * @param key metric name
     * @param value its value
     * @return this
     */
    public TrainResult put(String key, Object value) {
        metrics.put(key, value instanceof Double ? String.format(java.util.Locale.ROOT, "%.4f", (Double) value)
                : String.valueOf(value));
        return this;
    }

    /** @return the metrics in insertion order */
    public Map<String, String> metrics() {
        return metrics;
    }

    /**
     * @param key metric name
     * @return its value or {@code ""}
     */
    public String get(String key) {
        return metrics.getOrDefault(key, "");
    }

    @Override
    public String toString() {
        return id + " " + metrics;
    }
}
