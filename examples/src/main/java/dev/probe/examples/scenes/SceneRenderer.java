package dev.probe.examples.scenes;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;

/**
 * Draws a list of placed objects with Java2D as a small CLEVR-like picture: a grey floor lit from above,
 * objects back to front with simple shading (see {@link SceneShape}) and a soft shadow. Output:
 * {@value #SIDE}×{@value #SIDE} RGB, channel-first (all red values, then green, then blue), in [0, 1].
 *
 * <pre>{@code
 * double[] pixels = SceneRenderer.render(List.of(new SceneObject(SceneShape.CUBE, SceneColour.RED, true, 20, 20)));
 * }</pre>
 */
public final class SceneRenderer {
    /** Image side in pixels. */
    public static final int SIDE = 40;
    /** Values per image: 3 channels of SIDE×SIDE. */
    public static final int FEATURES = 3 * SIDE * SIDE;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private SceneRenderer() {}

    /**
     * @param objects placed objects, back to front
     * @return the picture, {@link #FEATURES} values in [0, 1]
     */
    public static double[] render(List<SceneObject> objects) {
        // one canvas per thread, reset to the floor before each scene: a sampler renders millions of scenes, and
        // a fresh image per scene cost a tenth of the scene suite's time (the pixels are the same either way)
        BufferedImage img = CANVAS.get();
        int[] pixels = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(FLOOR, 0, pixels, 0, FLOOR.length);
        if (!objects.isEmpty()) {
            Graphics2D g = graphics(img);
            for (SceneObject o : objects) {
                draw(g, o);
            }
            g.dispose();
        }
        double[] out = new double[FEATURES];
        int plane = SIDE * SIDE;
        for (int p = 0; p < plane; p++) {
            int rgb = pixels[p];
            out[p] = UNIT[(rgb >> 16) & 0xff];
            out[plane + p] = UNIT[(rgb >> 8) & 0xff];
            out[2 * plane + p] = UNIT[rgb & 0xff];
        }
        return out;
    }

    /** {@code UNIT[v] = v / 255.0}: the same doubles as the division, looked up (4,800 divisions per scene cost more). */
    private static final double[] UNIT = unit();

    private static double[] unit() {
        double[] u = new double[256];
        for (int v = 0; v < u.length; v++) {
            u[v] = v / 255.0;
        }
        return u;
    }

    /** Each rendering thread's canvas ({@link #render} overwrites every pixel with the floor first). */
    private static final ThreadLocal<BufferedImage> CANVAS =
            ThreadLocal.withInitial(() -> new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB));

    /** The empty floor's pixels (the same gradient in every scene: drawn once, copied into each picture). */
    private static final int[] FLOOR = floor();

    private static int[] floor() {
        BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setPaint(new GradientPaint(0, 0, new Color(105, 105, 110), 0, SIDE, new Color(150, 150, 150)));
        g.fill(new Rectangle2D.Double(0, 0, SIDE, SIDE));
        g.dispose();
        return ((DataBufferInt) img.getRaster().getDataBuffer()).getData().clone();
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }

    private static void draw(Graphics2D g, SceneObject o) {
        double r = o.radius();
        double x = o.x();
        double y = o.y();
        Color base = o.colour().rgb();
        Color light = mix(base, Color.WHITE, 0.45);
        Color dark = mix(base, Color.BLACK, 0.45);
        g.setColor(new Color(0, 0, 0, 60)); // shadow on the floor, down-right
        g.fill(new Ellipse2D.Double(x - r + 0.25 * r, y - 0.35 * r + 0.25 * r, 2 * r, 0.8 * r));
        switch (o.shape()) {
            case SPHERE: {
                double cy = y - 0.6 * r;
                g.setPaint(new RadialGradientPaint(new Point2D.Double(x, cy), (float) r,
                        new Point2D.Double(x - 0.4 * r, cy - 0.4 * r), new float[] {0f, 0.55f, 1f},
                        new Color[] {light, base, dark}, RadialGradientPaint.CycleMethod.NO_CYCLE));
                g.fill(new Ellipse2D.Double(x - r, cy - r, 2 * r, 2 * r));
                break;
            }
            case CUBE: {
                double s = 1.5 * r;
                double d = 0.35 * s;
                double left = x - s / 2 - d / 2;
                double bottom = y + 0.3 * r;
                double top = bottom - s;
                g.setColor(base);
                g.fill(new Rectangle2D.Double(left, top, s, s));
                g.setColor(light);
                g.fill(polygon(left, top, left + d, top - d, left + s + d, top - d, left + s, top));
                g.setColor(dark);
                g.fill(polygon(left + s, top, left + s + d, top - d, left + s + d, bottom - d, left + s, bottom));
                break;
            }
            case CYLINDER: {
                double w = 1.6 * r;
                double e = 0.45 * w;
                double bottom = y + 0.2 * r;
                double top = bottom - 1.5 * r;
                g.setPaint(new GradientPaint((float) (x - w / 2), 0, light, (float) (x + w / 2), 0, dark));
                g.fill(new Ellipse2D.Double(x - w / 2, bottom - e / 2, w, e));
                g.fill(new Rectangle2D.Double(x - w / 2, top, w, bottom - top));
                g.setColor(mix(base, Color.WHITE, 0.25));
                g.fill(new Ellipse2D.Double(x - w / 2, top - e / 2, w, e));
                break;
            }
            case CONE: {
                double w = 1.8 * r;
                double e = 0.4 * w;
                double bottom = y + 0.2 * r;
                double apex = bottom - 2.1 * r;
                g.setPaint(new GradientPaint((float) (x - w / 2), 0, light, (float) (x + w / 2), 0, dark));
                g.fill(new Ellipse2D.Double(x - w / 2, bottom - e / 2, w, e));
                g.fill(polygon(x - w / 2, bottom, x, apex, x + w / 2, bottom));
                break;
            }
            default:
                throw new IllegalStateException(o.shape().toString());
        }
    }

    private static Path2D polygon(double... xy) {
        Path2D p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        return p;
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() * (1 - t) + b.getRed() * t),
                (int) Math.round(a.getGreen() * (1 - t) + b.getGreen() * t),
                (int) Math.round(a.getBlue() * (1 - t) + b.getBlue() * t));
    }
}
