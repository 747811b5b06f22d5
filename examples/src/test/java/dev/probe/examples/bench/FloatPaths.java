package dev.probe.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.autograd.RowChunking;
import dev.probe.core.model.Classifier;
import dev.probe.core.model.TensorFunction;
import dev.probe.core.model.TorchScriptFunction;
import dev.probe.core.probe.Probe;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.EnergyGradient;
import dev.probe.core.sampler.Mala;
import dev.probe.core.sampler.Sampler;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.LatentSpace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The float-path experiment: the high-confidence energy through variants of the bundled networks exported
 * by {@code examples/scripts/export_float_paths.py} (fp32, bfloat16 weights and activations with fp32
 * inputs and outputs, channels-last CNN), against the bundled fp32 DJL blocks: speed (forward+backward and
 * forward-only rows/s at one batch size) and accuracy (energy, gradient and class probability deltas at
 * prior draws and at points on the level set, and whether a point's attainment verdict changes).
 */
final class FloatPaths {
    private FloatPaths() {}

    static String run(Workload reference, Path dir, int rows, double seconds) {
        String[][] variants = {
            {"TorchScript fp32", "cnn-fp32.pt", "decoder-fp32.pt"},
            {"TorchScript channels-last CNN", "cnn-channels-last.pt", "decoder-fp32.pt"},
            {"TorchScript bf16 CNN, fp32 decoder", "cnn-bf16.pt", "decoder-fp32.pt"},
            {"TorchScript bf16 CNN and decoder", "cnn-bf16.pt", "decoder-bf16.pt"},
        };
        MarkdownTable t = new MarkdownTable("networks", "fwd+bwd rows/s (CPU ms/row)", "forward rows/s (CPU ms/row)", "max rel. ΔU (prior)",
                "max Δp₃ (prior)", "gradient rel. RMS (prior)", "max ΔU (level set)", "max Δp₃ (level set)",
                "gradient rel. RMS (level set)", "attainment verdicts changed");
        Energy base = reference.energy(RowChunking.none());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray prior = priorDraws(m, 1024);
            NDArray levelSet = levelSetPoints(m, reference);
            Values basePrior = values(reference, base, prior);
            Values baseLevel = values(reference, base, levelSet);
            t.add("DJL blocks fp32 (bundled)", speed(base, m, rows, seconds, true), speed(base, m, rows, seconds, false),
                    "0", "0", "0", "0", "0", "0", "0 / " + baseLevel.p.length);
            for (String[] v : variants) {
                try (TorchScriptFunction cnn = TorchScriptFunction.load(dir.resolve(v[1]), new Shape(1, 28, 28));
                        TorchScriptFunction dec = TorchScriptFunction.load(dir.resolve(v[2]), new Shape(5))) {
                    Workload w = variant(v[0], cnn, dec);
                    Energy e = w.energy(RowChunking.none());
                    Values a = values(w, e, prior);
                    Values b = values(w, e, levelSet);
                    int changed = changed(b, baseLevel);
                    t.add(v[0], speed(e, m, rows, seconds, true), speed(e, m, rows, seconds, false),
                            g(a.maxRelativeEnergy(basePrior)), g(a.maxProbability(basePrior)), g(a.gradientRms(basePrior)),
                            g(b.maxAbsoluteEnergy(baseLevel)), g(b.maxProbability(baseLevel)), g(b.gradientRms(baseLevel)),
                            changed + " / " + b.p.length);
                    System.out.println("float path done: " + v[0] + "; load " + Machine.load());
                }
            }
        }
        return Machine.format("Float paths (high-confidence energy, %d rows per call, whole batch):%n%n", rows) + t;
    }

    private static int changed(Values v, Values reference) {
        int changed = 0;
        for (int i = 0; i < v.p.length; i++) {
            if ((Math.abs(v.p[i] - 1) < SamplerRun.TOLERANCE) != (Math.abs(reference.p[i] - 1) < SamplerRun.TOLERANCE)) {
                changed++;
            }
        }
        return changed;
    }

    private static Workload variant(String name, TensorFunction cnn, TensorFunction decoder) {
        return new Workload(name, Probe.of(LatentSpace.standardNormal(decoder), HighConfidence.of(Classifier.fromLogits(cnn), 3)));
    }

    /** Energy, gradient and class-3 probability at every row of {@code x}. */
    private record Values(float[] u, float[] grad, double[] p) {
        double maxRelativeEnergy(Values r) {
            double max = 0;
            for (int i = 0; i < u.length; i++) {
                max = Math.max(max, Math.abs(u[i] - r.u[i]) / Math.max(1e-6, Math.abs(r.u[i])));
            }
            return max;
        }

        double maxAbsoluteEnergy(Values r) {
            double max = 0;
            for (int i = 0; i < u.length; i++) {
                max = Math.max(max, Math.abs(u[i] - r.u[i]));
            }
            return max;
        }

        double maxProbability(Values r) {
            double max = 0;
            for (int i = 0; i < p.length; i++) {
                max = Math.max(max, Math.abs(p[i] - r.p[i]));
            }
            return max;
        }

        double gradientRms(Values r) {
            double d = 0;
            double n = 0;
            for (int i = 0; i < grad.length; i++) {
                d += (grad[i] - r.grad[i]) * (double) (grad[i] - r.grad[i]);
                n += r.grad[i] * (double) r.grad[i];
            }
            return Math.sqrt(d / n);
        }
    }

    private static Values values(Workload w, Energy e, NDArray x) {
        try (NDManager s = x.getManager().newSubManager()) {
            NDArray z = x.duplicate();
            z.attach(s);
            EnergyGradient eg = e.valueAndGradient(z);
            double[][] rows = toRows(z);
            double[][] outputs = w.probe().query().models().get(0).outputs(w.probe().space().toInputs(rows));
            double[] p = new double[outputs.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = outputs[i][3];
            }
            return new Values(eg.value().toFloatArray(), eg.gradient().toFloatArray(), p);
        }
    }

    /** "rows/s (CPU ms per row)": median wall-clock rate, and process CPU time per row (robust to other load). */
    private static String speed(Energy e, NDManager m, int rows, double seconds, boolean gradient) {
        NDArray x = priorDraws(m, rows);
        List<Double> times = new ArrayList<>();
        double cpu = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; times.size() < 4 || System.nanoTime() < end; i++) {
            long t = System.nanoTime();
            double c = Machine.cpuSeconds();
            try (NDManager s = m.newSubManager()) {
                x.attach(s);
                if (gradient) {
                    e.valueAndGradient(x);
                } else {
                    e.value(x);
                }
                x.attach(m);
            }
            if (i > 0) {
                times.add((System.nanoTime() - t) / 1e9);
                cpu += Machine.cpuSeconds() - c;
            }
        }
        Collections.sort(times);
        return Machine.format("%.0f (%.3f)", rows / times.get(times.size() / 2), 1000 * cpu / times.size() / rows);
    }

    /** Final states of a short fp32 MALA run on the high-confidence energy: points on or near the level set. */
    private static NDArray levelSetPoints(NDManager m, Workload reference) {
        SamplerConfig c = SamplerConfig.builder().chains(64).warmup(150).draws(4).seed(5).build();
        double[][] s = new Sampler(c).run(Mala.of(0.05), reference.probe().energy()).pooledSamples();
        float[] flat = new float[s.length * 5];
        for (int i = 0; i < s.length; i++) {
            for (int k = 0; k < 5; k++) {
                flat[i * 5 + k] = (float) s[i][k];
            }
        }
        return m.create(flat, new Shape(s.length, 5));
    }

    private static NDArray priorDraws(NDManager m, int rows) {
        Random r = new Random(7);
        float[] z = new float[rows * 5];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        return m.create(z, new Shape(rows, 5));
    }

    private static double[][] toRows(NDArray z) {
        float[] f = z.toFloatArray();
        double[][] out = new double[f.length / 5][5];
        for (int i = 0; i < f.length; i++) {
            out[i / 5][i % 5] = f[i];
        }
        return out;
    }

    private static String g(double v) {
        return Machine.format("%.2g", v);
    }
}
