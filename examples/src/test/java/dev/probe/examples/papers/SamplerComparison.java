package dev.probe.examples.papers;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.model.Classifier;
import dev.probe.core.population.PopulationRun;
import dev.probe.core.population.SmcConfig;
import dev.probe.core.probe.PopulationResult;
import dev.probe.core.probe.PriorPool;
import dev.probe.core.probe.Probe;
import dev.probe.core.probe.Sampling;
import dev.probe.core.query.Ambivalent;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.query.OutputEnergy;
import dev.probe.core.query.Query;
import dev.probe.core.query.TargetConfidence;
import dev.probe.core.result.Evidence;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Rate;
import dev.probe.core.sampler.Hmc;
import dev.probe.core.sampler.Mala;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.SampleSpace;
import dev.probe.examples.models.BundledModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures the population sampler against MALA and HMC chains on the paper's MNIST VAE + CNN, through the
 * core API (issue 9, "Measures"). Not a test: run it with one command (see BENCHMARK.md):
 * <pre>
 * ./mvnw -q -pl probe-core,probe-junit,examples test-compile exec:exec@compare -Dcompare.args="ess matrix mass"
 * </pre>
 * Sections:
 * <ul>
 *   <li>{@code ess} ({@code ess-smc}: the SMC rows only): effective attained samples per second, SMC vs MALA vs HMC at one budget (16 chains, 300
 *       warm-up, 100 draws, annealing 0.5; HMC with L = 4; SMC at about the same cost, {@code SmcConfig.fromBudget}:
 *       4 × 80 particles), on high confidence for 8,
 *       ambivalent 1:7 (σ = 0.1) and the 8→9 interpolation at p = 0.5;</li>
 *   <li>{@code matrix}: the 45 ambivalent pairs (σ = 0.1) by SMC (4 × 64 particles; {@code -Dcompare.matrixParticles};
 *       growing toward converged evidence up to {@code -Dcompare.maxPopulations}, default 4: no growth)
 *       over one shared pool: sampled, converged (R̂ ≤ 1.05 and
 *       ≥ 100 effective attained samples), reachable per the pool, prior mass, wall time;</li>
 *   <li>{@code -Dcompare.pairs=1:7,0:3}: the same table for some pairs only;</li>
 *   <li>{@code mass}: SMC's prior mass of "high confidence 8" against a brute-force mean of exp(−G) and the
 *       hard-set fraction over 2^20 prior draws.</li>
 * </ul>
 * Attained: target distance ≤ 0.1 (the extension's default tolerance). Effective attained samples: the
 * attained fraction × min(the attainment indicator's effective trials, the smallest bulk ESS over coordinates).
 */
public final class SamplerComparison {
    private static final double TOLERANCE = 0.1;
    /** Particles per population in the ambivalence matrix (4 populations): sized for 45 pairs in 5 minutes. */
    private static final int MATRIX_PARTICLES = Integer.getInteger("compare.matrixParticles", 64);
    /** Most mode jumps at β = 1 in the matrix ({@code -Dcompare.jumps}; 0 turns them off). */
    private static final int JUMPS = Integer.getInteger("compare.jumps", SmcConfig.DEFAULT_JUMPS);
    /** Most mode jumps after each stage's moves in the matrix ({@code -Dcompare.stageJumps}; 0 turns them off). */
    private static final int STAGE_JUMPS = Integer.getInteger("compare.stageJumps", SmcConfig.DEFAULT_STAGE_JUMPS);
    /** Draws per particle at the end in the matrix ({@code -Dcompare.draws}; 1: the particles after the last stage). */
    private static final int DRAWS = Integer.getInteger("compare.draws", SmcConfig.DEFAULT_DRAWS);
    /** Prior pool draws ({@code -Dcompare.pool}; default {@link PriorPool#defaultSize}: 32,768 for the 5-d latent). */
    private static final int POOL = Integer.getInteger("compare.pool", PriorPool.defaultSize(5));
    /** Most populations of a matrix pair, growing toward converged evidence from 4 (4: no growth). */
    private static final int MAX_POPULATIONS = Integer.getInteger("compare.maxPopulations", 4);
    private static final SamplerConfig BUDGET = SamplerConfig.builder().chains(16).warmup(300).draws(100).annealing(0.5)
            .seed(20261130).build();

    private SamplerComparison() {}

    public static void main(String[] args) throws Exception {
        List<String> sections = args.length == 0 ? List.of("ess", "matrix", "mass") : Arrays.asList(args);
        Classifier cnn = PaperModels.imageClassifier(BundledModel.MNIST_CNN);
        SampleSpace vae = PaperModels.vae(BundledModel.MNIST_VAE);
        System.out.printf("load before: %s%n", load());
        long begin = System.nanoTime();
        PriorPool pool = Probe.of(vae, HighConfidence.of(cnn, 8)).withPoolSize(POOL).pool();
        System.out.printf(Locale.ROOT, "%s (built in %.1f s)%n%n", pool, pool.seconds());
        if (sections.contains("ess") || sections.contains("ess-smc") || sections.contains("ess-chains")) {
            ess(vae, cnn, !sections.contains("ess-smc"), !sections.contains("ess-chains"));
        }
        if (sections.contains("matrix")) {
            matrix(vae, cnn, pool, allPairs());
        }
        String pairs = System.getProperty("compare.pairs", "").strip();
        if (!pairs.isEmpty()) {
            List<int[]> some = new ArrayList<>();
            for (String pair : pairs.split(",")) {
                String[] ij = pair.split(":");
                some.add(new int[] {Integer.parseInt(ij[0]), Integer.parseInt(ij[1])});
            }
            matrix(vae, cnn, pool, some);
        }
        if (sections.contains("mass")) {
            mass(vae, cnn);
        }
        System.out.printf(Locale.ROOT, "total %.0f s; load after: %s%n", (System.nanoTime() - begin) / 1e9, load());
    }

    private static void ess(SampleSpace vae, Classifier cnn, boolean chains, boolean populations) {
        double[] half = new double[10];
        half[8] = 0.5;
        half[9] = 0.5;
        List<Query> queries = List.of(HighConfidence.of(cnn, 8), Ambivalent.between(cnn, 1, 7).withSigmas(0.1, 0.1),
                TargetConfidence.of(cnn, half));
        List<String> names = List.of("high confidence 8", "ambivalent 1:7 (σ=0.1)", "8→9 at p = 0.5");
        System.out.println("| energy | sampler | wall s | particle-gradients | attained | eff. attained | eff. attained/s | max R̂ | min ESS | converged |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (int q = 0; q < queries.size(); q++) {
            Probe probe = Probe.of(vae, queries.get(q));
            probe.pool(); // shared, built once (its cost is reported above, not per run)
            if (chains) {
                row(names.get(q), "MALA chains", probe.sample(BUDGET, Mala.of(0.01)), 16L * 400);
                row(names.get(q), "HMC chains (L=4)", probe.sample(BUDGET, Hmc.of(0.01, 4)), 16L * 400 * 4);
            }
            if (!populations) {
                continue;
            }
            PopulationResult smc = probe.samplePopulations(BUDGET, Sampling.populations());
            row(names.get(q), "SMC " + smc.run().populations() + "×" + smc.run().particles(), smc.result(),
                    smc.run().particleGradients());
            System.out.println("    " + smc.run().describe() + ": log Z " + fmt(smc.run().logPriorMass()) + " ± "
                    + fmt(smc.run().logPriorMassStandardError()) + ", status " + smc.run().status() + ", stages "
                    + smc.run().stages(0).size());
            if (System.getProperty("compare.stages") != null) {
                System.out.println(smc.run().table());
            }
        }
        System.out.println();
    }

    private static void row(String energy, String sampler, ProbeResult r, long particleGradients) {
        Diagnostics d = r.diagnostics();
        double effective = effectiveAttained(r);
        Rate a = r.attainment(TOLERANCE);
        boolean converged = d.maxRhat() <= 1.05 && effective >= 100;
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %d | %.2f | %.0f | %.1f | %.3f | %.0f | %s |%n", energy, sampler,
                d.wallSeconds(), particleGradients, a.estimate(), effective, effective / d.wallSeconds(), d.maxRhat(),
                d.minEss(), converged ? "yes" : "no");
    }

    private static List<int[]> allPairs() {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (int j = i + 1; j < 10; j++) {
                pairs.add(new int[] {i, j});
            }
        }
        return pairs;
    }

    private static void matrix(SampleSpace vae, Classifier cnn, PriorPool pool, List<int[]> pairs) {
        System.out.printf("SMC %d×%d particles per pair, at most %d mode jumps per stage and %d at β = 1, %d draws per particle%n", 4,
                MATRIX_PARTICLES, STAGE_JUMPS, JUMPS, DRAWS);
        System.out.println("| pair | pool draws attained | log10 prior mass | ± | status | populations | stages | attained | eff. attained | max R̂ | converged | extension's verdict | wall s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        long begin = System.nanoTime();
        int sampled = 0;
        int converged = 0;
        int reachable = 0;
        int reachableConverged = 0;
        int verdicts = 0;
        List<String> failed = new ArrayList<>();
        for (int[] pair : pairs) {
            int i = pair[0];
            int j = pair[1];
            {
                Ambivalent q = Ambivalent.between(cnn, i, j).withSigmas(0.1, 0.1);
                int inPool = attainedInPool(pool, q);
                long seed = BUDGET.seed() + 10L * i + j;
                PopulationResult smc = Probe.of(vae, q).withPoolSize(POOL).samplePopulations(budget(seed),
                        Sampling.populations(SmcConfig.builder().particles(MATRIX_PARTICLES).populations(4).jumps(JUMPS)
                                .stageJumps(STAGE_JUMPS).draws(DRAWS).seed(seed).build()).until(Evidence.DEFAULT, MAX_POPULATIONS));
                PopulationRun run = smc.run();
                Rate a = smc.result().attainment(TOLERANCE);
                double effective = effectiveAttained(smc.result());
                double rhat = smc.result().diagnostics().maxRhat();
                boolean ok = rhat <= 1.05 && effective >= 100;
                boolean verdict = Evidence.DEFAULT.isMetBy(smc.result());
                sampled += a.successes() > 0 ? 1 : 0;
                converged += ok ? 1 : 0;
                reachable += inPool > 0 ? 1 : 0;
                reachableConverged += inPool > 0 && ok ? 1 : 0;
                if (!ok) {
                    failed.add(i + ":" + j);
                }
                verdicts += verdict ? 1 : 0;
                System.out.printf(Locale.ROOT, "| %d:%d | %d | %.2f | %.2f | %s | %d | %d | %.2f | %.0f | %.3f | %s | %s | %.1f |%n", i, j,
                        inPool, run.logPriorMass() / Math.log(10), run.logPriorMassStandardError() / Math.log(10), run.status(),
                        run.populations(), run.stages(0).size(), a.estimate(), effective, rhat, ok ? "yes" : "no",
                        verdict ? "converged" : "not converged",
                        smc.result().diagnostics().wallSeconds());
                if (System.getProperty("compare.stages") != null) {
                    System.out.println(run.table());
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nambivalence pairs: %d/%d sampled, %d/%d converged, %d pairs reachable per the pool "
                        + "(a pool draw within %.1f), %d of them converged; not converged: %s; converged by the extension's verdict "
                        + "(R̂ ≤ 1.05, 100 attained ESS of the attainment indicator): %d; wall %.0f s (pool %.1f s extra, once)%n%n",
                sampled, pairs.size(), converged, pairs.size(), reachable, TOLERANCE, reachableConverged, failed, verdicts,
                (System.nanoTime() - begin) / 1e9, pool.seconds());
    }

    /**
     * Effective attained samples: the attained fraction times the smaller of the attainment indicator's effective
     * trials and the smallest bulk ESS over coordinates (an indicator that is 1 everywhere has no ESS of its own).
     */
    static double effectiveAttained(ProbeResult r) {
        Rate a = r.attainment(TOLERANCE);
        double ess = r.diagnostics().minEss();
        return a.estimate() * Math.min(a.effectiveTrials(), Double.isFinite(ess) ? ess : 0);
    }

    private static int attainedInPool(PriorPool pool, OutputEnergy q) {
        int count = 0;
        for (int i = 0; i < pool.size(); i++) {
            if (q.targetDistance(pool.outputs(i)) <= TOLERANCE) {
                count++;
            }
        }
        return count;
    }

    private static void mass(SampleSpace vae, Classifier cnn) {
        HighConfidence q = HighConfidence.of(cnn, 8);
        int draws = 1 << 20;
        long begin = System.nanoTime();
        PriorPool brute = PriorPool.compute(vae, List.of(cnn), draws, 424242);
        double[] g = brute.energies(q);
        double sum = 0;
        double sq = 0;
        long hard = 0;
        for (int i = 0; i < g.length; i++) {
            double s = Math.exp(-g[i]);
            sum += s;
            sq += s * s;
            hard += q.targetDistance(brute.outputs(i)) <= TOLERANCE ? 1 : 0;
        }
        double mean = sum / draws;
        double se = Math.sqrt((sq / draws - mean * mean) / draws);
        double bruteSeconds = (System.nanoTime() - begin) / 1e9;
        System.out.println("| estimate of high confidence 8 (σ = 0.05) | log10 | ± (1 se) | cost |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| brute force E[exp(−G)], 2^20 prior draws | %.4f | %.4f | %.0f s |%n", Math.log10(mean),
                se / mean / Math.log(10), bruteSeconds);
        System.out.printf(Locale.ROOT, "| brute force hard fraction p_8 ≥ 0.9 | %.4f | %.4f | (same draws: %d of %d) |%n",
                Math.log10(hard / (double) draws), Math.sqrt((1 - hard / (double) draws) / hard) / Math.log(10), hard, draws);
        for (long seed : new long[] {1, 2, 3}) {
            PopulationResult smc = Probe.of(vae, q).samplePopulations(budget(seed), Sampling.populations(
                    SmcConfig.builder().particles(400).populations(4).seed(seed).build()));
            PopulationRun run = smc.run();
            // hard-set correction (SMC-NOTES §4): P(A) = Z·E_π1[1_A·exp(G)]
            double[][] gs = run.questionEnergies();
            double[] distances = smc.result().targetDistances();
            double corr = 0;
            int n = 0;
            for (double[] pop : gs) {
                for (double v : pop) {
                    corr += distances[n] <= TOLERANCE ? Math.exp(v) : 0;
                    n++;
                }
            }
            corr /= n;
            System.out.printf(Locale.ROOT, "| SMC 4×400 seed %d (pool of %d shared) | %.4f | %.4f | %.1f s |%n", seed,
                    smc.pool().size(), run.logPriorMass() / Math.log(10), run.logPriorMassStandardError() / Math.log(10),
                    smc.result().diagnostics().wallSeconds());
            System.out.printf(Locale.ROOT, "| SMC seed %d, hard-set correction p_8 ≥ 0.9 | %.4f | | |%n", seed,
                    (run.logPriorMass() + Math.log(corr)) / Math.log(10));
        }
        System.out.println();
    }

    private static SamplerConfig budget(long seed) {
        return SamplerConfig.builder().chains(BUDGET.chains()).warmup(BUDGET.warmup()).draws(BUDGET.draws())
                .annealing(BUDGET.annealing()).seed(seed).build();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
