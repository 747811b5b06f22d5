package dev.probe.core.render;

/**
 * Makes AWT run without a display. Rendering only paints into {@code BufferedImage}s, which never
 * needs one; but the first AWT class loaded reads {@code java.awt.headless}, so it is set (unless the
 * caller chose otherwise) before any renderer touches AWT.
 */
final class Headless {
    static final String PROPERTY = "java.awt.headless";

    static {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }

    private Headless() {
    }

    /** Loads this class, which sets the property once. */
    static void ensure() {
        // the static initialiser does the work
    }
}
