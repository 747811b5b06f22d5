package dev.probe.core.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.RowChunking;
import dev.probe.core.query.OutputEnergy;
import dev.probe.core.query.Query;
import dev.probe.core.runtime.Devices;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.space.SampleSpace;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Starting points by sampling-importance-resampling: {@code K·C} candidates from the space's
 * {@link SampleSpace#initialPositions} (for latent spaces, prior draws), and the {@code C} chains start
 * at {@code C} of them drawn without replacement with probability ∝ {@code exp(−G(g(s)))}, the query's
 * own energy (Gumbel top-{@code C}). When the candidates are prior draws this is SIR for the target
 * {@code prior·exp(−G)}; otherwise it is a heuristic. Either way only where chains start changes — the
 * warm-up is discarded and the kernel's stationary distribution is the same — but chains begin where the
 * generator already comes close to the level set instead of anywhere in the prior. Candidates with a
 * non-finite energy are chosen last. Forward-only ({@link RowChunking#forward}: no autograd graph, row
 * chunks of the pipeline's tuned size).
 */
final class ScreenedStarts {
    private ScreenedStarts() {}

    static double[][] select(SampleSpace space, Query query, int chains, int perChain, ChainRandom random) {
        if (perChain <= 1) {
            return space.initialPositions(chains, random);
        }
        double[][] candidates = space.initialPositions(chains * perChain, random);
        double[] energies = queryEnergies(space, query, candidates);
        checkStartable(energies, chains, query.describe(), "screened for the chains' starts (screening " + perChain
                + " × " + chains + " chains)", "screen more of them (screening)");
        double[] keys = new double[candidates.length];
        for (int i = 0; i < keys.length; i++) {
            double gumbel = -Math.log(-Math.log(Math.max(random.nextDouble(), Double.MIN_NORMAL)));
            keys[i] = Double.isFinite(energies[i]) ? -energies[i] + gumbel : Double.NEGATIVE_INFINITY;
        }
        return IntStream.range(0, candidates.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> keys[i]).reversed().thenComparing(i -> i))
                .limit(chains)
                .map(i -> candidates[i])
                .toArray(double[][]::new);
    }

    /**
     * Starting points from a shared prior pool: {@code chains} of its draws, without replacement, with probability
     * ∝ {@code exp(−G)} of the query's energy on the pool's stored outputs (no network runs); SIR for
     * {@code prior·exp(−G)}.
     */
    static double[][] fromPool(PriorPool pool, OutputEnergy query, int chains, ChainRandom random) {
        double[] energies = pool.energies(query);
        checkStartable(energies, chains, query.describe(), "of the prior pool the chains start from", "give a larger pool");
        double[] keys = new double[energies.length];
        for (int i = 0; i < keys.length; i++) {
            double gumbel = -Math.log(-Math.log(Math.max(random.nextDouble(), Double.MIN_NORMAL)));
            keys[i] = Double.isFinite(energies[i]) ? -energies[i] + gumbel : Double.NEGATIVE_INFINITY;
        }
        return IntStream.range(0, keys.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> keys[i]).reversed().thenComparing(i -> i))
                .limit(chains)
                .map(pool::coordinates)
                .toArray(double[][]::new);
    }

    /**
     * Refuses starts of which fewer than {@code chains} have a finite energy, before any chain runs: a chain cannot start
     * where the question excludes the input (+∞), and a probe's user cannot pass other starting positions (the
     * sampler's own refusal says to), so this names what they can change (a new user's +∞ question).
     */
    private static void checkStartable(double[] energies, int chains, String query, String draws, String more) {
        long finite = java.util.Arrays.stream(energies).filter(Double::isFinite).count();
        if (finite >= chains) {
            return;
        }
        throw new IllegalStateException(String.format(java.util.Locale.ROOT, "The energy of %s is +∞ at %s of the %d "
                + "prior draws %s, so %s of the %d chains can start: the question excludes %s. If it is +∞ everywhere, "
                + "no budget changes that: check Query.energy at a few inputs. If it is finite only on a region holding "
                + "fewer than about %d in %d prior draws, %s, or sample by populations (the default), whose starting "
                + "draws are more.", query, finite == 0 ? "every one" : (energies.length - finite) + "", energies.length,
                draws, finite == 0 ? "none" : "only " + finite, chains, finite == 0 ? "every one of them" : "the others",
                chains, energies.length, more));
    }

    private static double[] queryEnergies(SampleSpace space, Query query, double[][] candidates) {
        int d = space.dimension();
        float[] flat = new float[candidates.length * d];
        for (int i = 0; i < candidates.length; i++) {
            for (int k = 0; k < d; k++) {
                flat[i * d + k] = (float) candidates[i][k];
            }
        }
        RowChunking chunking = RowChunking.configured(ProbeEnergy.pipeline(space, query));
        try (NDManager manager = NDManager.newBaseManager(Devices.preferred())) {
            NDArray s = manager.create(flat, new Shape(candidates.length, d));
            NDArray g = chunking.forward(s, batch -> ReachedNaNCheck.energyOf(query, space.toInput(batch),
                    batch.getShape().get(0)));
            double[] energies = g.toType(DataType.FLOAT64, false).toDoubleArray();
            PriorDrawCheck.noNaN(space, query.models(), query.describe(), candidates, energies);
            BatchIndependence.atPriorDraws(space, query.models(), candidates);
            return energies;
        }
    }
}
