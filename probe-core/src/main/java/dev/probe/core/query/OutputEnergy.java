package dev.probe.core.query;

/**
 * A query whose energy depends on the input only through its models' outputs, so it can be evaluated
 * on stored outputs without running any network again: the level-set queries ({@link HighConfidence},
 * {@link Ambivalent}, {@link TargetConfidence}, {@link FullyAmbiguous}). A prior pool stores every
 * model's outputs once per (space, models) pair and re-weights its draws for each such query.
 *
 * <p>Contract: for an input {@code x} whose outputs are {@code outputs[m] = models().get(m)} at {@code x},
 * {@code energyOfOutputs(outputs)} equals {@code energy(x)} (up to the float rounding of the tensor path).
 *
 * <pre>{@code
 * OutputEnergy q = HighConfidence.of(classifier, 8);
 * double g = q.energyOfOutputs(new double[][] {classifier.outputs(new double[][] {x})[0]});
 * }</pre>
 */
public interface OutputEnergy extends Query {

    /** The energy {@code G} of one sample from its models' output rows ({@code outputs[m]} of model {@code m}). */
    double energyOfOutputs(double[][] outputs);
}
