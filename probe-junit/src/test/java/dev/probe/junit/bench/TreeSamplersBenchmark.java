package dev.probe.junit.bench;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.model.BlackBoxFunction;
import dev.probe.core.model.Classifier;
import dev.probe.core.space.InputSpace;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.SamplerKind;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;

/**
 * Which sampler converges on a tree ensemble: a random 20-tree forest of depth-2 axis-aligned trees over the unit
 * 4-cube (probability of class 1 = the share of trees voting 1), asked for high confidence in class 1 (tolerance
 * 0.45, σ = 0.05), by the built-in sampling (AUTO: populations moved by Metropolis–Hastings), Metropolis–Hastings
 * chains and smoothed-gradient MALA chains (three widths), 8 chains × (500 + 500) and 10 times that. A benchmark, not a
 * test: its name is outside Surefire's default includes; it prints a table (README, "Samplers").
 *
 * <pre>
 * DJL_OFFLINE=true OPT_OUT_TRACKING=true ./mvnw -B -pl probe-junit -am test -Dtest=TreeSamplersBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@ProbeSettings(chains = 8, warmup = 500, draws = 500, seed = "11", maxRhat = 100, minAttainedEss = 1)
class TreeSamplersBenchmark {
    private static final int D = 4;
    private static final int TREES = 20;
    private static final Map<String, String> ROWS = new TreeMap<>();

    /** The forest: each tree splits on a random feature at a threshold in [0.2, 0.8], then once more on each side. */
    @ProbedModel static final Classifier FOREST = forest(new Random(5));
    @Generator static final SampleSpace BOX = InputSpace.box(new double[D], new double[] {1, 1, 1, 1});

    private static Classifier forest(Random r) {
        int[][] feature = new int[TREES][3];
        double[][] threshold = new double[TREES][3];
        int[][] leaf = new int[TREES][4];
        for (int t = 0; t < TREES; t++) {
            for (int k = 0; k < 3; k++) {
                feature[t][k] = r.nextInt(D);
                threshold[t][k] = 0.2 + 0.6 * r.nextDouble();
            }
            for (int k = 0; k < 4; k++) {
                leaf[t][k] = r.nextDouble() < 0.4 ? 1 : 0;
            }
        }
        return Classifier.fromProbabilities(BlackBoxFunction.of("forest20", D, 2, rows -> {
            double[][] out = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                double votes = 0;
                for (int t = 0; t < TREES; t++) {
                    double[] x = rows[i];
                    int a = x[feature[t][0]] > threshold[t][0] ? 1 : 0;
                    int b = x[feature[t][1 + a]] > threshold[t][1 + a] ? 1 : 0;
                    votes += leaf[t][2 * a + b];
                }
                double p = 0.01 + 0.98 * votes / TREES;
                out[i] = new double[] {1 - p, p};
            }
            return out;
        }));
    }

    @ProbeHighConfidence(classes = 1, tolerance = 0.45)
    void auto(ProbeAnswer a) {
        record("1 AUTO (populations, MH moves)", a);
    }

    @ProbeHighConfidence(classes = 1, tolerance = 0.45)
    @ProbeSettings(sampler = SamplerKind.MH)
    void mh(ProbeAnswer a) {
        record("2 MH chains", a);
    }

    @ProbeHighConfidence(classes = 1, tolerance = 0.45)
    @ProbeSettings(sampler = SamplerKind.MH, warmup = 5000, draws = 5000)
    void mhLong(ProbeAnswer a) {
        record("3 MH chains, 10x", a);
    }

    @ProbeHighConfidence(classes = 1, tolerance = 0.45)
    @ProbeSettings(sampler = SamplerKind.SMOOTHED_MALA)
    void smoothed(ProbeAnswer a) {
        record("4 SMOOTHED_MALA (s 0.1)", a);
    }

    @ProbeHighConfidence(classes = 1, tolerance = 0.45)
    @ProbeSettings(sampler = SamplerKind.SMOOTHED_MALA, smoothing = 0.05)
    void smoothedNarrow(ProbeAnswer a) {
        record("5 SMOOTHED_MALA (s 0.05)", a);
    }

    @ProbeHighConfidence(classes = 1, tolerance = 0.45)
    @ProbeSettings(sampler = SamplerKind.SMOOTHED_MALA, smoothing = 0.3)
    void smoothedWide(ProbeAnswer a) {
        record("6 SMOOTHED_MALA (s 0.3)", a);
    }

    @ProbeHighConfidence(classes = 1, tolerance = 0.45)
    @ProbeSettings(sampler = SamplerKind.SMOOTHED_MALA, warmup = 5000, draws = 5000)
    void smoothedLong(ProbeAnswer a) {
        record("7 SMOOTHED_MALA (s 0.1), 10x", a);
    }

    private static void record(String name, ProbeAnswer a) {
        Diagnostics d = a.result().diagnostics();
        ROWS.put(name, String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.1f | %.3f | %.1f |", name.substring(2),
                a.attainment().estimate(), d.maxRhat(), d.minEss(),
                Arrays.stream(d.acceptanceRate()).average().orElse(Double.NaN), d.wallSeconds()));
    }

    @AfterAll
    static void table() {
        System.out.println("| sampler | attainment | max R-hat | min bulk ESS | acceptance | wall s |");
        System.out.println("|---|---|---|---|---|---|");
        ROWS.values().forEach(System.out::println);
    }
}
