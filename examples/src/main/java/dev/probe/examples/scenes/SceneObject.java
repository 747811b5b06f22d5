package dev.probe.examples.scenes;

/**
 * One object placed in a scene: shape, colour, whether it is large, and the centre of its footprint in
 * pixels (y grows towards the viewer).
 *
 * <pre>{@code
 * SceneObject ball = new SceneObject(SceneShape.SPHERE, SceneColour.BLUE, true, 20, 24);
 * }</pre>
 *
 * @param shape the shape
 * @param colour the colour
 * @param large large (CLEVR's two sizes) or small
 * @param x centre column
 * @param y centre row
 */
public record SceneObject(SceneShape shape, SceneColour colour, boolean large, double x, double y) {

    /** @return the footprint radius in pixels, larger nearer the viewer (bottom) as in a perspective view */
    public double radius() {
        double base = large ? 5.0 : 3.2;
        return base * (0.8 + 0.4 * y / SceneRenderer.SIDE);
    }
}
