package dev.probe.junit.assertions;

import dev.probe.junit.ProbeAnswer;

/** "models cnn and mlp are not both in this result; it has [mnist-cnn, mnist-mlp]". */
final class ShouldHaveModels {
    private ShouldHaveModels() {}

    static String message(ProbeAnswer a, String first, String second) {
        return FailureFrame.framed(a, "models " + first + " and " + second + " are not both in this result; it has "
                + a.result().models() + " (the models' own names, not the names of their @ProbedModel members)");
    }

    static String oracle(ProbeAnswer a) {
        return FailureFrame.framed(a, "this assertion needs an oracle: declare a @ProbeOracle member in the test class, or "
                + "pass one with ProbeAnswer.withOracle(...)");
    }
}
