package dev.probe.junit.annotations;

import dev.probe.core.model.Classifier;
import dev.probe.core.probe.Probe;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.result.Better;
import dev.probe.core.result.Comparison;
import dev.probe.core.result.Measure;
import dev.probe.core.result.Oracle;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Rate;
import dev.probe.core.result.Sample;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.extension.GateFactory;
import dev.probe.junit.extension.GateSpec;
import dev.probe.junit.extension.ProbeConfiguration;
import dev.probe.junit.extension.ProbeContext;
import dev.probe.junit.extension.ProbeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** One regression gate per class (or one pooled): both models' high-confidence probes and their comparison. */
final class RegressionGateFactory implements GateFactory<ProbeRegressionGate> {
    @Override
    public List<GateSpec> gates(ProbeRegressionGate a, ProbeContext context) {
        Classifier baseline = context.classifier(a.baseline());
        Classifier candidate = context.classifier(a.candidate());
        if (a.baseline().equals(a.candidate())) {
            throw new IllegalArgumentException("@ProbeRegressionGate compares two models, but baseline and candidate are "
                    + "both \"" + a.baseline() + "\": name two different @ProbedModel members.");
        }
        if (baseline.name().equals(candidate.name())) {
            throw new IllegalArgumentException("@ProbeRegressionGate compares two models, but baseline \"" + a.baseline()
                    + "\" and candidate \"" + a.candidate() + "\" are both named '" + baseline.name() + "' (results and "
                    + "reports name models by their own name, ModelUnderTest.name(): a TorchScript file's name without "
                    + ".pt, or the name given to DjlBlockFunction.of or BlackBoxFunction.of). Give the versions distinct "
                    + "names, e.g. TorchScriptFunction.load(path, shape, \"v2\") or DjlBlockFunction.of(\"v2\", model, "
                    + "block, shape).");
        }
        if (baseline.classes() != candidate.classes()) {
            throw new IllegalArgumentException("@ProbeRegressionGate: baseline '" + baseline.name() + "' has "
                    + baseline.classes() + " classes and candidate '" + candidate.name() + "' has " + candidate.classes()
                    + "; two versions of one model have the same classes.");
        }
        if (baseline.inputDimension() != candidate.inputDimension()) {
            // the space's own shape check named only "the query's models", not which side of the gate differs
            throw new IllegalArgumentException("@ProbeRegressionGate: baseline '" + baseline.name() + "' takes "
                    + baseline.inputDimension() + " input values and candidate '" + candidate.name() + "' takes "
                    + candidate.inputDimension() + "; two versions of one model read the same inputs (check the "
                    + "candidate's declared input shape, or that it is the version of this model).");
        }
        if (!(a.margin() >= 0 && a.margin() < 1)) {
            throw new IllegalArgumentException("@ProbeRegressionGate margin must lie in [0, 1), got " + a.margin() + (a.margin()
                    >= 1 ? ": every statistic of a gate is a rate or a prior mass, so a candidate can never be worse by 1 or "
                    + "more and the gate could not fail." : ": it is how much worse the candidate may be, in the "
                    + "statistic's units (0 = not worse at all; e.g. 0.02 for two points of a rate)."));
        }
        java.util.Optional<Oracle> declared = context.oracle();
        if (declared.isEmpty() && a.statistic() != GateStatistic.DECISION_CHANGE) {
            throw new IllegalArgumentException("@ProbeRegressionGate needs the true labels of generated inputs for statistic "
                    + "= " + a.statistic() + ": declare a static @ProbeOracle member in "
                    + context.testClass().getSimpleName() + ", or use statistic = DECISION_CHANGE (how often the candidate's "
                    + "top class differs from the baseline's, which needs no oracle).");
        }
        SampleSpace space = context.space(a.generator());
        int[] classes = context.classesOrAll(a.classes(), baseline, "Regression-gate");
        List<int[]> groups = new ArrayList<>();
        if (a.pooled()) {
            groups.add(classes);
        } else {
            Arrays.stream(classes).forEach(c -> groups.add(new int[] {c}));
        }
        List<GateSpec> gates = new ArrayList<>();
        for (int[] group : groups) {
            String key = a.pooled() ? "pooled" : Integer.toString(group[0]);
            // a decision change judges no quality: "no worse than" in its name read as a verdict on the candidate
            String display = (a.statistic() == GateStatistic.DECISION_CHANGE ? "decisions changed from " : "no worse than ")
                    + baseline.name() + ": " + candidate.name() + ", "
                    + (a.pooled() ? "classes " + Arrays.stream(group).mapToObj(Integer::toString)
                            .collect(Collectors.joining(",")) + " pooled" : "class " + group[0]);
            String statistic = a.statistic().description() + (a.pooled() ? " (pooled over classes)" : " (class " + group[0] + ")");
            if (a.statistic() == GateStatistic.DECISION_CHANGE) {
                ProbeConfiguration c = context.configuration(key, a.tolerance());
                int perClass = 10 * c.chains() * c.scaledDraws();
                int draws = perClass * group.length;
                // both models judge the same prior draws; the baseline changes none of its own decisions
                gates.add(new GateSpec(display, key, List.of(), List.of(), (b, x) -> {
                    java.util.Map<String, Long> changes = changedDecisions(space, baseline, candidate, group, perClass,
                            c.seed());
                    long changed = changes.values().stream().mapToLong(Long::longValue).sum();
                    return Comparison.ofPairedRates(statistic + ": top class of the baseline → the candidate's, on "
                            + changed + " of " + draws + " prior draws" + (changes.isEmpty() ? "" : " ("
                            + shownChanges(changes) + ")"), Better.LOWER, 0, 0, changed, draws, a.margin(),
                            ProbeResult.CONFIDENCE);
                }, java.util.OptionalLong.of(c.seed())));
                continue;
            }
            Oracle oracle = declared.orElseThrow();
            if (a.statistic() == GateStatistic.CONFIDENTLY_WRONG_MASS) {
                ProbeConfiguration c = context.configuration(key, a.tolerance());
                Tolerances.check("@ProbeRegressionGate", c, 1, "1 − p_c");
                // as many draws as the classes' probes would take; a pooled gate judges one set of draws for all its
                // classes, so its rate is the prior mass of inputs confidently wrong in any of them (the sum of the
                // classes' masses, which are disjoint below a tolerance of 0.5), not their average: averaged, a new
                // user's candidate wrong on 10.3% of the box read 3.53% and a margin of 0.01 allowed 3 points
                int perClass = 10 * c.chains() * c.scaledDraws();
                int draws = perClass * group.length;
                // both models judge the same prior draws: a paired comparison (Newcombe), not one of independent rates
                gates.add(new GateSpec(display, key, List.of(), List.of(), (b, x) -> {
                    int[] base = confidentlyWrong(space, baseline, group, oracle, perClass, c.tolerance(), c.seed());
                    int[] cand = confidentlyWrong(space, candidate, group, oracle, perClass, c.tolerance(), c.seed());
                    long[] table = new long[4];
                    for (int i = 0; i < draws; i++) {
                        table[(base[i] >= 0 ? 2 : 0) + (cand[i] >= 0 ? 1 : 0)]++;
                    }
                    String described = a.pooled() ? statistic + ": confident in one of the classes, labelled otherwise; "
                            + "wrong draws by class (baseline/candidate) " + byClass(group, base, cand) : statistic;
                    return Comparison.ofPairedRates(described, Better.LOWER, table[3], table[2], table[1], draws,
                            a.margin(), ProbeResult.CONFIDENCE);
                }, java.util.OptionalLong.of(c.seed())));
                continue;
            }
            List<ProbeSpec> base = specs(context, a, space, baseline, group, key, "baseline");
            List<ProbeSpec> cand = specs(context, a, space, candidate, group, key, "candidate");
            gates.add(new GateSpec(display, key, base, cand, (b, x) -> Comparison.ofMeasures(statistic, Better.LOWER,
                    rate(a.statistic(), b), rate(a.statistic(), x), a.margin(), ProbeResult.CONFIDENCE)));
        }
        return gates;
    }

