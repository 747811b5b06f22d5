package dev.probe.core.population;

import dev.probe.core.sampler.Hmc;
import dev.probe.core.sampler.Kernel;
import dev.probe.core.sampler.Mala;
import java.util.Arrays;
import java.util.Locale;

/**
 * Calibrates the tolerances of {@link SmcClosedFormTest} (SMC-NOTES §8.3): R independent runs per case,
 * printing the mean and sd of the per-population log Ẑ, the stages T, the mode share and the theoretical sd
 * √(T(1−α)/(αN)). Not a test (its name does not end in Test). Run:
 * <pre>
 * ./mvnw -q -pl probe-core test-compile exec:exec@bench -Dbench.main=dev.probe.core.population.SmcCalibration
 * </pre>
 * Arguments: seeds (20) and the cases to run ({@code 0,1,2,3}); JVM properties {@code smc.jumps} (mode jumps at
 * β = 1, default {@link SmcConfig#DEFAULT_JUMPS}), {@code smc.minMoves} and {@code smc.maxMoves} (2 and 10).
 */
public final class SmcCalibration {
    private SmcCalibration() {}

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String cases = args.length > 1 ? args[1] : "0,1,2,3";
        if (cases.contains("0")) calibrate("gaussian d=10 s2=0.25 MALA", Mala.of(0.1), 10, ClosedForms.gaussianQuestion(10, 0.25),
                ClosedForms.gaussianLogZ(10, 0.25, 1), 1000, seeds, false);
        if (cases.contains("1")) calibrate("gaussian d=10 s2=0.25 HMC", Hmc.of(0.1, 4), 10, ClosedForms.gaussianQuestion(10, 0.25),
                ClosedForms.gaussianLogZ(10, 0.25, 1), 1000, seeds, false);
        if (cases.contains("2")) calibrate("probit d=5 tau=4.753 sigma=0.1 MALA", Mala.of(0.1), 5, ClosedForms.probit(5, 0, 4.753, 0.1),
                ClosedForms.probitLogZ(4.753, 0.1), 1000, seeds, false);
        if (cases.contains("3")) calibrate("two modes d=5 tau=3 sigma=0.1 MALA", Mala.of(0.1), 5, ClosedForms.twoModes(5, 3, 0.1),
                ClosedForms.twoModesLogZ(3, 0.1), 500, seeds, true);
    }

    static void calibrate(String name, Kernel kernel, int d, dev.probe.core.sampler.Energy question, double truth,
            int n, int seeds, boolean modes) {
        double[] logZ = new double[seeds * 2];
        double[] share = new double[seeds * 2];
        int stages = 0;
        long begin = System.nanoTime();
        for (int s = 0; s < seeds; s++) {
            SmcConfig config = SmcConfig.builder().particles(n).populations(2).jumps(Integer.getInteger("smc.jumps", SmcConfig.DEFAULT_JUMPS))
                    .stageJumps(Integer.getInteger("smc.stageJumps", SmcConfig.DEFAULT_STAGE_JUMPS))
                    .moves(Integer.getInteger("smc.minMoves", 2), Integer.getInteger("smc.maxMoves", 10))
                    .seed(1000 + s).build();
            PopulationRun run = new Smc(config).run(ClosedForms.target(d, question), kernel,
                    ClosedForms.priorDraws(2, n, d, 5000 + s));
            double[] z = run.logPriorMasses();
            double[][][] x = run.populationParticles();
            for (int p = 0; p < 2; p++) {
                logZ[2 * s + p] = z[p];
                share[2 * s + p] = Arrays.stream(x[p]).filter(r -> r[0] > r[1]).count() / (double) n;
                stages = Math.max(stages, run.stages(p).size());
            }
        }
        double mean = Arrays.stream(logZ).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(logZ).map(v -> (v - mean) * (v - mean)).sum() / (logZ.length - 1));
        double shareMean = Arrays.stream(share).average().orElseThrow();
        double shareSd = Math.sqrt(Arrays.stream(share).map(v -> (v - shareMean) * (v - shareMean)).sum() / (share.length - 1));
        System.out.printf(Locale.ROOT, "%-40s N=%d runs=%d (seeds 1000..%d): truth %.4f mean %.4f sd %.4f  T≤%d  "
                        + "theory sd %.4f  |mean−truth|/(sd/√R) %.2f%s  (%.0f s)%n",
                name, n, logZ.length, 1000 + seeds - 1, truth, mean, sd, stages, Math.sqrt(stages / (double) n),
                Math.abs(mean - truth) / (sd / Math.sqrt(logZ.length)),
                modes ? String.format(Locale.ROOT, "  mode share %.3f sd %.3f", shareMean, shareSd) : "",
                (System.nanoTime() - begin) / 1e9);
    }
}
