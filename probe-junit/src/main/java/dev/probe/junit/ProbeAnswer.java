package dev.probe.junit;

import dev.probe.core.result.Evidence;
import dev.probe.core.result.Oracle;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Rate;
import java.util.Objects;
import java.util.Optional;

/**
 * A probe's answer as a test method receives it: the sampled {@link ProbeResult} together with what
 * judging it needs — the tolerance within which a sample attains the target, the judged model, the
 * oracle (if the test class declares one) — and who asked: the invocation's name, key, settings and
 * the command that re-runs it. Assertions ({@code ProbeAssertions.assertThat(answer)}) take everything
 * from here. Outside the extension, make one with {@link #of}.
 *
 * <pre>{@code
 * @ProbeHighConfidence(classes = 7)
 * void confident(ProbeAnswer answer) {
 *     assertThat(answer).hasTargetAttainmentAtLeast(0.5);
 *     double[][] digits = answer.result().inputs();
 * }
 *
 * ProbeAnswer plain = ProbeAnswer.of(Probe.of(space, query).sample(config), 0.1);
 * }</pre>
 */
public final class ProbeAnswer {
    private final ProbeResult result;
    private final double tolerance;
    private final String judgedModel;
    private final Oracle oracle;
    private final String displayName;
    private final String key;
    private final String testName;
    private final String settings;
    private final String rerunCommand;
    private final Evidence evidence;
    private final int[] targetLabels;

