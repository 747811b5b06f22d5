package dev.probe.examples.scenes;

/**
 * The object shapes of the scene world, CLEVR's three plus a cone that no trained model has seen
 * (BAYES-PROBE §4.7, Fig. 9: "we add a new shape — a cone — to the generator").
 *
 * <pre>{@code
 * SceneShape s = SceneShape.CONE;
 * }</pre>
 */
public enum SceneShape {
    /** A shaded disc with a highlight, drawn as CLEVR's rubber or metal balls look from above. */
    SPHERE,
    /** A square front face with a lighter top face and a darker side: a cube in oblique projection. */
    CUBE,
    /** A body with an elliptical top face. */
    CYLINDER,
    /** A triangle over an elliptical base: the novel shape. */
    CONE
}