    private static List<ProbeSpec> specs(ProbeContext context, ProbeRegressionGate a, SampleSpace space, Classifier model,
            int[] group, String key, String side) {
        List<ProbeSpec> specs = new ArrayList<>();
        for (int c : group) {
            String specKey = key + "-" + side + (group.length > 1 ? "-" + c : "");
            ProbeConfiguration s = context.configuration(specKey, a.tolerance());
            Tolerances.check("@ProbeRegressionGate", s, 1, "1 − p_c");
            specs.add(context.spec(side + " " + model.name() + ", high confidence: class " + c, specKey, space,
                    HighConfidence.of(model, c).withSigma(s.sigma()), model.name(), s, c));
        }
        return specs;
    }

    /**
     * The statistic of one side: one class's rate, or the classes' rates averaged with equal weights (each judged by its
     * own tolerance, model and oracle), so that both sides estimate the same number whatever draws each kept.
     */
    private static Measure rate(GateStatistic statistic, List<ProbeAnswer> answers) {
        List<Rate> rates = new ArrayList<>();
        for (ProbeAnswer a : answers) {
            ProbeResult r = a.result();
            Oracle oracle = a.oracle().orElseThrow();
            rates.add(statistic == GateStatistic.MISCLASSIFICATION
                    ? a.misclassifiedAmongAttained()
                    : r.misclassified(a.judgedModel(), oracle));
        }
        return Measure.averageOf(rates);
    }

