package dev.probe.core.render;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Renders every artifact from synthetic data into a folder, for a person to look at (a program, not a
 * test): {@code ./mvnw -q -pl probe-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.probe.core.render.RenderPreview -Dexec.args=/tmp/render-preview}.
 */
final class RenderPreview {
    private RenderPreview() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/render-preview");
        int n = 24;
        double[][] digits = new double[n][28 * 28];
        double[][] colour = new double[n][3 * 16 * 16];
        String[] captions = new String[n];
        double[][] p = ConfidencePlotTest.probabilities(300, 10, 3);
        for (int i = 0; i < n; i++) {
            ring(digits[i], 28, 6 + i % 6, 2 + i % 3);
            for (int k = 0; k < 3; k++) {
                ring(colour[i], 16, 3 + (i + k) % 5, 1.5);
                System.arraycopy(colour[i], 0, colour[i], k * 256, 256);
                Arrays.fill(colour[i], k * 256, k * 256 + 16 * (i % 4 + k), 0.2 * k);
            }
            captions[i] = String.format(Locale.ROOT, "%d: %.2f", i % 10, p[i][i % 10]);
        }
        ImageGrid.grey(28, 28).withTitle("Ambivalent digits").write(dir.resolve("grid-grey.png"), digits, captions);
        ImageGrid.rgb(16, 16).withScale(4).write(dir.resolve("grid-rgb.png"), colour, captions);
        ConfidencePlot.titled("Predicted probability per class on 300 samples")
                .write(dir.resolve("confidence.png"), p);
        ConfidencePlot.titled("Top classes").withMaxClasses(8).write(dir.resolve("confidence-top.png"),
                ConfidencePlotTest.probabilities(300, 100, 4));
        LatentScatter.titled("Samples among prior draws").write(dir.resolve("latent-2d.png"),
                LatentScatterTest.gaussian(1000, 2, 0, 1), LatentScatterTest.gaussian(150, 2, 1.8, 2));
        LatentScatter.titled("Samples among prior draws").write(dir.resolve("latent-pca.png"),
                LatentScatterTest.gaussian(1000, 16, 0, 1), LatentScatterTest.gaussian(150, 16, 1.8, 2));
        LatentScatter.titled("Samples among prior draws").write(dir.resolve("latent-1d.png"),
                LatentScatterTest.gaussian(1000, 1, 0, 1), LatentScatterTest.gaussian(150, 1, 1.8, 2));
        TracePlot.titled("Energy per chain").write(dir.resolve("trace.png"), TracePlotTest.energies(8, 500, 5));
        TracePlot.titled("Energy per chain").write(dir.resolve("trace-many.png"), TracePlotTest.energies(40, 500, 6));
        FeatureDistributions.titled("Credit features: samples vs training")
                .withFeatureNames("age", "income", "debt ratio", "tenure", "score", "open accounts", "late payments")
                .write(dir.resolve("features.png"), LatentScatterTest.gaussian(2000, 7, 0, 7),
                        LatentScatterTest.gaussian(300, 7, 1.2, 8));
        SampleCsv.empty().withBlock("p", p).withColumn("energy", new SplittableRandom(1).doubles(300).toArray())
                .write(dir.resolve("samples.csv"));
        DiagnosticsTable.of(new dev.probe.core.diagnostics.Diagnostics(new double[] {0.55, 0.61},
                new double[] {1.003}, new double[] {812}, 1.002, 930, 4.1, 3.2, 0, 12, 6000, 20, 0.0831))
                .with("seed", "42").writeHtml(dir.resolve("diagnostics.html"));
    }

    /** A blurred ring of the given radius, like a hand-drawn zero. */
    private static void ring(double[] image, int side, double radius, double width) {
        double c = (side - 1) / 2.0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double r = Math.hypot(x - c, y - c);
                image[y * side + x] = Math.exp(-Math.pow((r - radius) / width, 2));
            }
        }
    }
}
