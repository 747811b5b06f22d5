package dev.probe.core.probe;

import dev.probe.core.autograd.RowChunking;
import dev.probe.core.population.PopulationRun;
import dev.probe.core.population.Smc;
import dev.probe.core.population.SmcConfig;
import dev.probe.core.population.StartingDraws;
import dev.probe.core.population.TemperedTarget;
import dev.probe.core.query.OutputEnergy;
import dev.probe.core.query.Query;
import dev.probe.core.result.PriorMass;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.SampleSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * A probe sampled by SMC populations: the tempered path from the space's prior ({@code priorEnergy}) to the
 * question ({@code G(g(s))}); level-set queries start every population from its own disjoint part of the
 * shared {@link PriorPool} (energies re-evaluated on stored outputs), other queries from fresh prior draws
 * (package plumbing of {@link Probe}).
 */
final class PopulationSampling {
    private PopulationSampling() {}

    /** @param sharedPool the probe's pool (level-set queries over a proper prior), or {@code null} */
    static PopulationResult run(SampleSpace space, Query query, SamplerConfig budget, Sampling.Populations how,
            PriorPool sharedPool) {
        if (!space.hasProperPrior()) {
            throw new IllegalArgumentException("Population sampling starts from prior draws, but " + space.describe()
                    + " has no proper prior. Bound every coordinate, or sample with Sampling.chains(kernel).");
        }
        boolean differentiable = space.isDifferentiable() && query.isDifferentiable();
        if (!differentiable && how.kernel().needsGradient()) {
            throw new IllegalArgumentException(how.kernel().name() + " moves particles with gradients, but the pipeline "
                    + space.describe() + " → " + query.describe() + " is not differentiable. Move them with "
                    + "RandomWalkMetropolis (probe.populationSampling(config) chooses it), or sample by chains.");
        }
        SmcConfig config = how.config() != null ? how.config() : SmcConfig.fromBudget(budget);
        int d = space.dimension();
        // the question's network calls share the row-chunk timings of every probe on these models
        RowChunking chunking = RowChunking.configured(ProbeEnergy.pipeline(space, query));
        TemperedTarget target = differentiable
                ? TemperedTarget.of(Energies.differentiable(d, space::priorEnergy),
                        Energies.differentiable(d, s -> query.energy(space.toInput(s)), chunking), space.bounds())
                : TemperedTarget.of(Energies.valueOnly(d, space::priorEnergy, chunking),
                        Energies.valueOnly(d, s -> query.energy(space.toInput(s)), chunking), space.bounds());
        PriorPool pool = null;
        List<StartingDraws> starts = new ArrayList<>();
        if (sharedPool != null && query instanceof OutputEnergy levelSet) {
            pool = sharedPool.size() >= config.totalParticles() ? sharedPool
                    : PriorPool.of(space, query.models(), config.totalParticles());
            double[] g = pool.energies(levelSet);
            for (int r = 0; r < config.populations(); r++) {
                int[] part = pool.part(r, config.populations());
                double[][] x = new double[part[1] - part[0]][];
                for (int i = part[0]; i < part[1]; i++) {
                    x[i - part[0]] = pool.coordinates(i);
                }
                starts.add(StartingDraws.withEnergies(x, java.util.Arrays.copyOfRange(g, part[0], part[1])));
            }
        } else {
            ChainRandom random = new ChainRandom(config.seed());
            random.split(); // the jumped stream, independent of the SMC run's own stream for the same seed
            for (int r = 0; r < config.populations(); r++) {
                starts.add(StartingDraws.of(space.priorDraws(config.particles(), random)));
            }
        }
        PopulationRun run = new Smc(config).run(target, how.kernel(), starts);
        double[][] energies = run.energies();
        double[] flat = new double[run.populations() * run.particles()];
        int i = 0;
        for (double[] pop : energies) {
            for (double u : pop) {
                flat[i++] = u;
            }
        }
        // log Z is the prior mass of the relaxed level set only for level-set queries; for a Gibbs query
        // exp(-G/τ) it is a normalising constant without that meaning, so the result carries none.
        PriorMass mass = query instanceof OutputEnergy
                ? new PriorMass(run.logPriorMass(), run.logPriorMassStandardError(), run.populations())
                : null;
        ProbeResult result = ResultBuilder.build(space, query, run.pooledParticles(), run.populations(), flat,
                run.describe(), budget, run.diagnostics(), mass);
        return new PopulationResult(result, run, pool);
    }
}
