package dev.probe.junit.extension;

import dev.probe.core.model.Classifier;
import dev.probe.core.model.ModelUnderTest;
import dev.probe.core.model.Regressor;
import dev.probe.core.probe.Probe;
import dev.probe.core.query.Query;
import dev.probe.core.result.Oracle;
import dev.probe.core.space.SampleSpace;
import dev.probe.junit.Generator;
import dev.probe.junit.ProbeOracle;
import dev.probe.junit.ProbedModel;
import dev.probe.junit.TrainingData;
import dev.probe.junit.extension.ProbeSource.Relaxation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a {@link ProbeFactory} may ask of the test class: its models, generators, oracle and static
 * members, the resolved settings of an invocation, and the spec it makes of them. Every lookup failure
 * names the test class, what is missing and how to declare it. Factories run on the
 * {@link SamplerThread}, so model calls they make (e.g. predicting factuals) run there too.
 *
 * <pre>{@code
 * Classifier c = context.classifier(annotation.model());
 * ProbeConfiguration config = context.configuration("1:7", annotation.tolerance());
 * Query q = Ambivalent.between(c, 1, 7).withSigmas(config.sigma(), config.sigma());
 * return List.of(context.spec("ambivalent 1 vs 7", "1:7", context.space(annotation.generator()), q, c.name(), config));
 * }</pre>
 */
public final class ProbeContext {
    private final ExtensionContext extensionContext;
    private final Class<?> testClass;
    private final Method method;
    private final SettingsChain chain;
    private final Relaxation relaxation;
    private final String probe;

    ProbeContext(ExtensionContext extensionContext, Class<?> testClass, Method method, SettingsChain chain,
            Relaxation relaxation, String probe) {
        this.extensionContext = extensionContext;
        this.testClass = testClass;
        this.method = method;
        this.chain = chain;
        this.relaxation = relaxation;
        this.probe = probe;
    }

