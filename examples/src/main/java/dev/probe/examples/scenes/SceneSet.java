package dev.probe.examples.scenes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.space.ProceduralSpace;

/**
 * Scenes drawn from a world's prior (uniform attributes), rendered once and held as bytes, with the true
 * answer to every {@link SceneQuestion}: the training and test data of the scene model.
 *
 * <pre>{@code
 * SceneSet test = SceneSet.draw(SceneWorld.clevr(), 2_000, 2L);
 * NDArray x = test.images(manager, new int[] {0, 1, 2});      // [3, 3, 40, 40]
 * int n = test.answer(0, SceneQuestion.OBJECTS);
 * }</pre>
 */
public final class SceneSet {
    private final double[][] attributes;
    private final byte[] pixels;
    private final int[][] answers;

    private SceneSet(double[][] attributes, byte[] pixels, int[][] answers) {
        this.attributes = attributes;
        this.pixels = pixels;
        this.answers = answers;
    }

    /**
     * @param world the world
     * @param count number of scenes
     * @param seed seed of the prior draws
     * @return the rendered scenes with their answers
     */
    public static SceneSet draw(SceneWorld world, int count, long seed) {
        ProceduralSpace space = world.space("scene-set");
        double[][] a = space.initialPositions(count, new ChainRandom(seed));
        byte[] px = new byte[count * SceneRenderer.FEATURES];
        int[][] ans = new int[count][SceneQuestion.values().length];
        for (int i = 0; i < count; i++) {
            var objects = world.objects(a[i]);
            double[] x = SceneRenderer.render(objects);
            for (int p = 0; p < x.length; p++) {
                px[i * SceneRenderer.FEATURES + p] = (byte) Math.round(255 * x[p]);
            }
            for (SceneQuestion q : SceneQuestion.values()) {
                ans[i][q.ordinal()] = q.answer(objects);
            }
        }
        return new SceneSet(a, px, ans);
    }

    /** @return the number of scenes */
    public int size() {
        return answers.length;
    }

    /** @return the true answer to {@code q} for scene {@code i} */
    public int answer(int i, SceneQuestion q) {
        return answers[i][q.ordinal()];
    }

    /** @return a copy of scene {@code i}'s attributes */
    public double[] attributes(int i) {
        return attributes[i].clone();
    }

    /** @return the selected scenes as {@code [n, 3, 40, 40]} float32 in [0, 1] */
    public NDArray images(NDManager manager, int[] indices) {
        int f = SceneRenderer.FEATURES;
        float[] buf = new float[indices.length * f];
        for (int k = 0; k < indices.length; k++) {
            for (int p = 0; p < f; p++) {
                buf[k * f + p] = (pixels[indices[k] * f + p] & 0xff) / 255f;
            }
        }
        return manager.create(buf, new Shape(indices.length, 3, SceneRenderer.SIDE, SceneRenderer.SIDE));
    }

    /** @return the answers to {@code q} of the selected scenes, int32 {@code [n]} */
    public NDArray answers(NDManager manager, int[] indices, SceneQuestion q) {
        int[] out = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = answers[indices[k]][q.ordinal()];
        }
        return manager.create(out);
    }
}
