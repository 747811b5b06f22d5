package dev.probe.core.probe;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.query.Query;
import dev.probe.core.result.PriorMass;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Provenance;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.sampler.Trace;
import dev.probe.core.space.SampleSpace;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link ProbeResult} from draws: push forward, evaluate every model, measure distances. */
final class ResultBuilder {
    private ResultBuilder() {}

    static ProbeResult build(SampleSpace space, Query query, Trace trace) {
        double[][] perChain = trace.energies();
        double[] energies = new double[trace.chains() * trace.draws()];
        int i = 0;
        for (double[] chain : perChain) {
            for (double u : chain) {
                energies[i++] = u;
            }
        }
        return build(space, query, trace.pooledSamples(), trace.chains(), energies, trace.kernel(), trace.config(),
                trace.diagnostics(), null);
    }

    /**
     * @param latents draws {@code [chains·draws][d]}, chain after chain (for populations: population after population)
     * @param chains number of chains (populations)
     * @param priorMass the relaxed level set's prior mass, or {@code null} (chains do not estimate it)
     */
    static ProbeResult build(SampleSpace space, Query query, double[][] latents, int chains, double[] energies,
            String kernel, SamplerConfig config, Diagnostics diagnostics, PriorMass priorMass) {
        double[][] inputs = space.toInputs(latents);
        List<ModelUnderTest> models = query.models();
        List<String> names = new ArrayList<>();
        double[][][] outputs = new double[models.size()][][];
        for (int m = 0; m < models.size(); m++) {
            names.add(uniqueName(names, models.get(m).name()));
            outputs[m] = models.get(m).outputs(inputs);
        }
        double[] distances = new double[latents.length];
        for (int i = 0; i < latents.length; i++) {
            double[][] row = new double[models.size()][];
            for (int m = 0; m < models.size(); m++) {
                row[m] = outputs[m][i];
            }
            distances[i] = distance(query, row);
        }
        Provenance provenance = new Provenance(query.describe(), space.describe(), kernel, config, diagnostics);
        return new ProbeResult(provenance, chains, latents, inputs, names, outputs, energies, distances, priorMass,
                query.largestTargetDistance(), query::attainedWhen);
    }

    /**
     * {@code query.targetDistance(row)} to 12 decimals, and never below 0. A forest's vote share of 9 in 10, summed in
     * doubles, is 0.8999999999999999: its distance 0.10000000000000009 missed the default tolerance 0.1 that the share
     * meets, and the message read "closest 0.100". Rounding at 10⁻¹² is far above double rounding noise and far below
     * float32 outputs' resolution (about 10⁻⁷), so it decides only such ties; sums that reach 1.0000000000000002 no
     * longer give a distance of −2·10⁻¹⁶.
     */
    static double distance(Query query, double[][] row) {
        double d = query.targetDistance(row);
        if (Double.isNaN(d)) {
            // the models' outputs are checked finite before this: a NaN distance is the query's own; counted as "not
            // attained" it made a custom query's attainment 0.51 where it was 0.95, and a test on it passed
            throw new IllegalStateException("The query " + query.describe() + " returned a target distance of NaN for the "
                    + "outputs " + java.util.Arrays.deepToString(row) + ". A target distance is a number ≥ 0 for every "
                    + "output (0: attained; infinity: never): fix its targetDistance (a square root or log of a "
                    + "negative number, 0/0), since a NaN would silently count as a sample that missed the target.");
        }
        if (d < -1e-6) {
            // float32 probabilities may exceed 1 by 10⁻⁷; anything further below 0 is the query's own arithmetic, and
            // every such sample counted as attained (a researcher's custom query read attainment 1.0)
            throw new IllegalStateException("The query " + query.describe() + " returned a target distance of " + d
                    + " for the outputs " + java.util.Arrays.deepToString(row) + ". A target distance is a number ≥ 0 "
                    + "(0: attained): fix its targetDistance (e.g. an absolute value or max(0, ...)), since a negative "
                    + "one would silently count as a sample that attained the target.");
        }
        if (!(Math.abs(d) < 1)) {
            return d < 0 ? 0 : d; // far from any tolerance tie (or infinite)
        }
        return Math.max(0, Math.rint(d * 1e12) / 1e12);
    }

    private static String uniqueName(List<String> taken, String name) {
        String candidate = name;
        for (int k = 2; taken.contains(candidate); k++) {
            candidate = name + "#" + k;
        }
        return candidate;
    }
}
