package dev.probe.core.probe;

import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.space.SampleSpace;
import java.util.List;
import java.util.Locale;

/**
 * Refuses a question that is NaN at an exact prior draw (package plumbing). Sampling treats a non-finite energy as
 * "outside the target" and rejects it; that is right for {@code +∞} (a region the question or the space excludes),
 * but a NaN where the prior puts mass means a model that is undefined on part of the realistic inputs, and sampling
 * around it would silently answer for the rest of the space only (samples and prior mass of a truncated target).
 * The prior pool, screened chain starts and the populations' starting draws are exact prior draws, so they are
 * where such a region is found: the first draw whose energy is NaN is re-evaluated model by model on the checked
 * Java path, so the error names the model, the output and the input.
 */
final class PriorDrawCheck {
    private PriorDrawCheck() {}

    /**
     * Throws if {@code energies[i]} is NaN for some prior draw {@code coordinates[i]} of {@code space}.
     *
     * @param what the query or pipeline, for the message
     */
    static void noNaN(SampleSpace space, List<? extends ModelUnderTest> models, String what, double[][] coordinates,
            double[] energies) {
        noNaN(space, models, what, coordinates, energies, "prior draws");
    }

    /**
     * Throws if {@code energies[i]} is NaN for some {@code coordinates[i]}, naming them as {@code kind} (e.g. "prior
     * draws", or points a sampler reached: {@link ReachedNaNCheck}).
     */
    static void noNaN(SampleSpace space, List<? extends ModelUnderTest> models, String what, double[][] coordinates,
            double[] energies, String kind) {
        int first = -1;
        int count = 0;
        for (int i = 0; i < energies.length; i++) {
            if (!(energies[i] > Double.NEGATIVE_INFINITY)) { // NaN, or −∞: infinite density, no distribution either
                count++;
                first = first < 0 ? i : first;
            }
        }
        if (first < 0) {
            return;
        }
        String where = count + " of " + energies.length + " " + kind + " of " + space.describe() + " (first: coordinates "
                + values(coordinates[first]) + ")";
        double[][] input = space.toInputs(new double[][] {coordinates[first]});
        for (double v : input[0]) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException("The space's input is " + v + " at " + where + ": " + space.describe()
                        + " must map every point of the space to finite inputs. Check the generator's weights, or bound the space.");
            }
        }
        for (ModelUnderTest m : models) {
            try {
                m.outputs(input); // the checked path: names the model, output and input of a non-finite output
            } catch (IllegalStateException e) {
                if (closed(e)) {
                    throw e; // closed everywhere, not at this draw (a new user's closed model read "At a prior draw …")
                }
                throw new IllegalStateException("At " + where + ": " + e.getMessage() + undefinedThere(e), e);
            }
        }
        boolean nan = Double.isNaN(energies[first]);
        throw new IllegalStateException("The energy of " + what + " is " + (nan ? "NaN" : "−∞") + " at " + where
                + ", although the models' outputs there are finite" + (nan ? "" : ": e^{−G} is infinite there, so there is "
                + "no distribution to sample (it was rejected as if excluded, as +∞ is)") + ". An energy must be finite, or "
                + "+∞ where the question excludes inputs: check the query.");
    }

    /**
     * {@code [0.1200, −1.500, 3.000]}: every value of a row of up to {@value #SHOWN_WHOLE} (a tabular row, whose hidden
     * values may be the cause), else the first four and how many more.
     */
    static String values(double[] x) {
        int shown = x.length <= SHOWN_WHOLE ? x.length : 4;
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < shown; k++) {
            b.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", x[k]));
        }
        if (x.length > shown) {
            b.append(", ... (").append(x.length - shown).append(" more)");
        }
        return b.append(']').toString();
    }

    /** Rows of at most this many values are shown whole in messages. */
    static final int SHOWN_WHOLE = 12;

    /** A model closed while Probe uses it: its message names the model and the fix, with no point to name. */
    static boolean closed(IllegalStateException e) {
        return e.getMessage() != null && e.getMessage().contains("was closed while Probe still uses it");
    }

    /**
     * Why Probe stops, for a model whose outputs are not finite at a point: it refuses to sample around where the model
     * is undefined. Empty for other errors (a model declared wrongly is wrong everywhere, not undefined in a region).
     */
    static String undefinedThere(IllegalStateException e) {
        String m = String.valueOf(e.getMessage());
        return m.matches("(?s).* returned (NaN|Infinity|-Infinity) at output .*")
                ? " Probe refuses to sample around a region where the model is undefined: the answer would hold for the "
                        + "rest of the space only."
                : "";
    }
}
