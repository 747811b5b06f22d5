package dev.probe.examples.scenes;

import java.util.List;
import java.util.function.Predicate;

/**
 * The counting questions the scene model answers, each a classification over the answers
 * {@code 0..}{@link #ANSWERS}{@code −1} (CLEVR models counting questions as classes of answers; BAYES-PROBE
 * §4.2). The model has one output head per question.
 *
 * <pre>{@code
 * int twoBlueSpheres = 2;   // class 2 of SceneQuestion.BLUE_SPHERES
 * int n = SceneQuestion.BLUE_SPHERES.answer(world.objects(attributes));
 * }</pre>
 */
public enum SceneQuestion {
    /** "How many objects are there?" */
    OBJECTS("objects", o -> true),
    /** "How many spheres are there?" */
    SPHERES("spheres", o -> o.shape() == SceneShape.SPHERE),
    /** "How many cubes are there?" */
    CUBES("cubes", o -> o.shape() == SceneShape.CUBE),
    /** "How many cylinders are there?" */
    CYLINDERS("cylinders", o -> o.shape() == SceneShape.CYLINDER),
    /** "How many blue spheres are there?" */
    BLUE_SPHERES("blue spheres", o -> o.shape() == SceneShape.SPHERE && o.colour() == SceneColour.BLUE);

    /** Answers per question: counts 0..6. */
    public static final int ANSWERS = SceneWorld.MAX_OBJECTS + 1;

    private final String noun;
    private final Predicate<SceneObject> counts;

    SceneQuestion(String noun, Predicate<SceneObject> counts) {
        this.noun = noun;
        this.counts = counts;
    }

    /** @return the counted noun, e.g. {@code "blue spheres"} */
    public String noun() {
        return noun;
    }

    /** @return the true answer for a scene's placed objects */
    public int answer(List<SceneObject> objects) {
        return (int) objects.stream().filter(counts).count();
    }
}
