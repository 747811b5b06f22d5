package dev.probe.core.query;

import dev.probe.core.autograd.Constant;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.ModelUnderTest;
import java.util.List;
import java.util.Objects;

/**
 * The shared part of BAYES-PROBE's level-set queries on one classifier: a Gaussian relaxation of width
 * {@code σ} (default {@value #DEFAULT_SIGMA}, the paper's value) around the target.
 */
abstract class LevelSetQuery implements Query {
    /** The σ BAYES-PROBE uses for all experiments. */
    static final double DEFAULT_SIGMA = 0.05;

    final Classifier classifier;
    final double sigma;

    LevelSetQuery(Classifier classifier, double sigma) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.sigma = Checks.sigma(sigma);
    }

    /** {@code (value − target)² / 2σ²} as a tensor. */
    static ai.djl.ndarray.NDArray gaussian(ai.djl.ndarray.NDArray value, double target, double sigma) {
        return value.sub(Constant.of(value, target)).square().div(Constant.of(value, 2 * sigma * sigma));
    }

    @Override
    public boolean isDifferentiable() {
        return classifier.isDifferentiable();
    }

    @Override
    public int inputDimension() {
        return classifier.inputDimension();
    }

    @Override
    public List<ModelUnderTest> models() {
        return List.of(classifier);
    }

    public double sigma() {
        return sigma;
    }

    /** What {@code describe()} says (a query or space printed in a log reads as in reports and messages). */
    @Override
    public String toString() {
        return describe();
    }
}
