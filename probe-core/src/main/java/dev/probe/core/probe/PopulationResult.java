package dev.probe.core.probe;

import dev.probe.core.population.PopulationRun;
import dev.probe.core.result.ProbeResult;

/**
 * A probe sampled by populations: the {@link ProbeResult} (particles pushed forward, every model's outputs,
 * diagnostics across populations), the {@link PopulationRun} behind it (log prior mass per population, stages,
 * status, cost) and the {@link PriorPool} its populations started from ({@code null} when they started from
 * fresh prior draws).
 *
 * <pre>{@code
 * PopulationResult r = probe.samplePopulations(config, Sampling.populations());
 * System.out.println(r.run().table());
 * }</pre>
 *
 * @param result what every probe returns
 * @param run the SMC run
 * @param pool the shared prior pool, or {@code null}
 */
public record PopulationResult(ProbeResult result, PopulationRun run, PriorPool pool) {}
