package dev.probe.junit.assertions;

import dev.probe.junit.ProbeAnswer;

/** "models cnn and mlp are not both in this result; it has [mnist-cnn, mnist-mlp]". */
final class ShouldHaveModels {
    private ShouldHaveModels() {}

    /** "the disagreement of base with base names one model twice …". */
    static String twice(ProbeAnswer a, String model) {
        return FailureFrame.framed(a, "the disagreement of " + model + " with " + model + " names one model twice: a model "
                + "never disagrees with itself, so that rate is 0 whatever the models do. Name two different models of "
                + "this result: it has " + a.result().models());
    }

    static String message(ProbeAnswer a, String first, String second) {
        return FailureFrame.framed(a, "models " + first + " and " + second + " are not both in this result; it has "
                + a.result().models() + " (the models' own names, not the names of their @ProbedModel members)");
    }

    static String oracle(ProbeAnswer a) {
        return FailureFrame.framed(a, "this assertion needs an oracle: declare a @ProbeOracle member in the test class, or "
                + "pass one with ProbeAnswer.withOracle(...)");
    }
}
