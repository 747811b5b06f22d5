package dev.probe.junit.extension;

import dev.probe.core.result.Comparison;
import dev.probe.core.result.ProbeResult;
import dev.probe.junit.ProbeAnswer;
import dev.probe.junit.ProbeGate;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The one generic pipeline behind every probe annotation: find the annotation meta-annotated with
 * {@link ProbeSource}, check the method's parameters ({@link TestMethodParameters}), resolve its settings chain,
 * let its factory make the {@link ProbeSpec}s
 * (validated before any sampling, on the {@link SamplerThread}), keep those selected by
 * {@code probe.only} and {@code probe.shard}, and turn each into an invocation that samples, judges
 * whether its evidence supports a verdict, hands the answer to the test method and writes its report
 * and summary row. Probe annotations register it themselves; users never name it.
 *
 * <pre>{@code
 * @ProbeAmbivalent(pairs = "1:7")
 * void tornBetweenOneAndSeven(ProbeAnswer answer) { ... }
 * }</pre>
 */
public final class ProbeExtension implements TestTemplateInvocationContextProvider, ParameterResolver, BeforeEachCallback {
    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProbeExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> !probeAnnotations(m).isEmpty()).orElse(false);
    }

    /**
     * The template's invocations. A template that fails before it expands (a misconfiguration) writes one {@code error}
     * row with an empty key to {@code summary.csv}, so a dashboard reading it sees the failure too.
     */
    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        try {
            return invocations(context);
        } catch (UnmatchedKeys e) {
            throw e; // a slip on the command line, not a misconfigured template: earlier reports and rows stay
        } catch (RuntimeException e) {
            ProbeReport.writeRowWithoutSamples("", Outcome.ERROR, context);
            ProbeReport.clear("", context); // its invocations' reports of earlier runs: its error row replaced their rows
            throw e;
        }
    }

    /**
     * Whether this JVM has checked its configuration keys for misspelled probe settings: the launcher's listener checks
     * every source ({@link ProbeSelectionListener}); without it (an engine run directly) the extension checks the
     * system properties.
     */
    private static final java.util.concurrent.atomic.AtomicBoolean KEYS_CHECKED = new java.util.concurrent.atomic.AtomicBoolean();
    /** The near misses of probe settings among this run's configuration keys: every probe template fails on them. */
    private static volatile List<String> misspelled = List.of();

    /** The launcher's listener has checked every configuration key and found these near misses. */
    static void keysChecked(List<String> nearMisses) {
        keysChecked(nearMisses, List.of());
    }

    /**
     * As {@link #keysChecked(List)}, with the engine's keys set where the engine cannot read them
     * ({@link MisspelledKeys#engineKeysOutsideSystemProperties}): every probe template fails on them too.
     */
    static void keysChecked(List<String> nearMisses, List<String> engineKeysMisplaced) {
        KEYS_CHECKED.set(true);
        misspelled = List.copyOf(nearMisses);
        misplaced = List.copyOf(engineKeysMisplaced);
    }

    /** The settings whose system property hidden by a launcher parameter has been noted (once per JVM). */
    private static final java.util.Set<String> HIDDEN_NOTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The engine's keys this run sets where the engine does not read them. */
    private static volatile List<String> misplaced = List.of();

    @SuppressWarnings("unchecked")
    private Stream<TestTemplateInvocationContext> invocations(ExtensionContext context) {
        if (!KEYS_CHECKED.getAndSet(true)) {
            java.util.Set<String> keys = System.getProperties().stringPropertyNames();
            misspelled = MisspelledKeys.in(keys);
            List<String> unknown = MisspelledKeys.unknown(keys);
            if (!unknown.isEmpty()) {
                Console.print(context, "note: system properties named probe.* that are no probe setting, ignored: "
                        + String.join(", ", unknown));
            }
        }
        if (!misspelled.isEmpty()) {
            throw new IllegalArgumentException(MisspelledKeys.error(misspelled));
        }
        if (!misplaced.isEmpty()) {
            throw new IllegalArgumentException(MisspelledKeys.misplacedError(misplaced));
        }
        for (Setting<?> s : Setting.ALL) {
            String property = System.getProperty(s.key());
            if (property != null && !HIDDEN_NOTED.contains(s.key())) {
                ConfigurationSource.hiddenProperty(s.key(), context.getConfigurationParameter(s.key()).orElse(null), property)
                        .filter(note -> HIDDEN_NOTED.add(s.key())).ifPresent(note -> Console.print(context, note));
            }
        }
        ProbeReport.fullSamples(context); // refuses a report setting it cannot read before any probe runs
        dev.probe.core.model.KernelCheck.mode(); // and a kernel check's typo, also where no model has convolutions
        Method method = context.getRequiredTestMethod();
        Class<?> testClass = context.getRequiredTestClass();
        String template = testClass.getSimpleName() + "#" + method.getName();
        List<Annotation> probes = probeAnnotations(method);
        if (probes.size() > 1) {
            throw new IllegalArgumentException(template + " has conflicting probe annotations " + probeSources(method)
                    + ": a test method asks one question; split it into one method per probe annotation.");
        }
        Annotation annotation = probes.get(0);
        Optional<String> other = otherTestAnnotation(method);
        if (other.isPresent() && runsAgain(other.get())) {
            // each of the method's own runs fails naming the fix (beforeEach); the template's second failure of the
            // same text read like a flaky re-run in Surefire's summary ("Run 1: … Run 2: …")
            ProbeReport.clear("", context);
            return Stream.empty();
        }
        other.ifPresent(o -> {
            throw new IllegalArgumentException(alsoATest(template, o, method));
        });
        ProbeSource source = annotation.annotationType().getAnnotation(ProbeSource.class);
        String probeName = "@" + annotation.annotationType().getSimpleName();
        SettingsChain chain = SettingsChain.of(method, testClass, context::getConfigurationParameter);
        chain.checkApplies(source.relaxation(), probeName);
        ProbeContext probeContext = new ProbeContext(context, testClass, method, chain, source.relaxation(), probeName);
        Object factory = factory(source);
        checkFactoryType(factory.getClass(), annotation);
        TestMethodParameters.check(method, template, factory instanceof GateFactory<?> ? List.of(Comparison.class)
                : List.of(ProbeAnswer.class, ProbeResult.class), context);
        Selection selection = Selection.of(context);
        if (selection.isSharded()) {
            // a shard always writes gates.csv (a header at least), so a merge can tell a shard without gates from an
            // artifact that left the file out (its gates were skipped without a word); regression gates included (a
            // shard of only those wrote none, and the merge warned that every artifact was incomplete)
            GateCsv.at(ProbeReport.reportDir(context).resolve("gates.csv")).update(List.of());
        }
        // and which shard it is, so that a merge can tell that another shard's artifact is missing
        ShardFile.write(ProbeReport.reportDir(context), selection.shard(), selection.shards());
        if (factory instanceof GateFactory<?>) {
            if (AnnotationSupport.isAnnotated(method, ProbeGate.class)) {
                throw new IllegalArgumentException(template + " has @ProbeGate and " + probeName + ": @ProbeGate counts a "
                        + "probe's passed invocations, but a regression gate's invocations are comparisons that pass or "
                        + "fail on their own. Remove @ProbeGate.");
            }
            return gates((GateFactory<Annotation>) factory, annotation, probeContext, template, context);
        }
        List<ProbeSpec> all = SamplerThread.of(context).call("making the probes of " + template,
                () -> ((ProbeFactory<Annotation>) factory).specs(annotation, probeContext));
        if (all.isEmpty()) {
            throw new IllegalArgumentException(noInvocations(template, factory, annotation, "ProbeSpec"));
        }
        ProbeReport.dropStale(uniqueKeys(all.stream().map(ProbeSpec::key).collect(Collectors.toList()), template), context);
        List<ProbeSpec> specs = selection.select(template, all, context);
        if (selection.ownsItsRows()) {
            // this shard's summary holds its own invocations only: the other shards' rows here are an earlier run's,
            // and a merge would let them replace the other shards' fresh ones
            ProbeReport.dropStale(new java.util.HashSet<>(specs.stream().map(ProbeSpec::key).collect(Collectors.toList())),
                    context);
        }
        Optional<String> unmatched = selection.unmatchedKeys(context);
        if (specs.isEmpty()) {
            if (unmatched.isPresent()) {
                throw new UnmatchedKeys(unmatched.get());
            }
            return Stream.empty(); // another template holds the selected invocations, or another shard runs these
        }
        if (specs.size() > MANY_INVOCATIONS) {
            Console.print(context, manyInvocations(template, "@" + annotation.annotationType().getSimpleName(), specs.size(),
                    all.size(), selection.isSharded()));
        }
        ProbeGate gateAnnotation = AnnotationSupport.findAnnotation(method, ProbeGate.class).orElse(null);
        if (gateAnnotation != null && gateAnnotation.minSampled() < 0 && gateAnnotation.minPassed() < 0) {
            throw new IllegalArgumentException(template + " has @ProbeGate without a threshold: set minSampled, minPassed "
                    + "or both (e.g. @ProbeGate(minPassed = 40)), or remove it.");
        }
        Gate gate = null;
        // a probe.only that selects every invocation runs the whole gate: a gate's own re-run command (-Dprobe.only='0' for
        // its one invocation) left it "not evaluated", and a CI engineer checking a fix saw green where it still failed
        if (gateAnnotation != null && selection.isPartial() && (selection.isSharded() || specs.size() < all.size())) {
            boolean sharded = selection.isSharded();
            Console.print(context, "Probe gate of " + template + " not evaluated: " + selection.describe() + " runs "
                    + specs.size() + " of its " + all.size() + " invocations"
                    + (sharded ? "; SummaryMerge evaluates it on the shards' merged summaries (gates.csv)." : "."));
            if (sharded) {
                GateCsv.at(ProbeReport.reportDir(context).resolve("gates.csv")).write(new GateCsv.Row(testClass.getName(),
                        method.getName(), gateAnnotation.minSampled(), gateAnnotation.minPassed(),
                        all.get(0).configuration().minAttainedEss(), all.size()));
            }
        } else if (gateAnnotation != null) {
            gate = new Gate(template, gateAnnotation, specs.size(), context);
            context.getStore(NAMESPACE).put(Gate.class, gate);
        }
        Gate g = gate;
        return withUnmatchedKeys(specs.stream().map(spec -> new ProbeInvocation(spec, g)), unmatched);
    }

    /** Above this many invocations of one template a run prints {@link #manyInvocations}. */
    static final int MANY_INVOCATIONS = 200;

    /**
     * A note for a template that runs more than {@value #MANY_INVOCATIONS} invocations: {@code @ProbeAmbivalent} without
     * pairs over a new user's 50 classes made 1,225 of them (about half an hour) without a word.
     */
    static String manyInvocations(String template, String probe, int running, int all, boolean sharded) {
        return String.format(java.util.Locale.ROOT, "note: %s runs %,d invocations%s of %s, a probe each: name the "
                + "classes or pairs you need in the annotation%s, or select some with -Dprobe.only=<key>,<key>%s.", template,
                running, running < all ? " (of its " + all + ")" : "", probe, probe.equals("@ProbeAmbivalent")
                        ? " (pairs, classes = {…} for the pairs among them, or pairsFrom = a member that computes them)" : "",
                sharded ? ", or use more shards" : " or spread them over CI jobs with -Dprobe.shard=i/n");
    }

    /** A factory made no invocation: name it and its annotation (the bare "has no invocations." named neither). */
    private static String noInvocations(String template, Object factory, Annotation annotation, String spec) {
        return template + " has no invocations: " + factory.getClass().getName() + ", the factory of @"
                + annotation.annotationType().getSimpleName() + ", returned no " + spec + " for " + annotation
                + ". Make it return one spec per invocation.";
    }

    /** A regression gate's invocations (see {@link GateFactory}), selected like probes. */
    private static Stream<TestTemplateInvocationContext> gates(GateFactory<Annotation> factory, Annotation annotation,
            ProbeContext probeContext, String template, ExtensionContext context) {
        List<GateSpec> all = SamplerThread.of(context).call("making the gates of " + template,
                () -> factory.gates(annotation, probeContext));
        if (all.isEmpty()) {
            throw new IllegalArgumentException(noInvocations(template, factory, annotation, "GateSpec"));
        }
        java.util.Set<String> rows = new java.util.HashSet<>(uniqueKeys(all.stream().map(GateSpec::key)
                .collect(Collectors.toList()), template));
        for (GateSpec g : all) { // a gate's rows are its probes' (7-baseline, 7-candidate), or its own (a probeless gate)
            Stream.concat(g.baseline().stream(), g.candidate().stream()).map(ProbeSpec::key).forEach(rows::add);
        }
        ProbeReport.dropStale(rows, context);
        Selection selection = Selection.of(context);
        List<GateSpec> selected = selection.select(template, all, GateSpec::key, context);
        if (selection.ownsItsRows()) { // as for probes: a shard's summary holds its own gates' rows only
            java.util.Set<String> own = new java.util.HashSet<>();
            for (GateSpec g : selected) {
                own.add(g.key());
                Stream.concat(g.baseline().stream(), g.candidate().stream()).map(ProbeSpec::key).forEach(own::add);
            }
            ProbeReport.dropStale(own, context);
        }
        Optional<String> unmatched = selection.unmatchedKeys(context);
        if (selected.isEmpty() && unmatched.isPresent()) {
            throw new UnmatchedKeys(unmatched.get());
        }
        return withUnmatchedKeys(selected.stream().map(GateInvocation::new), unmatched);
    }

    /**
     * The invocations' keys, which must differ: a repeated one ({@code classes = {0, 0}}) would sample the same probe
     * twice under one key, with one summary row and one report folder for both.
     */
    private static java.util.Set<String> uniqueKeys(List<String> keys, String template) {
        java.util.Set<String> unique = new java.util.LinkedHashSet<>();
        java.util.Map<String, String> folders = new java.util.HashMap<>();
        for (String key : keys) {
            if (!unique.add(key)) {
                throw new IllegalArgumentException(template + " has two invocations with the key '" + key + "' (a class, "
                        + "pair or factual given twice, e.g. classes = {0, 0}): remove the repeated value.");
            }
            // a custom factory's keys: probe.only splits on commas, and a report folder is the key with other
            // characters replaced by '_' ("low income" and "low/income" shared one folder, one report lost)
            if (key.isBlank() || key.contains(",")) {
                throw new IllegalArgumentException(template + " has an invocation with the key '" + key + "': a key "
                        + "names its invocation in probe.only (comma-separated), summary.csv and its report folder, so it "
                        + "must be non-blank and hold no comma. Use letters, digits and ._-:");
            }
            String other = folders.putIfAbsent(ProbeReport.sanitize(key), key);
            if (other != null) {
                throw new IllegalArgumentException(template + " has invocations with the keys '" + other + "' and '" + key
                        + "', which share the report folder '" + ProbeReport.sanitize(key) + "' (characters other than "
                        + "letters, digits and ._- become '_'): give them keys that differ in those characters.");
            }
        }
        return unique;
    }

    /**
     * Keys of {@code probe.only} that match no invocation, where the template selects none: the run fails, but the
     * method's reports and summary rows of earlier runs stay (a mistyped key of a re-run used to replace them with one
     * error row, as a misconfigured template does).
     */
    static final class UnmatchedKeys extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnmatchedKeys(String message) {
            super(message);
        }
    }

    /** The invocations, then (if {@code probe.only} has unmatched keys) one that fails naming them. */
    private static Stream<TestTemplateInvocationContext> withUnmatchedKeys(Stream<? extends TestTemplateInvocationContext> invocations,
            Optional<String> unmatched) {
        Stream<TestTemplateInvocationContext> all = invocations.map(TestTemplateInvocationContext.class::cast);
        return unmatched.map(m -> Stream.concat(all, Stream.of(new UnmatchedKeysInvocation(m)))).orElse(all);
    }

    /** JUnit's test annotations besides the probe's own template: a method with one of them runs outside the probe too. */
    private static final List<String> TEST_ANNOTATIONS = List.of("org.junit.jupiter.api.Test",
            "org.junit.jupiter.api.RepeatedTest", "org.junit.jupiter.api.TestFactory",
            "org.junit.jupiter.params.ParameterizedTest");

    /** {@code @Test}, {@code @RepeatedTest}, … on a probe method, directly or through a composed annotation. */
    static Optional<String> otherTestAnnotation(Method method) {
        for (Annotation a : method.getAnnotations()) {
            if (TEST_ANNOTATIONS.contains(a.annotationType().getName())) {
                return Optional.of("@" + a.annotationType().getSimpleName());
            }
            if (!a.annotationType().isAnnotationPresent(ProbeSource.class)) {
                for (Annotation meta : a.annotationType().getAnnotations()) {
                    if (TEST_ANNOTATIONS.contains(meta.annotationType().getName())) {
                        return Optional.of("@" + meta.annotationType().getSimpleName() + " (through @"
                                + a.annotationType().getSimpleName() + ")");
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The error of {@code method}, which has {@code other} beside its probe annotation (named as written: through a composed one). */
    private static String alsoATest(String template, String other, Method method) {
        String annotation = other.split(" ")[0];
        // "@Test (through @TeamWithTest)": the method has no @Test of its own to remove
        String through = other.contains(" (through ") ? " from " + other.substring(other.indexOf(" (through ") + 10,
                other.length() - 1) : "";
        return template + " has " + other + " and " + probeSources(method).get(0) + ": the probe annotation "
                + "already makes the method a test (one invocation per class, pair or factual, each handed its answer), "
                + "and " + annotation + " runs it again without one. Remove " + annotation + through + "."
                // a factory's method returns its tests: without the annotation JUnit would not run it at all
                + (annotation.equals("@TestFactory") ? " A probe method returns nothing: make it void." : "");
    }

    /**
     * Only where the method also carries {@code @Test} (or another of JUnit's test annotations): that run of the method
     * gets a probe parameter from nobody, and JUnit's own "No ParameterResolver registered" would not name the cause.
     * The probe's own invocations resolve their parameters themselves ({@link ProbeInvocation}).
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return (type == ProbeAnswer.class || type == ProbeResult.class || type == Comparison.class)
                && context.getTestMethod().map(m -> !probeAnnotations(m).isEmpty() && otherTestAnnotation(m).isPresent())
                        .orElse(false);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        throw alsoATestRun(context, otherTestAnnotation(context.getRequiredTestMethod()).orElseThrow());
    }

    /**
     * The failure of a run that JUnit's own test annotation makes of a probe method, after writing the method's error
     * row, as its template writes (a {@code @TestFactory}'s template, which must not return its Stream, never runs: a
     * new user's dashboard missed the method).
     */
    private static ParameterResolutionException alsoATestRun(ExtensionContext context, String other) {
        ProbeReport.writeRowWithoutSamples("", Outcome.ERROR, context);
        return new ParameterResolutionException(alsoATest(context.getRequiredTestClass().getSimpleName() + "#"
                + context.getRequiredTestMethod().getName(), other, context.getRequiredTestMethod()));
    }

    /**
     * A run of a probe method that JUnit's own {@code @Test}, {@code @ParameterizedTest}, … makes fails here, before its
     * parameters are resolved: a {@code @ParameterizedTest}'s arguments and this extension both offered the answer
     * parameter, and JUnit's "Discovered multiple competing ParameterResolvers" named neither the cause nor the fix.
     * The probe's own invocations never get here with such a method: its template makes none.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        List<Annotation> probes = probeAnnotations(method);
        Optional<String> other = otherTestAnnotation(method);
        if (!probes.isEmpty() && other.isPresent()) {
            throw alsoATestRun(context, other.get());
        }
    }

    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return Selection.of(context).isPartial()
                || otherTestAnnotation(context.getRequiredTestMethod()).filter(ProbeExtension::runsAgain).isPresent();
    }

    /**
     * Whether JUnit runs a method with {@code other} (as {@link #otherTestAnnotation} names it) itself, each run failing
     * in {@link #beforeEach}: {@code @Test}, {@code @RepeatedTest}, {@code @ParameterizedTest}; a {@code @TestFactory}'s
     * run fails only on its parameter, so its template reports the cause.
     */
    private static boolean runsAgain(String other) {
        return !other.startsWith("@TestFactory");
    }

    /**
     * The probe annotations of {@code method}: its own, then those of the annotations it carries (a team's composed
     * annotation, e.g. {@code @ProbeHighConfidence(classes = {0, 1}) @Tag("nightly") @interface NightlyConfidence}),
     * at any depth.
     */
    static List<Annotation> probeAnnotations(Method method) {
        List<Annotation> out = new ArrayList<>();
        for (Annotation a : method.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(ProbeSource.class)) {
                out.add(a);
            }
        }
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        for (Annotation a : method.getAnnotations()) {
            if (!a.annotationType().isAnnotationPresent(ProbeSource.class)) {
                composedProbes(a, seen, out);
            }
        }
        return out;
    }

    /**
     * The method's probe annotations as {@link #probeAnnotations} finds them, each with the composed annotation it came
     * through ("@ProbeHighConfidence (through @QuickProbe)"): a conflict read "[@ProbeHighConfidence,
     * @ProbeHighConfidence]", and a new user had to find which team annotation carried the second.
     */
    static List<String> probeSources(Method method) {
        List<String> out = new ArrayList<>();
        for (Annotation a : method.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(ProbeSource.class)) {
                out.add("@" + a.annotationType().getSimpleName());
            }
        }
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        for (Annotation a : method.getAnnotations()) {
            if (!a.annotationType().isAnnotationPresent(ProbeSource.class)) {
                List<Annotation> found = new ArrayList<>();
                composedProbes(a, seen, found);
                found.forEach(f -> out.add("@" + f.annotationType().getSimpleName() + " (through @"
                        + a.annotationType().getSimpleName() + ")"));
            }
        }
        return out;
    }

    private static void composedProbes(Annotation composed, java.util.Set<Class<?>> seen, List<Annotation> out) {
        Class<? extends Annotation> type = composed.annotationType();
        if (type.getName().startsWith("java.") || !seen.add(type)) {
            return;
        }
        for (Annotation meta : type.getAnnotations()) {
            if (meta.annotationType().isAnnotationPresent(ProbeSource.class)) {
                out.add(meta);
            } else {
                composedProbes(meta, seen, out);
            }
        }
    }

    /**
     * The factory's annotation type (its {@code ProbeFactory<A>} or {@code GateFactory<A>}) must be the annotation that
     * names it: one typed for another annotation failed with "$Proxy16 cannot be cast to ProbeHighConfidence".
     */
    private static void checkFactoryType(Class<?> type, Annotation annotation) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Type t : c.getGenericInterfaces()) {
                if (t instanceof java.lang.reflect.ParameterizedType p
                        && (p.getRawType() == ProbeFactory.class || p.getRawType() == GateFactory.class)
                        && p.getActualTypeArguments()[0] instanceof Class<?> expected
                        && !expected.isAssignableFrom(annotation.annotationType())) {
                    throw new IllegalStateException("@" + annotation.annotationType().getSimpleName() + " names the factory "
                            + type.getName() + " in its @ProbeSource, but that factory makes the invocations of @"
                            + expected.getSimpleName() + " (it implements " + p.getTypeName() + "): make it implement "
                            + ((Class<?>) p.getRawType()).getSimpleName() + "<" + annotation.annotationType().getSimpleName()
                            + ">, or name the right factory in @ProbeSource.");
                }
            }
        }
    }

    /** A {@link ProbeFactory} or a {@link GateFactory}. */
    private static Object factory(ProbeSource source) {
        Class<?> type = source.value();
        if (!ProbeFactory.class.isAssignableFrom(type) && !GateFactory.class.isAssignableFrom(type)) {
            throw new IllegalStateException("@ProbeSource(" + type.getName() + ") must name a ProbeFactory or a GateFactory.");
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create the probe factory " + type.getName()
                    + ": it needs a no-argument constructor.", e);
        }
    }
}