    /**
     * For each of {@code group.length · perClass} prior draws (a part of {@code perClass} from the stream
     * {@code seed + k} for each class {@code k} of the group, as the classes' own gates draw them): the class of the
     * group the model is confident in ({@code p ≥ 1 − tolerance}; the most probable of them if several) while the
     * oracle labels the input otherwise, or −1.
     */
    private static int[] confidentlyWrong(SampleSpace space, Classifier model, int[] group, Oracle oracle, int perClass,
            double tolerance, long seed) {
        int[] wrong = new int[group.length * perClass];
        for (int part = 0; part < group.length; part++) {
            int[] w = confidentlyWrong(space, model, group, oracle, perClass, tolerance, seed + group[part], group[part]);
            System.arraycopy(w, 0, wrong, part * perClass, perClass);
        }
        return wrong;
    }

    private static int[] confidentlyWrong(SampleSpace space, Classifier model, int[] group, Oracle oracle, int draws,
            double tolerance, long seed, int label) {
        List<Sample> all = Probe.of(space, HighConfidence.of(model, label)).priorDraws(draws, seed);
        List<Integer> confident = new ArrayList<>();
        List<Integer> confidentClass = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            double[] p = all.get(i).outputs()[0];
            int best = -1;
            for (int k : group) {
                if (1 - p[k] <= tolerance && (best < 0 || p[k] > p[best])) {
                    best = k;
                }
            }
            if (best >= 0) {
                confident.add(i);
                confidentClass.add(best);
            }
        }
        int[] wrong = new int[draws];
        Arrays.fill(wrong, -1);
        if (!confident.isEmpty()) {
            int[] truth = oracle.labels(confident.stream().map(i -> all.get(i).latent()).toArray(double[][]::new),
                    confident.stream().map(i -> all.get(i).input()).toArray(double[][]::new));
            for (int j = 0; j < truth.length; j++) {
                if (truth[j] != confidentClass.get(j)) {
                    wrong[confident.get(j)] = confidentClass.get(j);
                }
            }
        }
        return wrong;
    }

    /**
     * For each of {@code group.length · perClass} prior draws (a part from the stream {@code seed + k} for each class
     * {@code k} of the group, as {@link #confidentlyWrong} draws them), whether the two models' top classes differ, one
     * of them in the group: the count of each change, by "baseline → candidate" class.
     */
    private static java.util.Map<String, Long> changedDecisions(SampleSpace space, Classifier baseline,
            Classifier candidate, int[] group, int perClass, long seed) {
        java.util.Set<Integer> asked = Arrays.stream(group).boxed().collect(Collectors.toSet());
        java.util.Map<String, Long> changes = new java.util.TreeMap<>();
        for (int k : group) {
            for (Sample s : Probe.of(space, dev.probe.core.query.ModelContrast.classifiers(baseline, candidate))
                    .priorDraws(perClass, seed + k)) {
                int from = TopClass.of(s.outputs()[0]);
                int to = TopClass.of(s.outputs()[1]);
                if (from != to && (asked.contains(from) || asked.contains(to))) {
                    changes.merge(from + " → " + to, 1L, Long::sum);
                }
            }
        }
        return changes;
    }

    /** "1 → 2: 40, 2 → 1: 3": the most frequent changes first, at most 6. */
    private static String shownChanges(java.util.Map<String, Long> changes) {
        return changes.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(6).map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "))
                + (changes.size() > 6 ? ", …" : "");
    }

    /** "0: 45/44, 1: 50/335, …": each class's confidently wrong draws, baseline and candidate. */
    private static String byClass(int[] group, int[] base, int[] cand) {
        return Arrays.stream(group).mapToObj(k -> k + ": " + Arrays.stream(base).filter(w -> w == k).count() + "/"
                + Arrays.stream(cand).filter(w -> w == k).count()).collect(Collectors.joining(", "));
    }
}
