package dev.probe.examples.scenes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.space.ProceduralSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The procedural scene world: attribute layout, placement rule, revoked shapes, rendering. */
class SceneWorldTest {

    @Test
    void theSpaceHasCountThenFiveAttributesPerObject() {
        ProceduralSpace space = SceneWorld.clevr().space("s");
        assertThat(space.dimension()).isEqualTo(31).isEqualTo(SceneWorld.attributes());
        assertThat(space.attributes().subList(0, 6)).containsExactly("count", "shape0", "colour0", "size0", "x0", "y0");
        assertThat(space.levels(0)).isEqualTo(6);
        assertThat(space.levels(space.indexOf("shape3"))).isEqualTo(3);
        assertThat(space.levels(space.indexOf("x5"))).isZero();
        assertThat(space.inputDimension()).isEqualTo(SceneRenderer.FEATURES).isEqualTo(4800);
    }

    @Test
    void objectsFollowTheCountAndLeaveOutHeavyOverlaps() {
        SceneWorld w = SceneWorld.clevr();
        double[] a = new double[SceneWorld.attributes()];
        a[0] = 2; // three objects
        set(a, 0, 0, 2, 1, 10, 10); // large blue sphere at (10, 10)
        set(a, 1, 1, 0, 0, 30, 30); // small red cube at (30, 30)
        set(a, 2, 2, 3, 0, 11, 11); // small yellow cylinder on top of the sphere: left out
        List<SceneObject> objects = w.objects(a);
        assertThat(objects).hasSize(2);
        assertThat(objects.get(0).shape()).isEqualTo(SceneShape.SPHERE);
        assertThat(objects.get(0).colour()).isEqualTo(SceneColour.BLUE);
        assertThat(SceneQuestion.OBJECTS.answer(objects)).isEqualTo(2);
        assertThat(SceneQuestion.BLUE_SPHERES.answer(objects)).isEqualTo(1);
        assertThat(SceneQuestion.CYLINDERS.answer(objects)).isZero();
        a[0] = 0; // one object
        assertThat(w.objects(a)).hasSize(1);
    }

    @Test
    void aWorldWithoutSpheresNeverDrawsOne() {
        SceneWorld noSpheres = SceneWorld.of(SceneShape.CUBE, SceneShape.CYLINDER, SceneShape.CONE);
        ProceduralSpace space = noSpheres.space("no-spheres");
        double[][] draws = space.initialPositions(500, new ChainRandom(3));
        int cones = 0;
        for (double[] a : draws) {
            List<SceneObject> objects = noSpheres.objects(a);
            assertThat(SceneQuestion.SPHERES.answer(objects)).isZero();
            cones += (int) objects.stream().filter(o -> o.shape() == SceneShape.CONE).count();
        }
        assertThat(cones).isPositive();
    }

    @Test
    void renderingIsDeterministicRgbInTheUnitInterval() {
        SceneWorld w = SceneWorld.clevr();
        double[] a = w.space("s").initialPositions(1, new ChainRandom(9))[0];
        double[] x = w.render(a);
        assertThat(x).hasSize(4800).containsExactly(w.render(a));
        assertThat(java.util.Arrays.stream(x).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(java.util.Arrays.stream(x).max().orElseThrow()).isLessThanOrEqualTo(1);
        // objects change the picture: the empty floor differs from the scene
        assertThat(SceneRenderer.render(List.of())).isNotEqualTo(x);
    }

    /** Each thread reuses one canvas: a scene drawn after others equals the scene drawn first on a fresh thread. */
    @Test
    void aSceneDoesNotDependOnTheScenesDrawnBeforeItOnItsThread() throws Exception {
        SceneWorld w = SceneWorld.clevr();
        double[][] a = w.space("s").initialPositions(20, new ChainRandom(11));
        double[][] first = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            int k = i;
            Thread fresh = new Thread(() -> first[k] = w.render(a[k]));
            fresh.start();
            fresh.join();
        }
        double[] floorFirst = SceneRenderer.render(List.of());
        for (int i = a.length - 1; i >= 0; i--) {
            assertThat(w.render(a[i])).as("scene %d after others", i).containsExactly(first[i]);
        }
        assertThat(SceneRenderer.render(List.of())).containsExactly(floorFirst);
        // every value is a byte over 255, exactly as the division gives it
        for (double v : first[0]) {
            assertThat(v).isEqualTo(Math.round(v * 255) / 255.0);
        }
    }

    @Test
    void badWorldsAndAttributesAreNamed() {
        assertThatThrownBy(() -> SceneWorld.of(SceneShape.CUBE)).hasMessageContaining("at least two distinct shapes");
        assertThatThrownBy(() -> SceneWorld.clevr().objects(new double[3])).hasMessageContaining("31 attributes");
    }

    private static void set(double[] a, int slot, int shape, int colour, int size, double x, double y) {
        int o = 1 + slot * SceneWorld.PER_OBJECT;
        a[o] = shape;
        a[o + 1] = colour;
        a[o + 2] = size;
        a[o + 3] = x;
        a[o + 4] = y;
    }
}
