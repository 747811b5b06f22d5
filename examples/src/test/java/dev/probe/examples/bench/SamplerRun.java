package dev.probe.examples.bench;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.probe.PopulationResult;
import dev.probe.core.probe.Sampling;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Rate;
import dev.probe.core.sampler.Hmc;
import dev.probe.core.sampler.Kernel;
import dev.probe.core.sampler.Mala;
import dev.probe.core.sampler.RandomWalkMetropolis;
import dev.probe.core.sampler.SamplerConfig;
import java.util.Locale;

/**
 * One real probe run ({@code Probe.sample}: screened starts, warm-up, sampling, results pushed forward)
 * or one population-sampling run ({@code Probe.samplePopulations}, SMC at the same budget), and what it
 * achieved. Chain-steps per second count sampling iterations only (the diagnostics' sampling time);
 * "attained" is the fraction of kept draws within the suite's tolerance 0.1 of the target; ESS/s of
 * attained samples is {@code min ESS × attained / sampling seconds}; effective attained samples per wall
 * second ({@code effective trials × attained / wall seconds}, as the population sampler's comparison
 * program counts them) compare chains and populations on equal terms.
 */
record SamplerRun(Workload workload, String kernel, int chains, int warmup, int draws, int evalsPerStep,
        boolean gradient, Diagnostics diagnostics, double attained, double effectiveAttained, long populationRows,
        double totalSeconds, double residentMiB) {
    static final double TOLERANCE = 0.1;

    /**
     * Runs {@code kernelName} (mala, hmc, mh, or smc: population sampling at the same budget) on {@code w} with
     * about {@code iterations} iterations.
     */
    static SamplerRun run(Workload w, String kernelName, int chains, int iterations, long seed) {
        int warmup = Math.max(20, (int) (0.4 * iterations));
        int draws = Math.max(20, iterations - warmup);
        SamplerConfig config = SamplerConfig.builder().chains(chains).warmup(warmup).draws(draws).seed(seed).build();
        if (kernelName.equalsIgnoreCase("smc")) {
            long start = System.nanoTime();
            PopulationResult smc = w.probe().samplePopulations(config, Sampling.populations());
            double total = (System.nanoTime() - start) / 1e9;
            ProbeResult r = smc.result();
            Rate a = r.attainment(TOLERANCE);
            return new SamplerRun(w, "SMC " + smc.run().populations() + "×" + smc.run().particles(), chains, warmup, draws,
                    1, true, r.diagnostics(), a.estimate(), a.effectiveTrials() * a.estimate(), smc.run().particleGradients(),
                    total, Machine.residentMiB());
        }
        Kernel kernel;
        int evals;
        boolean gradient;
        switch (kernelName.toLowerCase(Locale.ROOT)) {
            case "mala":
                kernel = Mala.of(0.05);
                evals = 1;
                gradient = true;
                break;
            case "hmc":
                kernel = Hmc.of(0.1, 4);
                evals = 4;
                gradient = true;
                break;
            case "mh":
                kernel = RandomWalkMetropolis.of(w.probe().space().proposal(), 0.5);
                evals = 1;
                gradient = false;
                break;
            default:
                throw new IllegalArgumentException("Unknown kernel " + kernelName + ": use mala, hmc or mh");
        }
        long start = System.nanoTime();
        ProbeResult result = w.probe().sample(config, kernel);
        double total = (System.nanoTime() - start) / 1e9;
        Rate a = result.attainment(TOLERANCE);
        return new SamplerRun(w, kernel.name() + (kernelName.equalsIgnoreCase("hmc") ? "(L=4)" : ""), chains, warmup,
                draws, evals, gradient, result.diagnostics(), a.estimate(), a.effectiveTrials() * a.estimate(), -1, total,
                Machine.residentMiB());
    }

    boolean isPopulation() {
        return populationRows >= 0;
    }

    /** Sampling iterations × chains per sampling second (chains only; NaN for populations). */
    double chainStepsPerSecond() {
        return isPopulation() ? Double.NaN : (double) chains * draws / diagnostics.samplingSeconds();
    }

    /** Network rows (gradient or forward-only) per second: per sampling second for chains, per wall second for SMC. */
    double rowsPerSecond() {
        return isPopulation() ? populationRows / diagnostics.wallSeconds() : chainStepsPerSecond() * evalsPerStep;
    }

    /** Effective attained samples (the attainment rate's effective trials × the attained fraction) per wall second. */
    double effectiveAttainedPerSecond() {
        return effectiveAttained / diagnostics.wallSeconds();
    }

    /** FLOPs per network row. */
    double flopsPerRow() {
        return gradient ? Workload.FORWARD_BACKWARD_FLOPS : Workload.FORWARD_FLOPS;
    }

    double attainedEssPerSecond() {
        return diagnostics.minEss() * attained / diagnostics.samplingSeconds();
    }
}
