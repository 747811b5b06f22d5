package dev.probe.examples.train;

import dev.probe.examples.models.BundledModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rewrites the generated metrics table of {@code MODEL_CARD.md}, between the lines
 * {@code <!-- metrics:begin -->} and {@code <!-- metrics:end -->}.
 *
 * <pre>{@code
 * ModelCardTable.update(Path.of("examples/MODEL_CARD.md"), metrics);
 * }</pre>
 */
public final class ModelCardTable {
    private static final String BEGIN = "<!-- metrics:begin -->";
    private static final String END = "<!-- metrics:end -->";

    private ModelCardTable() {}

    /**
     * @param card the model card
     * @param metrics metrics per model id
     * @throws IOException if the card cannot be read or written
     */
    public static void update(Path card, Map<String, Map<String, String>> metrics) throws IOException {
        if (!Files.exists(card)) {
            System.out.println("no model card at " + card + "; table:\n" + table(metrics));
            return;
        }
        String text = Files.readString(card, StandardCharsets.UTF_8);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) {
            throw new IOException("markers " + BEGIN + " / " + END + " missing in " + card);
        }
        String updated = text.substring(0, b + BEGIN.length()) + "\n" + table(metrics) + text.substring(e);
        Files.writeString(card, updated, StandardCharsets.UTF_8);
    }

    /**
     * @param metrics metrics per model id
     * @return the markdown table
     */
    public static String table(Map<String, Map<String, String>> metrics) {
        StringBuilder sb = new StringBuilder();
        sb.append("| model | kind | classes | train / test rows | epochs (steps) | batch | lr | "
                + "test accuracy | source test acc. | test -ELBO | CNN acc. on reconstructions "
                + "| prior samples CNN-confident (p>0.9) | prior mid-tone fraction | train time (s) |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (BundledModel spec : BundledModel.values()) {
            Map<String, String> m = metrics.get(spec.id());
            if (m == null) {
                continue;
            }
            String classes = Arrays.stream(spec.classes()).mapToObj(String::valueOf).collect(Collectors.joining(","));
            String epochs = m.containsKey("epochs") ? m.get("epochs") : m.containsKey("steps") ? "(" + m.get("steps") + ")"
                    : m.containsKey("trees") ? m.get("trees") + " trees" : "depth " + m.getOrDefault("maxDepth", "");
            sb.append("| `").append(spec.id()).append("` | ").append(spec.kind().name().toLowerCase()).append(" | ")
                    .append(classes).append(" | ").append(m.getOrDefault("trainSize", "")).append(" / ")
                    .append(m.getOrDefault("testSize", "")).append(" | ").append(epochs).append(" | ")
                    .append(m.getOrDefault("batchSize", spec.kind() == BundledModel.Kind.TABULAR_CLASSIFIER ? "full" : ""))
                    .append(" | ").append(m.getOrDefault("learningRate", "")).append(" | ")
                    .append(pct(m.get("testAccuracy"))).append(" | ").append(pct(m.get("sourceTestAccuracy"))).append(" | ")
                    .append(m.getOrDefault("testNegElbo", ""))
                    .append(" | ").append(pct(m.get("reconstructionAccuracy"))).append(" | ")
                    .append(pct(m.get("priorConfidentFraction"))).append(" | ")
                    .append(m.containsKey("priorMidtoneFraction") ? m.get("priorMidtoneFraction") : "").append(" | ")
                    .append(round(m.get("trainSeconds"))).append(" |\n");
        }
        return sb.toString();
    }

    private static String pct(String v) {
        return v == null ? "" : String.format(java.util.Locale.ROOT, "%.2f%%", 100 * Double.parseDouble(v));
    }

    private static String round(String v) {
        return v == null ? "" : String.format(java.util.Locale.ROOT, "%.1f", Double.parseDouble(v));
    }
}
