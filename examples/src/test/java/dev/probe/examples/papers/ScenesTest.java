package dev.probe.examples.papers;

import static dev.probe.junit.assertions.ProbeAssertions.assertThat;

import dev.probe.core.model.Classifier;
import dev.probe.core.probe.Probe;
import dev.probe.core.query.HighConfidence;
import dev.probe.core.result.Oracle;
import dev.probe.core.result.ProbeResult;
import dev.probe.junit.ProbeAnswer;
import dev.probe.core.result.Rate;
import dev.probe.core.space.SampleSpace;
import dev.probe.examples.scenes.SceneObject;
import dev.probe.examples.scenes.SceneQuestion;
import dev.probe.examples.scenes.SceneShape;
import dev.probe.examples.scenes.SceneWorld;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.ProbeSettings;
import dev.probe.junit.annotations.ProbeHighConfidence;
import org.junit.jupiter.api.Test;

/**
 * BAYES-PROBE's procedural world (§4.2–4.3, Fig. 3; §4.7, Fig. 9) with CLEVR-like scenes rendered in
 * Java2D ({@link SceneWorld}) and a CNN trained in Java to answer counting questions
 * ({@link SceneQuestion}): Metropolis–Hastings moves the scenes' categorical (count, shape, colour, size)
 * and continuous (position) attributes. High confidence of "2 blue spheres" and of "5 objects" in the
 * generator's own world; then the paper's extrapolation: the generator gets a cone and loses the target
 * shape, and is asked for the target anyway. The scene prior is proper (uniform), so these level sets are
 * sampled by SMC populations (4 × 256 particles from the shared prior pool of scenes) whose particles move by
 * the space's Metropolis–Hastings proposal; MH chains alone stayed at R̂ 10–14 here.
 */
@ProbeSettings(particles = 256)
class ScenesTest {
    static final SceneWorld CLEVR = SceneWorld.clevr();
    static final SceneWorld NO_SPHERES = SceneWorld.of(SceneShape.CUBE, SceneShape.CYLINDER, SceneShape.CONE);
    static final SceneWorld NO_CUBES = SceneWorld.of(SceneShape.SPHERE, SceneShape.CYLINDER, SceneShape.CONE);

    @ProbedModel("blueSpheres")
    static Classifier blueSpheres() {
        return PaperModels.sceneQuestion(SceneQuestion.BLUE_SPHERES);
    }

    @ProbedModel("objects")
    static Classifier objects() {
        return PaperModels.sceneQuestion(SceneQuestion.OBJECTS);
    }

    @ProbedModel("spheres")
    static Classifier spheres() {
        return PaperModels.sceneQuestion(SceneQuestion.SPHERES);
    }

    @ProbedModel("cubes")
    static Classifier cubes() {
        return PaperModels.sceneQuestion(SceneQuestion.CUBES);
    }

    @Generator
    static SampleSpace clevr() {
        return CLEVR.space("clevr-scenes");
    }

    @Generator("noSpheres")
    static SampleSpace noSpheres() {
        return NO_SPHERES.space("scenes-with-cones-without-spheres");
    }

    @Generator("noCubes")
    static SampleSpace noCubes() {
        return NO_CUBES.space("scenes-with-cones-without-cubes");
    }

    /** The true answer to {@code q} in {@code world}, from the sampled attributes. */
    static Oracle truth(SceneWorld world, SceneQuestion q) {
        return Oracle.ofLatent(a -> q.answer(world.objects(a)));
    }

    /** "2 blue spheres" (Fig. 3b): scenes the model is sure hold two blue spheres mostly do. */
    @ProbeHighConfidence(model = "blueSpheres", classes = 2)
    void twoBlueSpheres(ProbeAnswer answer) {
        print(answer.result(), CLEVR, SceneQuestion.BLUE_SPHERES);
        assertThat(answer.withOracle(truth(CLEVR, SceneQuestion.BLUE_SPHERES))).hasTargetAttainmentAtLeast(0.3)
                .hasMisclassificationRateAtMost(0.5);
    }

    /** "5 objects" (the paper's Fig. 3a asks for 5 spheres). */
    @ProbeHighConfidence(model = "objects", classes = 5)
    void fiveObjects(ProbeAnswer answer) {
        print(answer.result(), CLEVR, SceneQuestion.OBJECTS);
        assertThat(answer.withOracle(truth(CLEVR, SceneQuestion.OBJECTS))).hasTargetAttainmentAtLeast(0.3)
                .hasMisclassificationRateAtMost(0.5);
    }

    /** Extrapolation (Fig. 9b): no sphere can be drawn, a cone can; the model is still sure of "1 sphere". */
    @ProbeHighConfidence(model = "spheres", classes = 1, generator = "noSpheres")
    void oneSphereWithoutSpheres(ProbeResult result) {
        assertExtrapolation(result, NO_SPHERES, SceneQuestion.SPHERES);
    }