    private ProbeAnswer(ProbeResult result, double tolerance, String judgedModel, Oracle oracle, String displayName,
            String key, String testName, String settings, String rerunCommand, Evidence evidence, int[] targetLabels) {
        this.result = Objects.requireNonNull(result, "result");
        checkTolerance(tolerance);
        if (tolerance >= result.largestTargetDistance()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "A tolerance of %s lets every sample "
                    + "attain the target of %s: its target distance is at most %s for any input, so judging at it says "
                    + "nothing. Give a tolerance below %s (built-in 0.1).", tolerance, result.provenance().query(),
                    result.largestTargetDistance(), result.largestTargetDistance()));
        }
        this.tolerance = tolerance;
        this.judgedModel = Objects.requireNonNull(judgedModel, "judgedModel");
        this.oracle = oracle;
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.key = Objects.requireNonNull(key, "key");
        this.testName = testName;
        this.settings = settings;
        this.rerunCommand = rerunCommand;
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.targetLabels = targetLabels.clone();
    }

    private static void checkTolerance(double tolerance) {
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("The tolerance must be a positive number, got " + tolerance);
        }
    }

    /** An answer judged at {@code tolerance}, on the result's first model, without oracle. */
    public static ProbeAnswer of(ProbeResult result, double tolerance) {
        checkTolerance(tolerance);
        return new ProbeAnswer(result, tolerance, result.models().get(0), null, result.provenance().query(), "", null, null,
                null, new Evidence(Evidence.DEFAULT.maxRhat(), Evidence.DEFAULT.minAttainedEss(), tolerance,
                        Evidence.DEFAULT.maxDivergences()), new int[0]);
    }

    /** The same answer, judging the predictions of {@code model} (a name in {@link ProbeResult#models()}). */
    public ProbeAnswer judging(String model) {
        if (!result.models().contains(model)) {
            result.outputs(model); // throws the message that says how models are named
        }
        return new ProbeAnswer(result, tolerance, model, oracle, displayName, key, testName, settings, rerunCommand, evidence,
                targetLabels);
    }

    /** The same answer with the oracle that labels samples (for misclassification rates). */
    public ProbeAnswer withOracle(Oracle o) {
        return new ProbeAnswer(result, tolerance, judgedModel, o, displayName, key, testName, settings, rerunCommand, evidence,
                targetLabels);
    }

    /**
     * The same answer named as a test invocation.
     *
     * @param displayName e.g. {@code "ambivalent 1 vs 7"}
     * @param key the invocation's key ({@code probe.only})
     * @param testName e.g. {@code "MnistProbes#ambivalence"}
     * @param settings the settings and where each came from
     * @param rerunCommand the command that re-runs just this invocation with the same seed
     */
    public ProbeAnswer named(String displayName, String key, String testName, String settings, String rerunCommand) {
        return new ProbeAnswer(result, tolerance, judgedModel, oracle, displayName, key, testName, settings, rerunCommand,
                evidence, targetLabels);
    }

    /**
     * The same answer judged by {@code e}: the evidence its assertions of rates, distances and prior mass require
     * ({@link #of} gives the built-in R̂ ≤ 1.05, 100 effective attained samples within the answer's tolerance, no
     * divergence; the JUnit extension gives each invocation its own settings).
     */
    public ProbeAnswer withEvidence(Evidence e) {
        return new ProbeAnswer(result, tolerance, judgedModel, oracle, displayName, key, testName, settings, rerunCommand,
                Objects.requireNonNull(e, "evidence"), targetLabels);
    }

    /**
     * The same answer, with the classes its question asks the model to give an attained sample: both classes of an
     * ambivalent pair, the classes a target vector gives probability to, the target class of a counterfactual. An attained sample
     * is misclassified when the oracle's label is none of them ({@link #misclassifiedAmongAttained()}). Without them
     * (as made by {@link #of}) the model's top class is judged against the oracle, which suits confident classes but
     * not a pair the model is torn between, where the top class is a coin flip (a new user's ambivalent pair read 232
     * of 485 torn draws as "labelled otherwise"). The extension sets them for every probe annotation.
     *
     * <pre>{@code
     * ProbeAnswer torn = ProbeAnswer.of(result, 0.05).withOracle(truth).withTargetLabels(1, 7);
     * Rate neither = torn.misclassifiedAmongAttained(); // torn between 1 and 7 while the truth is another digit
     * }</pre>
     */
    public ProbeAnswer withTargetLabels(int... labels) {
        return new ProbeAnswer(result, tolerance, judgedModel, oracle, displayName, key, testName, settings, rerunCommand,
                evidence, labels);
    }

    /** The classes an attained sample should have by the question ({@link #withTargetLabels}); empty: its top class. */
    public int[] targetLabels() {
        return targetLabels.clone();
    }

    /**
     * Whether a misclassification is defined for this question: false when its target labels are every class of the
     * judged model (a fully ambiguous question: whatever the truth, it is among them).
     */
    public boolean isMisclassificationDefined() {
        int classes = result.outputs(judgedModel)[0].length;
        return java.util.Arrays.stream(targetLabels).distinct().count() < classes;
    }

    /**
     * Which samples attain the target yet the oracle labels otherwise (the rows {@link #misclassifiedAmongAttained()}
     * counts), with the oracle's label of each attained sample ({@code labels[i]}, −1 where the sample missed the
     * target); empty without an oracle or where no misclassification is defined.
     */
    public Optional<LabelledOtherwise> labelledOtherwise() {
        if (oracle == null || !isMisclassificationDefined()) {
            return Optional.empty();
        }
        int[] labels = result.oracleLabelsOfAttained(judgedModel, oracle, tolerance);
        int m = result.models().indexOf(judgedModel);
        boolean[] wrong = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            wrong[i] = label >= 0 && (targetLabels.length == 0 ? result.sample(i).predicted(m) != label
                    : java.util.Arrays.stream(targetLabels).noneMatch(t -> t == label));
        }
        return Optional.of(new LabelledOtherwise(labels, wrong));
    }

    /**
     * The oracle's label of every sample (−1 where it missed the target) and whether it is labelled otherwise.
     *
     * @param labels the oracle's label of each attained sample, −1 for the others
     * @param wrong whether sample {@code i} attains the target and its label is outside the question's classes
     */
    public record LabelledOtherwise(int[] labels, boolean[] wrong) {
        /** The indices of the samples labelled otherwise. */
        public int[] rows() {
            return java.util.stream.IntStream.range(0, wrong.length).filter(i -> wrong[i]).toArray();
        }
    }

    /**
     * The share of samples attaining the target that the oracle labels otherwise: whose label is none of the
     * {@linkplain #targetLabels() target labels} (or, without them, differs from the judged model's top class).
     *
     * @throws IllegalStateException without an oracle, or when {@link #isMisclassificationDefined()} is false
     */
    public Rate misclassifiedAmongAttained() {
        if (oracle == null) {
            throw new IllegalStateException("Probe '" + displayName + "' has no oracle: declare @ProbeOracle in the test "
                    + "class, or make the answer withOracle(...).");
        }
        if (!isMisclassificationDefined()) {
            throw new IllegalStateException("Probe '" + displayName + "' asks about every class of '" + judgedModel
                    + "' at once, so no oracle label is outside its question: a misclassification rate is not defined "
                    + "for it. Judge confident questions (@ProbeHighConfidence, @ProbeAmbivalent, @ProbeConfidence) "
                    + "instead.");
        }
        boolean[] wrong = labelledOtherwise().orElseThrow().wrong();
        return result.rateAmong(s -> wrong[s.index()], s -> s.targetDistance() <= tolerance);
    }

    /** The evidence this answer's verdict assertions require. */
    public Evidence evidence() {
        return evidence;
    }

    /** The samples, diagnostics and provenance. */
    public ProbeResult result() {
        return result;
    }

    /** Target distance within which a sample attains the target. */
    public double tolerance() {
        return tolerance;
    }

    /**
     * What attaining the target at {@link #tolerance()} means, in the outputs' terms and units, as failure messages
     * print it: e.g. {@code ‖y_a − y_b‖ of 'priceA' and 'priceB' ≥ 5 (σ 10 − tolerance 5), in the outputs' units}
     * ({@link ProbeResult#attainedWhen}).
     */
    public String attainedWhen() {
        return result.attainedWhen(tolerance);
    }

    /** The model whose predictions the assertions judge. */
    public String judgedModel() {
        return judgedModel;
    }

    public Optional<Oracle> oracle() {
        return Optional.ofNullable(oracle);
    }

    /** The fraction of samples within {@link #tolerance()} of the target. */
    public Rate attainment() {
        return result.attainment(tolerance);
    }

    /**
     * The effective number of samples attaining the target: attained samples scaled by the effective
     * fraction of the draws ({@code successes · n_eff / n} of {@link #attainment()}).
     */
    public double attainedEss() {
        return result.attainedEss(tolerance);
    }

    /** What a reviewer reads, e.g. {@code "ambivalent 1 vs 7"}. */
    public String displayName() {
        return displayName;
    }

    /** The invocation's key, e.g. {@code "1:7"} ({@code ""} outside the extension). */
    public String key() {
        return key;
    }

    /** {@code Class#method} of the test, if asked by one. */
    public Optional<String> testName() {
        return Optional.ofNullable(testName);
    }

    /** The settings and where each came from, if asked by a test. */
    public Optional<String> settings() {
        return Optional.ofNullable(settings);
    }

    /** The command that re-runs just this invocation with the same seed, if asked by a test. */
    public Optional<String> rerunCommand() {
        return Optional.ofNullable(rerunCommand);
    }

    /**
     * The seed as failure messages print it, then the re-run command if there is one. A seed derived from the
     * invocation's id says so: the re-run command replays it, but the same number set as {@code probe.seed} also
     * seeds the prior pool of level-set probes, and so draws other samples.
     */
    public String seedAndRerun() {
        boolean derived = rerunCommand != null && !rerunCommand.contains("-Dprobe.seed=");
        return "seed: " + result.seed() + (derived ? " (derived from the invocation; to replay it use the re-run command: "
                + "set as probe.seed it would also seed the prior pool, and draw other samples)" : "")
                + (rerunCommand == null ? "" : "\nre-run: " + rerunCommand);
    }

    @Override
    public String toString() {
        return "ProbeAnswer[" + displayName + ", tolerance " + tolerance + ", " + result + "]";
    }
}
