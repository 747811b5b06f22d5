package dev.probe.examples.papers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.model.Classifier;
import dev.probe.core.probe.Probe;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.EnergyGradient;
import dev.probe.core.space.SampleSpace;
import dev.probe.examples.models.BundledModel;
import java.util.Random;

/**
 * Checks on this machine that the chunk size cannot change samples (README, "Throughput"): the Fashion-MNIST
 * high-confidence energy (VAE decoder + CNN) at 21 call sizes from 64 to 1,024 rows, evaluated with chunks of
 * 16, 32, 64, 128 and 256 rows and unchunked ({@code off}); prints, per size and chunk size, how many values
 * ({@code v}), gradient entries ({@code g}) and forward-only values ({@code f}) differ bitwise from {@code off}.
 * All zeros mean the canonical cut holds here. Not a test. Run from {@code examples/} after
 * {@code ../mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}:
 * <pre>
 * java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.graph_optimizer=false \
 *     -Dprobe.examples.dir=$PWD -cp target/test-classes:target/classes:$(cat cp.txt) dev.probe.examples.papers.ChunkCutCheck
 * </pre>
 */
public final class ChunkCutCheck {
    private ChunkCutCheck() {}

    public static void main(String[] args) {
        Classifier cnn = PaperModels.imageClassifier(BundledModel.FASHION_CNN);
        SampleSpace vae = PaperModels.vae(BundledModel.FASHION_VAE);
        String[] chunks = {"off", "16", "32", "64", "128", "256"};
        Energy[] e = new Energy[chunks.length];
        for (int i = 0; i < chunks.length; i++) {
            System.setProperty("probe.chunk", chunks[i]);
            e[i] = Probe.of(vae, HighConfidence.of(cnn, 2)).energy();
        }
        int[] sizes = {64, 65, 96, 127, 128, 129, 160, 192, 200, 255, 256, 257, 300, 320, 384, 448, 512, 513, 640, 768, 1024};
        Random r = new Random(5);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int n : sizes) {
                float[] z = new float[n * 5];
                for (int i = 0; i < z.length; i++) {
                    z[i] = (float) r.nextGaussian();
                }
                NDArray x = m.create(z, new Shape(n, 5));
                float[] v0 = null, g0 = null, f0 = null;
                StringBuilder line = new StringBuilder("n=" + n + ":");
                for (int i = 0; i < chunks.length; i++) {
                    EnergyGradient vg = e[i].valueAndGradient(x);
                    float[] v = vg.value().toFloatArray();
                    float[] g = vg.gradient().toFloatArray();
                    float[] f = e[i].value(x).toFloatArray();
                    if (i == 0) {
                        v0 = v; g0 = g; f0 = f;
                    } else {
                        int dv = 0, dg = 0, df = 0;
                        for (int k = 0; k < v.length; k++) { if (Float.floatToIntBits(v[k]) != Float.floatToIntBits(v0[k])) dv++; }
                        for (int k = 0; k < g.length; k++) { if (Float.floatToIntBits(g[k]) != Float.floatToIntBits(g0[k])) dg++; }
                        for (int k = 0; k < f.length; k++) { if (Float.floatToIntBits(f[k]) != Float.floatToIntBits(f0[k])) df++; }
                        line.append(String.format(" c%s v%d g%d f%d", chunks[i], dv, dg, df));
                    }
                }
                System.out.println(line);
            }
        }
    }
}
