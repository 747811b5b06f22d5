package dev.probe.examples.papers;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;

import dev.probe.core.model.Classifier;
import dev.probe.core.result.ProbeResult;
import dev.probe.junit.ProbeAnswer;
import dev.probe.core.space.SampleSpace;
import dev.probe.examples.models.BundledModel;
import dev.probe.examples.train.Sharpness;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.annotations.ProbeAmbivalent;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.annotations.ProbeHighConfidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;

/**
 * GAN versus VAE priors (BAYES-PROBE §4.5 and §5): the same MNIST CNN probed for high-confidence and
 * ambivalent digits through the bundled VAE and the bundled DCGAN (same 5-d standard-normal latent): five
 * classes and four pairs, 4 SMC populations of 64 particles each (growing where they fall short of the
 * thresholds) from a prior pool of 262,144 draws for the VAE (shared with {@link MnistLevelSetsTest}) and
 * {@value #GAN_POOL} for the GAN, to keep the experiment within a few minutes of the CI budget. The
 * paper reports sharper samples under the GAN, and that ambivalent (and graded) level sets "failed for most
 * of the cases when using a GAN". The test class writes the comparison
 * ({@code target/probe-reports/GanVsVaeTest/gan-vs-vae.md}): per prior and question, how many probes were
 * judged (attained their level set with converged evidence; the rest were not sampled or not converged),
 * their mean attainment, the blur of the samples that
 * attained it (mid-tone fraction of inked pixels, {@link Sharpness}), and how well the chains moved (mean
 * acceptance, energy ESS). It asserts that GAN samples are sharper.
 */
@ProbeSettings(particles = 64, pool = 262_144)
class GanVsVaeTest {
    /**
     * Ambivalent pairs asked under both priors (the paper's Fig. 5 pair 1:7 and a spread of others). Four, not the six
     * of earlier runs: the GAN's pairs are the suite's most expensive probes (28–62 s each on 2 cores), and 3:5 and 3:8
     * (both converged and passed under both priors) were left out to keep CI well inside its 30 minutes.
     */
    static final String[] PAIRS = {"1:7", "4:9", "5:8", "2:7"};
    /** High-confidence classes asked under both priors (five, the digits of the first pairs, for the CI budget). */
    static final int CLASSES = 5;
    /**
     * The GAN's own pool: a quarter of the VAE's, whose 262,144 draws {@link MnistLevelSetsTest} shares. The
     * generator's convolutions make each draw cost about twice a VAE draw (262,144 took 113 s on a 2-core CI
     * machine, 65,536 take 30 s), and every GAN probe here still converges from it (the first round's four
     * populations start from 8,192 draws each, half the pool; populations added later split the other half).
     */
    static final int GAN_POOL = 65_536;
    private static final Map<String, List<double[]>> ROWS = new ConcurrentHashMap<>();

    @ProbedModel
    static Classifier cnn() {
        return PaperModels.imageClassifier(BundledModel.MNIST_CNN);
    }

    @Generator("vae")
    static SampleSpace vae() {
        return PaperModels.vae(BundledModel.MNIST_VAE);
    }

    @Generator("gan")
    static SampleSpace gan() {
        return PaperModels.gan(BundledModel.MNIST_GAN);
    }

    @ProbeHighConfidence(generator = "vae", classes = {1, 3, 4, 7, 9})
    void vaeHighConfidence(ProbeAnswer answer) {
        record("VAE", "high confidence", answer.result());
        assertThat(answer).hasTargetAttainmentAtLeast(0.3);
    }

    @ProbeHighConfidence(generator = "gan", classes = {1, 3, 4, 7, 9})
    @ProbeSettings(pool = GAN_POOL)
    void ganHighConfidence(ProbeAnswer answer) {
        record("GAN", "high confidence", answer.result());
        assertThat(answer).hasAcceptanceBetween(0.05, 0.99);
    }

    @ProbeAmbivalent(generator = "vae", pairs = {"1:7", "4:9", "5:8", "2:7"})
    @ProbeSettings(sigma = 0.1)
    void vaeAmbivalent(ProbeAnswer answer) {
        record("VAE", "ambivalent", answer.result());
        assertThat(answer).hasTargetAttainmentAtLeast(0.3);
    }

    @ProbeAmbivalent(generator = "gan", pairs = {"1:7", "4:9", "5:8", "2:7"})
    @ProbeSettings(sigma = 0.1, pool = GAN_POOL)
    void ganAmbivalent(ProbeAnswer answer) {
        record("GAN", "ambivalent", answer.result());
        assertThat(answer).hasTargetAttainmentAtLeast(0.3);
    }

    /** Per probe: attainment, mid-tone fraction of the attained samples' pixels. */
    private static void record(String prior, String question, ProbeResult result) {
        double tolerance = 0.1;
        List<double[]> attained = new ArrayList<>();
        double[] distances = result.targetDistances();
        double[][] inputs = result.inputs();
        for (int i = 0; i < distances.length; i++) {
            if (distances[i] <= tolerance) {
                attained.add(inputs[i]);
            }
        }
        double blur = Sharpness.midtoneFraction(attained.toArray(new double[0][]));
        ROWS.computeIfAbsent(prior + "|" + question, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(new double[] {result.attainment(tolerance).estimate(), blur, attained.size(),
                        result.diagnostics().meanAcceptance(), result.diagnostics().energyEss()});
    }

    @AfterAll
    static void comparison() throws java.io.IOException {
        StringBuilder s = new StringBuilder("| prior | question | probes | judged (converged, attained) | mean attainment "
                + "| mid-tone fraction of attained samples (blur) | mean acceptance | mean energy ESS |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        Map<String, Double> blur = new ConcurrentHashMap<>();
        for (String question : List.of("high confidence", "ambivalent")) {
            int asked = question.equals("ambivalent") ? PAIRS.length : CLASSES;
            for (String prior : List.of("VAE", "GAN")) {
                List<double[]> rows = ROWS.getOrDefault(prior + "|" + question, List.of());
                double attainment = rows.stream().mapToDouble(r -> r[0]).sum() / asked;
                double inked = rows.stream().filter(r -> r[2] > 0 && Double.isFinite(r[1])).mapToDouble(r -> r[1] * r[2]).sum();
                double weight = rows.stream().filter(r -> r[2] > 0 && Double.isFinite(r[1])).mapToDouble(r -> r[2]).sum();
                double meanBlur = weight > 0 ? inked / weight : Double.NaN;
                blur.put(prior + "|" + question, meanBlur);
                double acceptance = rows.stream().mapToDouble(r -> r[3]).average().orElse(Double.NaN);
                double ess = rows.stream().mapToDouble(r -> r[4]).filter(Double::isFinite).average().orElse(Double.NaN);
                s.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.3f | %.2f | %.1f |%n", prior, question,
                        asked, rows.size(), attainment, meanBlur, acceptance, ess));
            }
        }
        System.out.println(s);
        Path file = Path.of(System.getProperty("probe.reportDir", "target/probe-reports"), "GanVsVaeTest", "gan-vs-vae.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, s.toString());
        Double gan = blur.get("GAN|high confidence");
        Double vae = blur.get("VAE|high confidence");
        if (gan != null && vae != null && Double.isFinite(gan) && Double.isFinite(vae)) {
            org.assertj.core.api.Assertions.assertThat(gan).as("GAN samples are sharper than VAE samples:%n%s", s)
                    .isLessThan(vae);
        }
    }
}
