package dev.probe.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Sample}: the predicted class, and a description that shows values (assertion messages print it). */
class SampleTest {

    @Test
    void predictedIsTheLargestOutputAndToStringShowsTheValues() {
        Sample s = new Sample(3, new double[] {0.5, -1.25}, new double[] {1, 2}, new double[][] {{0.2, 0.7, 0.1}}, 0.012345);
        assertThat(s.predicted(0)).isEqualTo(1);
        assertThat(s).hasToString("Sample[index=3, latent=[0.5000, -1.250], input=[1.000, 2.000], "
                + "outputs=[[0.2000, 0.7000, 0.1000]], targetDistance=0.01235]");
        Sample image = new Sample(0, new double[] {0}, new double[784], new double[][] {{1}}, 0);
        assertThat(image.toString()).contains("input=(784 values)").doesNotContain("[D@");
    }
}
