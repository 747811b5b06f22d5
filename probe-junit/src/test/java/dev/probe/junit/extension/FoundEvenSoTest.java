package dev.probe.junit.extension;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.assertions.MisclassificationOnAPairTest;
import org.junit.jupiter.api.Test;

/**
 * An inconclusive probe's "found even so" counts the attained draws whose true label is outside the question: a new
 * user's ambivalent pair counted 232 of 485 torn draws as found defects, the ones whose coin-flip top class was the
 * other class of the pair.
 */
class FoundEvenSoTest {

    @Test
    void onAPairItCountsTrueLabelsOutsideThePair() {
        ProbeAnswer pair = MisclassificationOnAPairTest.torn().withTargetLabels(0, 1);
        assertThat(Verdict.foundEvenSo(pair)).startsWith("found even so: 40 of the 400 attained draws are labelled "
                + "otherwise by the oracle (their true label is none of 0, 1, the classes model 'm' is asked about)");
    }

    @Test
    void onAQuestionAboutEveryClassItSaysNothing() {
        assertThat(Verdict.foundEvenSo(MisclassificationOnAPairTest.torn().withTargetLabels(0, 1, 2))).isEmpty();
    }
}
