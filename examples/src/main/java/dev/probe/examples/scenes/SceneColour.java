package dev.probe.examples.scenes;

import java.awt.Color;

/**
 * Object colours of the scene world (six of CLEVR's eight; grey is the floor).
 *
 * <pre>{@code
 * Color c = SceneColour.BLUE.rgb();
 * }</pre>
 */
public enum SceneColour {
    /** Red. */
    RED(173, 35, 35),
    /** Green. */
    GREEN(29, 105, 20),
    /** Blue. */
    BLUE(42, 75, 215),
    /** Yellow. */
    YELLOW(255, 238, 51),
    /** Purple. */
    PURPLE(129, 38, 192),
    /** Cyan. */
    CYAN(41, 208, 208);

    private final Color rgb;

    SceneColour(int r, int g, int b) {
        this.rgb = new Color(r, g, b);
    }

    /** @return the base colour (shading darkens and lightens it) */
    public Color rgb() {
        return rgb;
    }
}
