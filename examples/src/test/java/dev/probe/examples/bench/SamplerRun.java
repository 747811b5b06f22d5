package dev.probe.examples.bench;

import dev.probe.core.diagnostics.Diagnostics;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.sampler.Hmc;
import dev.probe.core.sampler.Kernel;
import dev.probe.core.sampler.Mala;
import dev.probe.core.sampler.RandomWalkMetropolis;
import dev.probe.core.sampler.SamplerConfig;
import java.util.Locale;

/**
 * One real probe run ({@code Probe.sample}: screened starts, warm-up, sampling, results pushed forward)
 * and what it achieved. Chain-steps per second count sampling iterations only (the diagnostics' sampling
 * time); "attained" is the fraction of kept draws within the suite's tolerance 0.1 of the target, and
 * ESS/s of attained samples is {@code min ESS × attained / sampling seconds}.
 */
record SamplerRun(Workload workload, String kernel, int chains, int warmup, int draws, int evalsPerStep,
        boolean gradient, Diagnostics diagnostics, double attained, double totalSeconds, double residentMiB) {
    static final double TOLERANCE = 0.1;

    /** Runs {@code kernelName} (mala, hmc or mh) on {@code w} with about {@code iterations} iterations. */
    static SamplerRun run(Workload w, String kernelName, int chains, int iterations, long seed) {
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
        int warmup = Math.max(20, (int) (0.4 * iterations));
        int draws = Math.max(20, iterations - warmup);
        SamplerConfig config = SamplerConfig.builder().chains(chains).warmup(warmup).draws(draws).seed(seed).build();
        long start = System.nanoTime();
        ProbeResult result = w.probe().sample(config, kernel);
        double total = (System.nanoTime() - start) / 1e9;
        return new SamplerRun(w, kernel.name() + (kernelName.equalsIgnoreCase("hmc") ? "(L=4)" : ""), chains, warmup,
                draws, evals, gradient, result.diagnostics(), result.attainment(TOLERANCE).estimate(), total,
                Machine.residentMiB());
    }

    double chainStepsPerSecond() {
        return (double) chains * draws / diagnostics.samplingSeconds();
    }

    /** Batched energy evaluations (gradient or forward-only) per second, in rows. */
    double rowsPerSecond() {
        return chainStepsPerSecond() * evalsPerStep;
    }

    double flopsPerStep() {
        return evalsPerStep * (gradient ? Workload.FORWARD_BACKWARD_FLOPS : Workload.FORWARD_FLOPS);
    }

    double attainedEssPerSecond() {
        return diagnostics.minEss() * attained / diagnostics.samplingSeconds();
    }
}
