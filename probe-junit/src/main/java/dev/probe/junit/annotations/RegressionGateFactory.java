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
        Oracle oracle = context.oracle().orElseThrow(() -> new IllegalArgumentException("@ProbeRegressionGate needs the "
                + "true labels of generated inputs: declare a static @ProbeOracle member in " + context.testClass().getSimpleName()
                + "."));
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
            String display = "no worse than " + baseline.name() + ": " + candidate.name() + ", "
                    + (a.pooled() ? "classes " + Arrays.stream(group).mapToObj(Integer::toString)
                            .collect(Collectors.joining(",")) + " pooled" : "class " + group[0]);
            String statistic = a.statistic().description() + (a.pooled() ? " (pooled over classes)" : " (class " + group[0] + ")");
            if (a.statistic() == GateStatistic.CONFIDENTLY_WRONG_MASS) {
                ProbeConfiguration c = context.configuration(key, a.tolerance());
                Tolerances.check("@ProbeRegressionGate", c, 1, "1 − p_c");
                int draws = 10 * c.chains() * c.scaledDraws();
                // both models judge the same prior draws: a paired comparison (Newcombe), not one of independent rates
                gates.add(new GateSpec(display, key, List.of(), List.of(), (b, x) -> {
                    long[] table = new long[4];
                    for (int k : group) {
                        boolean[] base = confidentlyWrong(space, baseline, k, oracle, draws, c);
                        boolean[] cand = confidentlyWrong(space, candidate, k, oracle, draws, c);
                        for (int i = 0; i < draws; i++) {
                            table[(base[i] ? 2 : 0) + (cand[i] ? 1 : 0)]++;
                        }
                    }
                    return Comparison.ofPairedRates(statistic, Better.LOWER, table[3], table[2], table[1],
                            (long) draws * group.length, a.margin(), ProbeResult.CONFIDENCE);
                }));
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
     * Which of {@code draws} prior draws (seeded by the gate's seed and the class, so both models judge the same draws)
     * are confidently wrong for class {@code k}: {@code f_k ≥ 1 − tolerance} and the oracle says otherwise.
     */
    private static boolean[] confidentlyWrong(SampleSpace space, Classifier model, int k, Oracle oracle, int draws,
            ProbeConfiguration c) {
        List<Sample> all = Probe.of(space, HighConfidence.of(model, k)).priorDraws(draws, c.seed() + k);
        List<Integer> confident = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).targetDistance() <= c.tolerance()) {
                confident.add(i);
            }
        }
        boolean[] wrong = new boolean[draws];
        if (!confident.isEmpty()) {
            int[] truth = oracle.labels(confident.stream().map(i -> all.get(i).latent()).toArray(double[][]::new),
                    confident.stream().map(i -> all.get(i).input()).toArray(double[][]::new));
            for (int j = 0; j < truth.length; j++) {
                wrong[confident.get(j)] = truth[j] != k;
            }
        }
        return wrong;
    }
}