    /**
     * The model named {@code name}; {@code ""}: the only model. With several models an empty name is ambiguous and
     * fails, listing their names, so that a probe never silently judges a model the author did not mean.
     */
    public ModelUnderTest model(String name) {
        var models = TestClassMembers.find(testClass, ProbedModel.class, extensionContext);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("No model under test in " + testClass.getSimpleName()
                    + ": add a static field or static method annotated @ProbedModel that returns a Classifier or Regressor.");
        }
        java.util.Map<List<Object>, String> declared = new java.util.HashMap<>();
        for (var m : models) {
            // one class declaring two models of one name: the first would win silently (a nested or sub class
            // declaring a model of its enclosing or super class's name overrides it, on purpose)
            String earlier = declared.putIfAbsent(List.of(m.member().getDeclaringClass(), modelName(m)), m.name());
            if (earlier != null) {
                throw new IllegalArgumentException(m.member().getDeclaringClass().getSimpleName() + " declares two "
                        + "@ProbedModel members named '" + modelName(m) + "' (" + earlier + " and " + m.name()
                        + "): give each its own name, e.g. @ProbedModel(\"" + modelName(m) + "-v2\").");
            }
        }
        List<String> names = models.stream().map(ProbeContext::modelName).distinct().collect(Collectors.toList());
        if (name.isEmpty() && names.size() > 1) {
            throw new IllegalArgumentException(probe + " on " + testClass.getSimpleName() + "#" + method.getName()
                    + " names no model, but " + testClass.getSimpleName() + " declares " + names.size() + " @ProbedModel members "
                    + names + ": set model = \"" + names.get(0) + "\" (or another of them) on " + probe + ".");
        }
        for (var m : models) {
            if (name.isEmpty() || modelName(m).equals(name)) {
                if (!(m.value() instanceof ModelUnderTest model)) {
                    throw new IllegalArgumentException("@ProbedModel " + m.name() + " in " + testClass.getSimpleName()
                            + " is " + (m.value() == null ? "null" : m.value().getClass().getName())
                            + ": return a dev.probe.core.model.Classifier or Regressor, e.g. Classifier.fromLogits(f) for a "
                            + "function of logits or log-probabilities, Classifier.fromProbabilities(f) for one that ends "
                            + "in a softmax, Regressor.of(f) for scores (Probe cannot tell which its outputs are).");
                }
                return model;
            }
        }
        // the model's own name (what results, reports and queries call it) is not how annotations refer to it
        for (var m : models) {
            Object v;
            try {
                v = m.value();
            } catch (RuntimeException e) {
                continue; // a model that fails to load fails the probes that use it, not this message
            }
            if (v instanceof ModelUnderTest model && model.name().equals(name)) {
                throw new IllegalArgumentException("Unknown model '" + name + "' in " + testClass.getSimpleName() + ": '"
                        + name + "' is the own name of the model declared as '" + modelName(m) + "' (results, reports and "
                        + "queries use a model's own name; probe annotations use its @ProbedModel name, or the member's "
                        + "name without one): refer to it as \"" + modelName(m) + "\" in " + probe + ".");
            }
        }
        throw new IllegalArgumentException("Unknown model '" + name + "' in " + testClass.getSimpleName() + ": known models are "
                + names + " (the @ProbedModel names, or the members' names without one).");
    }

    /** The name a probe annotation refers to a model by: the {@code @ProbedModel} value, or the member's name. */
    private static String modelName(TestClassMembers.Found<ProbedModel> m) {
        return m.annotation().value().isEmpty() ? m.name() : m.annotation().value();
    }

    /** The classifier named {@code name}. */
    public Classifier classifier(String name) {
        ModelUnderTest m = model(name);
        if (!(m instanceof Classifier c)) {
            throw new IllegalArgumentException("Model '" + m.name() + "' in " + testClass.getSimpleName()
                    + " is a regressor, but this probe needs a classifier (its class probabilities). Probe a regressor with "
                    + "@ProbeRisky (its decision or an output level), or in code with Probe.of(space, FixedLabel.of(regressor, "
                    + "value)); compare two regressors in code with Probe.of(space, ModelContrast.regressors(a, b, "
                    + "sigma)), and ask where weight noise moves one with Probe.of(space, ParameterSensitive.regression("
                    + "regressor, architecture, noise, sigma)); name a @ProbedModel classifier here (model = \"...\").");
        }
        return c;
    }

    /** The regressor named {@code name}. */
    public Regressor regressor(String name) {
        ModelUnderTest m = model(name);
        if (!(m instanceof Regressor r)) {
            throw new IllegalArgumentException("Model '" + m.name() + "' in " + testClass.getSimpleName()
                    + " is a classifier, but this probe needs a regressor.");
        }
        return r;
    }

    /** The default space: the unnamed generator that excludes no class (or the only generator). */
    public SampleSpace space() {
        var all = generators();
        if (all.size() == 1) {
            return space(all.get(0));
        }
        var defaults = all.stream().filter(g -> g.annotation().excludes() < 0 && g.annotation().value().isEmpty())
                .collect(Collectors.toList());
        if (defaults.size() > 1) {
            // the first in reflection order was taken, an order Java leaves undefined: a new user's test passed in a full
            // run over one space and was not sampled over the other when re-run alone
            throw new IllegalArgumentException(testClass.getSimpleName() + " declares " + defaults.size() + " @Generator "
                    + "members with no name and no excludes " + names(defaults) + ": which is the default space is "
                    + "undefined (Java gives a class's members in no fixed order). Name all but the default one "
                    + "(@Generator(\"wide\")), and probes that want another set generator = \"wide\".");
        }
        if (defaults.size() == 1) {
            return space(defaults.get(0));
        }
        throw new IllegalArgumentException(testClass.getSimpleName() + " declares several @Generator members "
                + names(all) + ": mark the default one with no name and no excludes, or name the generator in the probe annotation.");
    }

    /** The space named {@code name} ({@code ""}: the default space). */
    public SampleSpace space(String name) {
        if (name.isEmpty()) {
            return space();
        }
        for (var g : generators()) {
            String declared = g.annotation().value().isEmpty() ? g.name() : g.annotation().value();
            if (declared.equals(name)) {
                return space(g);
            }
        }
        throw new IllegalArgumentException("Unknown generator '" + name + "' in " + testClass.getSimpleName()
                + ": known generators are " + names(generators()) + ".");
    }

    /** The generator trained without class {@code c}. */
    public SampleSpace spaceExcluding(int c) {
        var excluding = generators().stream().filter(g -> g.annotation().excludes() == c).collect(Collectors.toList());
        if (excluding.size() > 1) {
            // the first in reflection order was taken, which Java leaves undefined: a new user's two generators without
            // class 0 gave log Z -4.05 or -1.08 by the order they were declared in
            throw new IllegalArgumentException(testClass.getSimpleName() + " declares " + excluding.size() + " @Generator "
                    + "members with excludes = " + c + " " + names(excluding) + ": which one a probe of class " + c
                    + " uses is undefined (Java gives a class's members in no fixed order). Keep one generator per excluded "
                    + "class.");
        }
        if (excluding.size() == 1) {
            return space(excluding.get(0));
        }
        throw new IllegalArgumentException("No generator without class " + c + " in " + testClass.getSimpleName()
                + ": declare one with @Generator(excludes = " + c + ").");
    }

    /** The classes some generator excludes, each once. */
    public List<Integer> excludedClasses() {
        return generators().stream().map(g -> g.annotation().excludes()).filter(c -> c >= 0).distinct().sorted()
                .collect(Collectors.toList());
    }

    /**
     * Checks that every generator's excluded class is one of {@code classifier}'s: an out-of-range {@code excludes = 9}
     * was reported as "Adversarial class 9 is out of range" beside a probe annotation that named no 9 (a new user's).
     */
    public void checkExcludedClasses(Classifier classifier) {
        for (var g : generators()) {
            int c = g.annotation().excludes();
            if (c >= classifier.classes()) {
                throw new IllegalArgumentException("@Generator(excludes = " + c + ") " + g.name() + " in "
                        + testClass.getSimpleName() + " excludes class " + c + ", but classifier '" + classifier.name()
                        + "' has " + classifier.classes() + " classes, 0.." + (classifier.classes() - 1) + ": give the "
                        + "index of the class the generator never draws.");
            }
        }
    }

    private List<TestClassMembers.Found<Generator>> generators() {
        var all = TestClassMembers.find(testClass, Generator.class, extensionContext);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("No generator in " + testClass.getSimpleName() + ": add a static field or "
                    + "static method annotated @Generator that returns a dev.probe.core.space.SampleSpace.");
        }
        for (var g : all) {
            if (g.annotation().excludes() < -1) {
                // only −1 (the default) means "excludes none": −5 was used as an ordinary generator without a word
                throw new IllegalArgumentException("@Generator(excludes = " + g.annotation().excludes() + ") " + g.name()
                        + " in " + testClass.getSimpleName() + ": excludes takes the class index the generator never "
                        + "draws (0 or more), or is left out for a generator that excludes none.");
            }
        }
        return all;
    }

    /** The space of generator {@code g}, loaded now (a generator that fails fails only the probes that use it). */
    private SampleSpace space(TestClassMembers.Found<Generator> g) {
        Object value = g.value();
        if (!(value instanceof SampleSpace space)) {
            throw new IllegalArgumentException("@Generator " + g.name() + " in " + testClass.getSimpleName() + " is "
                    + (value == null ? "null" : value.getClass().getName()) + ": return a dev.probe.core.space.SampleSpace "
                    + "(a LatentSpace, InputSpace or ProceduralSpace).");
        }
        return space;
    }

    private static String names(List<TestClassMembers.Found<Generator>> all) {
        return all.stream().map(g -> g.annotation().value().isEmpty() ? g.name() : g.annotation().value())
                .collect(Collectors.toList()).toString();
    }

    /** The oracle, if the test class declares one. */
    public Optional<Oracle> oracle() {
        // the nearest declaring class's oracle wins (a subclass overrides its superclass's); two in one class are an error
        var all = TestClassMembers.nearest(TestClassMembers.find(testClass, ProbeOracle.class, extensionContext));
        if (all.isEmpty()) {
            return Optional.empty();
        }
        if (all.size() > 1) {
            throw new IllegalArgumentException(all.get(0).member().getDeclaringClass().getSimpleName() + " declares "
                    + all.size() + " @ProbeOracle members " + all.stream().map(m -> m.name()).toList()
                    + ", but a probe uses one: keep a single @ProbeOracle.");
        }
        if (!(all.get(0).value() instanceof Oracle o)) {
            throw new IllegalArgumentException("@ProbeOracle " + all.get(0).name() + " must be a dev.probe.core.result.Oracle.");
        }
        // an oracle made from the model input alone (Oracle.ofInput) reads every generator alike (a new user's was told
        // to use the Oracle.ofInput it used)
        Optional.of(all.get(0).name()).filter(n -> o.readsCoordinates()).flatMap(this::oracleAcrossGenerators)
                .filter(n -> ORACLE_NOTED.add(testClass.getName())).ifPresent(n -> Console.print(extensionContext, n));
        return Optional.of(o);
    }

    /** The test classes whose oracle-across-generators note was printed: once per class in a JVM. */
    private static final java.util.Set<String> ORACLE_NOTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A note where one oracle labels the samples of generators whose sampled coordinates differ: an oracle that reads
     * them ({@code Oracle.ofLatent}) reads each generator's own, and a new user's, written for the full generator,
     * labelled every draw of a generator without class 3 (whose first coordinate indexed the 4 remaining counts)
     * correctly classified: 0 of 480 misclassified where all 480 were. Empty otherwise; not asked of an oracle that
     * reads the model input alone ({@link Oracle#readsCoordinates()}).
     */
    private Optional<String> oracleAcrossGenerators(String oracle) {
        var all = TestClassMembers.find(testClass, Generator.class, extensionContext);
        java.util.Map<List<String>, String> layouts = new java.util.LinkedHashMap<>();
        for (var g : all) {
            try {
                if (g.value() instanceof SampleSpace s) {
                    layouts.putIfAbsent(s.coordinateNames(), g.name() + " (" + String.join(", ", s.coordinateNames()) + ")");
                }
            } catch (RuntimeException e) {
                // a generator that does not load fails its own probes, with its own message
            }
        }
        if (layouts.size() < 2) {
            return Optional.empty();
        }
        return Optional.of("note: @ProbeOracle " + oracle + " labels the samples of every generator of "
                + testClass.getSimpleName() + ", and their sampled coordinates differ: " + String.join("; ",
                layouts.values()) + ". An oracle that reads the coordinates (Oracle.ofLatent) reads each generator's own, "
                + "which mean other things in each; label from the model's input (Oracle.ofInput or Oracle.ofInputs), "
                + "which every generator makes alike, or check the oracle against each generator. Said once per class.");
    }

    /** The training inputs of the test class's {@code @TrainingData} member, if it has one. */
    public Optional<double[][]> trainingData() {
        return trainingData(testClass, extensionContext);
    }

    static Optional<double[][]> trainingData(Class<?> testClass, ExtensionContext context) {
        var all = TestClassMembers.nearest(TestClassMembers.find(testClass, TrainingData.class, context));
        if (all.isEmpty()) {
            return Optional.empty();
        }
        if (!(all.get(0).value() instanceof double[][] rows)) {
            throw new IllegalArgumentException("@TrainingData " + all.get(0).name() + " must be a double[][].");
        }
        return Optional.of(rows);
    }

    /**
     * The value of a static field or no-argument static method of the test class, by name: declared in the test
     * class, a superclass or an enclosing class, as models and generators are.
     */
    public Object member(String name) {
        return TestClassMembers.named(testClass, name);
    }

    /** The requested classes (each checked against the classifier), or every class of the classifier. */
    public int[] classesOrAll(int[] requested, Classifier classifier, String role) {
        if (requested.length == 0) {
            return IntStream.range(0, classifier.classes()).toArray();
        }
        for (int c : requested) {
            classifier.checkClass(c, role);
        }
        return requested.clone();
    }

    /**
     * The resolved settings of the invocation {@code key} of this template.
     *
     * @param tolerance the probe annotation's tolerance ({@code NaN}: not set)
     */
    public ProbeConfiguration configuration(String key, double tolerance) {
        ProbeConfiguration c = chain.resolve(relaxation, probe, Double.isNaN(tolerance) ? Optional.empty()
                : Optional.of(tolerance), testClass.getName() + "#" + method.getName() + "[" + key + "]");
        annotationBeatsProperty(c);
        return c;
    }

    /** The (test method, setting) pairs whose system property hidden by an annotation has been noted: once each. */
    private static final java.util.Set<String> PROPERTY_HIDDEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void annotationBeatsProperty(ProbeConfiguration c) {
        for (Setting<?> s : Setting.ALL) {
            // per test method: a method's own annotation may set another value than its class's (a new user's)
            ConfigurationSource.hiddenByAnnotation(s, System.getProperty(s.key()), c, testClass.getSimpleName() + "#"
                    + method.getName()).filter(n -> PROPERTY_HIDDEN.add(testClass.getName() + "#" + method.getName() + " "
                    + s.key()))
                    .ifPresent(n -> Console.print(extensionContext, n));
        }
    }

    /**
     * The spec of one invocation, with the test class's oracle (if it declares one).
     *
     * @param questionClasses the classes the question is about, for report captions (none: the top class); they are
     *     also the spec's target labels, against which an oracle's misclassification counts: for a question that is
     *     not "the model gives one of these classes", set its own with {@link ProbeSpec#withTargetLabels}
     */
    public ProbeSpec spec(String displayName, String key, SampleSpace space, Query query, String judgedModel,
            ProbeConfiguration configuration, int... questionClasses) {
        Probe probe = configuration.pool() > 0 ? Probe.of(space, query).withPoolSize(configuration.pool()) : Probe.of(space, query);
        if (configuration.isSeedSet()) {
            // a seed set on purpose (a seed sweep, a re-run) draws its own pool: repetitions over seeds are independent
            probe = probe.withPoolSeed(configuration.seed());
        }
        checkTrainingData(space);
        return new ProbeSpec(displayName, key, probe, configuration.forProbe(probe), judgedModel, oracle(), questionClasses,
                questionClasses, excludesOneOf(space, questionClasses));
    }

    /** Whether {@code space} is the test class's generator declared to exclude one of {@code classes}. */
    private boolean excludesOneOf(SampleSpace space, int[] classes) {
        var all = TestClassMembers.find(testClass, Generator.class, extensionContext);
        for (int c : classes) {
            for (var g : all) {
                try {
                    if (g.annotation().excludes() == c && g.value() == space) {
                        return true;
                    }
                } catch (RuntimeException e) {
                    // a generator that does not load fails its own probes, with its own message, not this one's
                }
            }
        }
        return false;
    }

    /**
     * The {@code @TrainingData} rows are drawn beside the samples' inputs, one panel per input feature: each row must
     * have the generator's input features, checked here, before any sampling (a wrong width once failed only while
     * the report was drawn, after the test method had passed).
     */
    private void checkTrainingData(SampleSpace space) {
        Optional<double[][]> rows = trainingData();
        if (rows.isEmpty()) {
            return;
        }
        int features = space.inputDimension();
        double[][] x = rows.get();
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != features) {
                String member = TestClassMembers.find(testClass, TrainingData.class, extensionContext).get(0).name();
                throw new IllegalArgumentException("@TrainingData " + member + " has " + (x[i] == null ? "a null row"
                        : "rows of " + x[i].length + " values") + " (row " + i + "), but generator " + space.describe()
                        + " makes inputs of " + features + " features. The training rows are drawn beside the samples' "
                        + "inputs, one panel per feature: give each row the model's " + features + " input features, in "
                        + "order.");
            }
        }
    }

    public Class<?> testClass() {
        return testClass;
    }
}
