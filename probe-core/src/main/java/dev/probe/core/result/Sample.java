package dev.probe.core.result;

/**
 * One kept sample of a {@link ProbeResult}, as handed to predicates (arrays are the result's own copies).
 *
 * <pre>{@code
 * Rate flipped = result.rate(s -> s.outputs()[0][1] > 0.5);
 * }</pre>
 *
 * @param index position in the pooled samples (chain after chain)
 * @param latent sampled coordinates
 * @param input model input
 * @param outputs output row of every model of the query
 * @param targetDistance distance from the query's target (0 = attained)
 */
public record Sample(int index, double[] latent, double[] input, double[][] outputs, double targetDistance) {

    /** Index of the largest output of model {@code m} (the predicted class of a classifier). */
    public int predicted(int m) {
        if (m < 0 || m >= outputs.length) {
            throw new IndexOutOfBoundsException("Model " + m + " does not exist: this sample holds the outputs of "
                    + outputs.length + " model" + (outputs.length == 1 ? " (index 0)" : "s, indices 0 to "
                    + (outputs.length - 1)) + ", in the order of the query's models().");
        }
        double[] row = outputs[m];
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The values, not the arrays' identities; inputs longer than 16 values by their length. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (double[] row : outputs) {
            out.append(out.length() == 0 ? "" : ", ").append(values(row));
        }
        return String.format(java.util.Locale.ROOT, "Sample[index=%d, latent=%s, input=%s, outputs=[%s], targetDistance=%.4g]",
                index, values(latent), input.length > 16 ? "(" + input.length + " values)" : values(input), out,
                targetDistance);
    }

    private static String values(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < v.length; k++) {
            b.append(k == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4g", v[k]));
        }
        return b.append(']').toString();
    }
}
