package dev.probe.examples.scenes;

import dev.probe.core.space.ProceduralSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A procedural world of small CLEVR-like scenes (BAYES-PROBE §4.2–4.3, §4.7): a scene is a number of
 * objects (1 to {@link #MAX_OBJECTS}) with, per object slot, a shape, a colour and a size (categorical)
 * and a position (continuous). Its {@link #space(String) ProceduralSpace} samples these attributes (a
 * uniform prior; MH moves them) and renders them with {@link SceneRenderer}. Which shapes exist is the
 * world's choice: {@link #clevr()} has spheres, cubes and cylinders; {@link #of} builds others, e.g. one
 * with a cone and without spheres (the paper's extrapolation: revoke the target shape, add a novel one).
 *
 * <p>Objects are placed slot by slot; an object whose footprint centre falls within 0.7·(r₁ + r₂) of an
 * already placed object is left out (the CLEVR generator also rejects heavy overlaps), so the placed
 * objects ({@link #objects}) — what every label counts — are exactly what is drawn.
 *
 * <p>Attribute layout: {@code count} (category {@code c} = {@code c+1} objects), then for slot
 * {@code k = 0..5}: {@code shape_k}, {@code colour_k}, {@code size_k} (0 small, 1 large), {@code x_k},
 * {@code y_k}.
 *
 * <pre>{@code
 * SceneWorld noSpheres = SceneWorld.of(SceneShape.CUBE, SceneShape.CYLINDER, SceneShape.CONE);
 * ProceduralSpace scenes = noSpheres.space("scenes-without-spheres");
 * int blueSpheres = SceneQuestion.BLUE_SPHERES.answer(noSpheres.objects(attributes));   // always 0
 * }</pre>
 */
public final class SceneWorld {
    /** Most objects in a scene. */
    public static final int MAX_OBJECTS = 6;
    /** Attributes per object slot. */
    public static final int PER_OBJECT = 5;
    /** Margin of object centres from the image border, in pixels. */
    public static final double MARGIN = 5;

    private final List<SceneShape> shapes;

    private SceneWorld(List<SceneShape> shapes) {
        this.shapes = List.copyOf(shapes);
    }

    /** @return CLEVR's shapes: sphere, cube, cylinder */
    public static SceneWorld clevr() {
        return of(SceneShape.SPHERE, SceneShape.CUBE, SceneShape.CYLINDER);
    }

    /**
     * @param shapes the shapes the generator can draw (at least two, no repeats)
     * @return the world
     */
    public static SceneWorld of(SceneShape... shapes) {
        List<SceneShape> list = List.of(shapes);
        if (list.size() < 2 || list.stream().distinct().count() != list.size()) {
            throw new IllegalArgumentException("A scene world needs at least two distinct shapes, got " + list);
        }
        return new SceneWorld(list);
    }

    /** @return the shapes this world draws, in the order of the {@code shape_k} categories */
    public List<SceneShape> shapes() {
        return shapes;
    }

    /** @return the number of attributes, {@code 1 + 6·5} */
    public static int attributes() {
        return 1 + MAX_OBJECTS * PER_OBJECT;
    }

    /**
     * @param name the generator's name in results
     * @return the procedural space over this world's attributes, rendering {@link SceneRenderer} images on every
     *     core (the renderer keeps no state between calls)
     */
    public ProceduralSpace space(String name) {
        ProceduralSpace.Builder b = ProceduralSpace.builder(name).categorical("count", MAX_OBJECTS);
        double hi = SceneRenderer.SIDE - MARGIN;
        for (int k = 0; k < MAX_OBJECTS; k++) {
            b.categorical("shape" + k, shapes.size()).categorical("colour" + k, SceneColour.values().length)
                    .categorical("size" + k, 2).continuous("x" + k, MARGIN, hi).continuous("y" + k, MARGIN, hi);
        }
        return b.renderer(SceneRenderer.FEATURES, this::render)
                .renderThreads(Runtime.getRuntime().availableProcessors()).build();
    }

    /**
     * @param a attribute values (categorical ones whole numbers)
     * @return the placed objects, back (small y) to front
     */
    public List<SceneObject> objects(double[] a) {
        Objects.requireNonNull(a, "attributes");
        if (a.length != attributes()) {
            throw new IllegalArgumentException("A scene has " + attributes() + " attributes, got " + a.length);
        }
        int count = (int) Math.round(a[0]) + 1;
        List<SceneObject> placed = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            int o = 1 + k * PER_OBJECT;
            SceneObject next = new SceneObject(shapes.get((int) Math.round(a[o])),
                    SceneColour.values()[(int) Math.round(a[o + 1])], Math.round(a[o + 2]) == 1, a[o + 3], a[o + 4]);
            if (placed.stream().allMatch(p -> Math.hypot(p.x() - next.x(), p.y() - next.y())
                    >= 0.7 * (p.radius() + next.radius()))) {
                placed.add(next);
            }
        }
        placed.sort(Comparator.comparingDouble(SceneObject::y));
        return placed;
    }

    /**
     * @param a attribute values
     * @return the rendered scene, {@link SceneRenderer#FEATURES} values in [0, 1], channel-first RGB
     */
    public double[] render(double[] a) {
        return SceneRenderer.render(objects(a));
    }

    /** @return e.g. {@code "2 objects: large blue sphere (12,20), small red cube (30,8)"} */
    public String describe(double[] a) {
        List<SceneObject> objects = objects(a);
        StringBuilder s = new StringBuilder(objects.size() + " objects:");
        for (SceneObject o : objects) {
            s.append(String.format(java.util.Locale.ROOT, " %s %s %s (%.0f,%.0f)", o.large() ? "large" : "small",
                    o.colour().name().toLowerCase(java.util.Locale.ROOT), o.shape().name().toLowerCase(java.util.Locale.ROOT),
                    o.x(), o.y()));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "SceneWorld" + shapes;
    }
}