    /** Extrapolation (Fig. 9a): "1 cube" from a generator with cones and no cubes. */
    @ProbeHighConfidence(model = "cubes", classes = 1, generator = "noCubes")
    void oneCubeWithoutCubes(ProbeResult result) {
        assertExtrapolation(result, NO_CUBES, SceneQuestion.CUBES);
    }

    /**
     * The same findings from independent prior draws (rejection, no MCMC), as a check on the probes above
     * that does not depend on any sampler. Among 4,000 CLEVR scenes, those the model calls "5 objects" with
     * p ≥ 0.9 are mostly right; among 4,000 scenes with cones and no spheres, some are confidently
     * "1 sphere" — all wrong.
     */
    @Test
    void findingsByIndependentDraws() {
        String objects = objects().name();
        java.util.List<dev.probe.core.result.Sample> five = Probe.of(CLEVR.space("clevr-scenes"),
                HighConfidence.of(objects(), 5)).priorDraws(4000, 43).stream().filter(x -> x.targetDistance() <= 0.1)
                .collect(java.util.stream.Collectors.toList());
        long fiveWrong = five.stream().filter(x -> SceneQuestion.OBJECTS.answer(CLEVR.objects(x.latent())) != 5).count();
        Rate fiveRate = Rate.clopperPearson(fiveWrong, five.size(), 0.95);
        java.util.List<dev.probe.core.result.Sample> sphere = Probe.of(NO_SPHERES.space("scenes-with-cones-without-spheres"),
                HighConfidence.of(spheres(), 1)).priorDraws(4000, 44).stream().filter(x -> x.targetDistance() <= 0.1)
                .collect(java.util.stream.Collectors.toList());
        long withCone = sphere.stream().filter(x -> NO_SPHERES.objects(x.latent()).stream()
                .anyMatch(o -> o.shape() == SceneShape.CONE)).count();
        System.out.println("independent draws: confident '5 objects' " + five.size() + ", wrong " + fiveRate
                + "; confident '1 sphere' without spheres " + sphere.size() + ", with a cone " + withCone + " (" + objects + ")");
        org.assertj.core.api.Assertions.assertThat(five.size()).as("confident '5 objects' among 4,000 scenes").isGreaterThan(20);
        org.assertj.core.api.Assertions.assertThat(fiveRate.upper()).as("wrong among them: %s", fiveRate).isLessThan(0.5);
        org.assertj.core.api.Assertions.assertThat(sphere.size()).as("confident '1 sphere' without spheres").isPositive();
        org.assertj.core.api.Assertions.assertThat(sphere).allMatch(x -> SceneQuestion.SPHERES.answer(NO_SPHERES.objects(x.latent())) == 0);
    }

    /**
     * "2 blue spheres" without spheres but with cones is out of reach for this model: none of 2,000 scenes
     * of that generator gets even 10% for it (the prior mass of that set is below 0.3%), and MH finds
     * none either ("could not sample"). Unlike the paper's CLEVR model, ours does not take cones for spheres
     * in pairs — it takes single cones for spheres (above) and cones for cylinders.
     */
    @Test
    void twoBlueSpheresWithoutSpheresAreOutOfReach() {
        Rate mass = Probe.of(NO_SPHERES.space("scenes-with-cones-without-spheres"),
                HighConfidence.of(blueSpheres(), 2)).levelSetMass(2000, 0.9, 41);
        org.assertj.core.api.Assertions.assertThat(mass.upper()).as("prior mass of p(2 blue spheres) ≥ 0.1: %s", mass)
                .isLessThan(0.003);
    }

    private static void print(ProbeResult result, SceneWorld world, SceneQuestion q) {
        System.out.println(result.provenance().query() + ": attained " + result.attainment(0.1) + ", misclassified among "
                + "attained " + result.misclassifiedAmongAttained(result.models().get(0), truth(world, q), 0.1));
    }

    /**
     * Every confident answer is wrong by construction. Printed: how many confident scenes hold a cone (in the
     * paper nearly all; here about 60%: the rest are scenes of cubes and cylinders the model miscounts).
     */
    private static void assertExtrapolation(ProbeResult result, SceneWorld world, SceneQuestion q) {
        String model = result.models().get(0);
        Rate wrong = result.misclassifiedAmongAttained(model, truth(world, q), 0.1);
        Rate withCone = result.rateAmong(s -> world.objects(s.latent()).stream().map(SceneObject::shape)
                .anyMatch(shape -> shape == SceneShape.CONE), s -> s.targetDistance() <= 0.1);
        System.out.println(result.provenance().query() + ": wrong " + wrong + ", with a cone " + withCone);
        // the generator cannot draw the target shape: every confident answer is wrong, by construction
        org.assertj.core.api.Assertions.assertThat(wrong.trials()).as("confident samples").isPositive();
        org.assertj.core.api.Assertions.assertThat(wrong.successes()).as("wrong among confident: %s", wrong)
                .isEqualTo(wrong.trials());
    }
}
