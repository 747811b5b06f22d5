package dev.probe.core.population;

/**
 * The independent prior draws one population starts from: {@code K} positions drawn i.i.d. from the prior
 * ({@code K ≥ N} particles, better many more: with {@code K < N} the first resampling can only repeat draws), and optionally their question energies {@code G} (e.g. re-evaluated on a prior pool's stored
 * outputs, so no network runs for them). All {@code K} enter the first stage with equal weight, the first
 * temperature is solved on their weights, the increment of log Z is their log-mean, and {@code N} of them
 * are resampled. Independent populations need disjoint draws.
 *
 * <pre>{@code
 * StartingDraws fresh = StartingDraws.of(space.priorDraws(256, random));
 * StartingDraws pooled = StartingDraws.withEnergies(poolCoordinates, poolEnergies);
 * }</pre>
 *
 * @param positions {@code [K][d]} prior draws
 * @param questionEnergies {@code [K]} their {@code G}, or {@code null} to evaluate them
 */
public record StartingDraws(double[][] positions, double[] questionEnergies) {

    public StartingDraws {
        if (positions.length == 0) {
            throw new IllegalArgumentException("A population needs at least one starting draw");
        }
        if (questionEnergies != null && questionEnergies.length != positions.length) {
            throw new IllegalArgumentException("Got " + questionEnergies.length + " energies for " + positions.length
                    + " starting draws");
        }
    }

    /** Draws whose energies the sampler evaluates. */
    public static StartingDraws of(double[][] positions) {
        return new StartingDraws(positions, null);
    }

    /** Draws with known question energies. */
    public static StartingDraws withEnergies(double[][] positions, double[] questionEnergies) {
        return new StartingDraws(positions, questionEnergies);
    }

    public int size() {
        return positions.length;
    }
}
