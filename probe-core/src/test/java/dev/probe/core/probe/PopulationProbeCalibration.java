package dev.probe.core.probe;

import dev.probe.core.model.Classifier;
import dev.probe.core.population.PopulationRun;
import dev.probe.core.population.SmcConfig;
import dev.probe.core.sampler.SamplerConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Calibrates {@link PopulationProbeTest}'s tolerance (SMC-NOTES §8.3): R runs of the linear-softmax level set
 * through {@link Probe#samplePopulations}, each from its own prior pool (seeds 7000 + i) and SMC seed 1000 + i.
 * Prints the mean and sd of the run-level log Ẑ (4 populations × 256), how often the closed form lies within 2 of a
 * run's own standard errors, and the stages. Arguments, all optional, in order: {@code runs sigma b particles
 * maxPopulations minMoves alpha stageJumps} (20, 0.05, 0, 256, 4 = no growth, 2, 0.5, the built-in jumps; with
 * {@code maxPopulations} above 4 the populations grow toward {@code Evidence.DEFAULT}; stageJumps 0 turns all mode
 * jumps off). With the environment variable {@code STAGES} set it prints the first run's first population's stages.
 * Not a test. Run (see BENCHMARK.md):
 * <pre>
 * ./mvnw -q -pl probe-core test-compile exec:exec@bench -Dbench.main=dev.probe.core.probe.PopulationProbeCalibration -Dbench.args=20
 * </pre>
 */
public final class PopulationProbeCalibration {
    private PopulationProbeCalibration() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        double sigma = args.length > 1 ? Double.parseDouble(args[1]) : 0.05;
        double b = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        int particles = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        // growing toward the extension's default evidence, up to this many populations (4: one round)
        int most = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        // fewest rejuvenation moves per stage (the built-in 2), to tell a mixing bias from an adaptation bias
        int minMoves = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        double alpha = args.length > 6 ? Double.parseDouble(args[6]) : 0.5;
        int jumps = args.length > 7 ? Integer.parseInt(args[7]) : SmcConfig.DEFAULT_STAGE_JUMPS;
        Classifier c = LinearSoftmaxPriorMass.classifier(b);
        var space = LinearSoftmaxPriorMass.space();
        var query = LinearSoftmaxPriorMass.query(c, sigma);
        double truth = LinearSoftmaxPriorMass.logZ(b, sigma);
        double[] logZ = new double[runs];
        double[] meanOfLogs = new double[runs];
        int within = 0;
        int belowNormal = 0;
        int belowBound = 0;
        int stages = 0;
        int populations = 0;
        long begin = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            PriorPool pool = PriorPool.compute(space, List.of(c), 32768, 7000 + i);
            PopulationRun run = Probe.of(space, query).withPool(pool).samplePopulations(
                    SamplerConfig.builder().seed(1000 + i).build(),
                    Sampling.populations(SmcConfig.builder().particles(particles).moves(minMoves, Math.max(10, minMoves))
                            .alpha(alpha).stageJumps(jumps).jumps(jumps == 0 ? 0 : SmcConfig.DEFAULT_JUMPS).seed(1000 + i).build())
                            .until(dev.probe.core.result.Evidence.DEFAULT, most)).run();
            populations += run.populations();
            logZ[i] = run.logPriorMass();
            meanOfLogs[i] = Arrays.stream(run.logPriorMasses()).average().orElseThrow();
            within += Math.abs(logZ[i] - truth) <= 2 * run.logPriorMassStandardError() ? 1 : 0;
            belowNormal += truth <= logZ[i] + 1.96 * run.logPriorMassStandardError() ? 1 : 0;
            belowBound += truth <= new dev.probe.core.result.PriorMass(logZ[i], run.logPriorMassStandardError(),
                    run.populations()).logUpperBound(0.95) ? 1 : 0;
            if (i == 0 && System.getenv("STAGES") != null) {
                run.stages(0).forEach(st -> System.out.println(st.line()));
            }
            for (int p = 0; p < run.populations(); p++) {
                stages = Math.max(stages, run.stages(p).size());
            }
        }
        double mean = Arrays.stream(logZ).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(logZ).map(v -> (v - mean) * (v - mean)).sum() / (runs - 1));
        System.out.printf(Locale.ROOT, "linear-softmax b=%.1f σ=%.3f: R=%d runs of 4×%d growing to at most %d populations "
                        + "(mean %.1f; pool seeds 7000..%d, SMC seeds 1000..%d): truth %.4f mean %.4f sd %.4f "
                        + "(mean−truth)/(sd/√R) %.2f, within 2 own SE: %d/%d, T≤%d (%.0f s)%n",
                b, sigma, runs, particles, most, populations / (double) runs, 7000 + runs - 1, 1000 + runs - 1, truth, mean, sd,
                (mean - truth) / (sd / Math.sqrt(runs)), within, runs, stages, (System.nanoTime() - begin) / 1e9);
        System.out.printf(Locale.ROOT, "  truth below the estimate + 1.96 SE: %d/%d; below PriorMass.logUpperBound(0.95): %d/%d%n",
                belowNormal, runs, belowBound, runs);
        double logsMean = Arrays.stream(meanOfLogs).average().orElseThrow();
        double logsSd = Math.sqrt(Arrays.stream(meanOfLogs).map(v -> (v - logsMean) * (v - logsMean)).sum() / (runs - 1));
        System.out.printf(Locale.ROOT, "  the mean of the populations' log Ẑ instead (the estimator before the log of the mean "
                + "Ẑ): mean %.4f sd %.4f (mean−truth)/(sd/√R) %.2f%n", logsMean, logsSd, (logsMean - truth) / (logsSd / Math.sqrt(runs)));
    }
}
