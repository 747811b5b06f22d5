package dev.probe.junit.extension;

import dev.probe.core.population.PopulationRun;
import dev.probe.core.population.SmcConfig;
import dev.probe.core.probe.Probe;
import dev.probe.core.result.Evidence;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.result.Rate;
import dev.probe.junit.ProbeAnswer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * Whether an answer's samples can support a verdict on the model: they must attain the target
 * ({@link Outcome#NOT_SAMPLED} otherwise), and converge — max R̂ over chains (or populations) at most
 * {@code maxRhat}, at least {@code minAttainedEss} effective samples attaining the target, and (chains) at most
 * {@code maxDivergences} divergent trajectories after warm-up, (populations) a settling drift of at most
 * {@link PopulationRun#MAX_SETTLING_DRIFT} ({@link Outcome#NOT_CONVERGED} otherwise, with the budget it would need). Messages name the cause and
 * tell "unreachable within this budget" apart from "the model is probably misdeclared".
 *
 * @param outcome {@code null} when the evidence supports a verdict (the assertions decide it)
 * @param reason why not, with the numbers; empty when converged
 */
record Verdict(Outcome outcome, String reason) {
    /** Output spread below which a classifier is called constant. */
    static final double FLAT = 0.02;
    /** A top class probability at or above which constant outputs mean a saturated model, not a misdeclared one. */
    static final double SATURATED = 0.99;
    /**
     * A top class probability at or above which outputs that do not move mean a model confident of one class wherever
     * the samples went, not a misdeclared one: a softmax applied twice cannot give more than e/(e + 1) ≈ 0.73, and an
     * untrained or input-blind model sits near 1/C (a robust model at 0.982 everywhere on a generator without the
     * asked class was told to check its declaration).
     */
    static final double CONFIDENT_EVERYWHERE = 0.9;

    boolean isConclusive() {
        return outcome == null;
    }

    /** Prior draws on which a model whose outputs did not move over the samples is tried. */
    static final int PRIOR_DRAWS = 64;

    /**
     * What a probe's advice may name: gradient samplers (MALA, HMC) only when its pipeline is differentiable, the
     * prior pool only when its populations start from one (level-set queries over a proper prior); and, asked only
     * when the samples left the judged model's outputs where they were, how far they move over
     * {@value #PRIOR_DRAWS} prior draws (the widest output's range): a model that moves there is not misdeclared,
     * its samples sat on a plateau.
     */
    record Levers(boolean gradients, boolean pool, java.util.function.DoubleSupplier priorSpread, boolean localised,
            boolean improper, String fixed, java.util.function.BooleanSupplier squashedLogits,
            java.util.function.Function<double[], String> atBounds,
            java.util.function.DoubleFunction<PoolReach> poolReach, double outsideBy, boolean unreachableIsRobust) {
        Levers(boolean gradients, boolean pool, java.util.function.DoubleSupplier priorSpread, boolean localised,
                boolean improper, String fixed, java.util.function.BooleanSupplier squashedLogits,
                java.util.function.Function<double[], String> atBounds,
                java.util.function.DoubleFunction<PoolReach> poolReach, double outsideBy) {
            this(gradients, pool, priorSpread, localised, improper, fixed, squashedLogits, atBounds, poolReach, outsideBy,
                    false);
        }

        /** These levers for a probe whose unreached target is what a robust model gives ({@link ProbeSpec#unreachableIsRobust}). */
        Levers withUnreachableIsRobust(boolean excluded) {
            return new Levers(gradients, pool, priorSpread, localised, improper, fixed, squashedLogits, atBounds, poolReach,
                    outsideBy, excluded);
        }

        /** Every lever; the spread over prior draws unknown (NaN). */
        static final Levers ALL = new Levers(true, true, () -> Double.NaN, false, false, "", () -> false);

        Levers(boolean gradients, boolean pool, java.util.function.DoubleSupplier priorSpread, boolean localised,
                boolean improper, String fixed, java.util.function.BooleanSupplier squashedLogits) {
            this(gradients, pool, priorSpread, localised, improper, fixed, squashedLogits, x -> "", t -> null, 0);
        }

        /**
         * The features of model input {@code x} that sit on a bound of an input space (not the fixed ones, nor a one-hot
         * group's columns, which are 0 or 1 at every draw), e.g. "income = 40000.0 (its upper bound), ratio = 0.5 (its
         * lower bound)"; empty for other spaces.
         */
        static String featuresAtBounds(dev.probe.core.space.SampleSpace space, double[] x) {
            if (!(space instanceof dev.probe.core.space.InputSpace box) || box.featureLower().length != x.length) {
                return "";
            }
            double[] lo = box.featureLower();
            double[] hi = box.featureUpper();
            // a one-hot column sits on a bound by construction: a new user's region_N … region_W were named as bounds
            // to widen, which the builder refuses (and widening cannot make a category of them)
            boolean[] category = new boolean[x.length];
            for (int[] group : box.oneHotGroups()) {
                for (int k : group) {
                    category[k] = true;
                }
            }
            java.util.List<String> at = new java.util.ArrayList<>();
            for (int k = 0; k < x.length; k++) {
                double width = hi[k] - lo[k];
                if (category[k] || !(width > 0) || Double.isInfinite(width)) {
                    continue;
                }
                double near = 0.01 * width; // within 1% of the range: proposals beyond the bound were rejected
                if (Math.abs(x[k] - hi[k]) <= near) {
                    at.add(box.featureNames().get(k) + " = " + shown(hi[k]) + " (its upper bound)");
                } else if (Math.abs(x[k] - lo[k]) <= near) {
                    at.add(box.featureNames().get(k) + " = " + shown(lo[k]) + " (its lower bound)");
                }
            }
            return String.join(", ", at);
        }

        private static String shown(double v) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        }

        Levers(boolean gradients, boolean pool, java.util.function.DoubleSupplier priorSpread) {
            this(gradients, pool, priorSpread, false, false, "", () -> false);
        }

        Levers(boolean gradients, boolean pool, java.util.function.DoubleSupplier priorSpread, boolean localised,
                boolean improper) {
            this(gradients, pool, priorSpread, localised, improper, "", () -> false);
        }

        /** The features an input space fixes, e.g. "age = 19.0, region = 2.0"; empty for other spaces. */
        static String fixedFeatures(dev.probe.core.space.SampleSpace space) {
            if (!(space instanceof dev.probe.core.space.InputSpace box)) {
                return "";
            }
            java.util.List<String> fixed = new java.util.ArrayList<>();
            double[] lo = box.featureLower();
            double[] hi = box.featureUpper();
            for (int k = 0; k < lo.length; k++) {
                if (lo[k] == hi[k]) {
                    fixed.add(box.featureNames().get(k) + " = " + lo[k]);
                }
            }
            return String.join(", ", fixed);
        }

        /** How the question can be relaxed: a localised question (counterfactual) by its strength λ, not by τ. */
        String question(ProbeConfiguration c) {
            if (localised) {
                // a user lowered tau from 0.02 to 0.005 and lost every attained sample: the spread had reached the target
                return "a smaller lambda (the localiser's strength: counterfactuals may then lie further from the "
                        + "factual; tau divides both terms, so it does not trade them off, but a smaller tau narrows the "
                        + "samples around the energy's minimum, which may lie short of the target: a lowered tau can "
                        + "lose the samples that reached it) or a larger tolerance";
            }
            // only the setting the probe uses: a Gibbs probe told "sigma" is refused when it sets it (a new user's)
            boolean sigma = c.has(Setting.SIGMA);
            boolean tau = c.has(Setting.TAU);
            return (sigma && tau ? "sigma or tau" : sigma ? "a larger sigma" : tau ? "a larger tau" : "") + (sigma || tau
                    ? ", or a larger tolerance" : "a larger tolerance");
        }

        /** The levers of {@code probe}; its models are called on {@code thread}, as every model call of the JVM is. */
        static Levers of(Probe probe, String judgedModel, long seed, SamplerThread thread) {
            double[][][] once = new double[1][][]; // the prior draws' outputs, computed at most once
            java.util.function.Supplier<double[][]> prior = () -> once[0] != null ? once[0] : (once[0] = thread.call(
                    "trying model '" + judgedModel + "' on prior draws", () -> {
                        int m = probe.query().models().stream().map(dev.probe.core.model.ModelUnderTest::name).toList()
                                .indexOf(judgedModel);
                        return probe.priorDraws(PRIOR_DRAWS, seed).stream().map(x -> x.outputs()[m])
                                .toArray(double[][]::new);
                    }));
            java.util.function.DoubleSupplier spread = () -> widest(prior.get())[1];
            boolean localised = probe.query() instanceof dev.probe.core.query.QuerySum sum
                    && sum.parts().stream().anyMatch(q -> q instanceof dev.probe.core.query.Localiser);
            // a factual outside the box: every sample lies at least this far from it (a new user's λ, τ spread of 0.707
            // where 3.005 was forced)
            double outsideBy = !(probe.space() instanceof dev.probe.core.space.InputSpace box)
                    || !(probe.query() instanceof dev.probe.core.query.QuerySum parts) ? 0
                    : parts.parts().stream().filter(q -> q instanceof dev.probe.core.query.Localiser l
                            && l.inputDimension() == box.inputDimension())
                            .mapToDouble(q -> ((dev.probe.core.query.Localiser) q).leastDistanceWithin(
                                    box.featureLower(), box.featureUpper())).max().orElse(0);
            boolean logits = probe.query().models().stream().anyMatch(u -> u.name().equals(judgedModel)
                    && u instanceof dev.probe.core.model.Classifier k
                    && k.declaredOutput() == dev.probe.core.model.Classifier.Output.LOGITS);
            // squashed over the space, not only where the samples gathered: a right logits model asked for a class it
            // cannot reach gathers its samples where its logits are close, and read as a sigmoid head
            java.util.function.BooleanSupplier squashed = () -> logits && withinFactorE(prior.get());
            // how near the shared prior pool's draws come to the target: read only when a probe sampled nothing, and
            // not for counterfactuals, whose question holds the samples near their factual
            // (the pool the run computed: never a new forward pass for a message)
            java.util.function.DoubleFunction<PoolReach> reach = tolerance -> localised ? null
                    : probe.computedPool().map(p -> PoolReach.of(p, probe.query(), tolerance)).orElse(null);
            return new Levers(probe.energy().isDifferentiable(), probe.usesPool(), spread, localised,
                    !probe.space().hasProperPrior(), fixedFeatures(probe.space()), squashed,
                    x -> featuresAtBounds(probe.space(), x), reach, outsideBy);
        }
    }

    /**
     * How near the {@code size} draws of a probe's prior pool come to its target: {@code attained} of them within the
     * tolerance, the nearest at {@code closest}.
     */
    record PoolReach(int size, int attained, double closest, double[] distances, double[] energies) {
        PoolReach(int size, int attained, double closest) {
            this(size, attained, closest, new double[0], new double[0]);
        }

        /**
         * The share of the sampled target, as the pool's draws weighted by exp(−G) estimate it, that lies nearer the
         * target than {@code sampled}; NaN without energies. The best of 32,768 prior draws beats the best of a few
         * hundred samples of a broad relaxed target however well they mix (a new user's 0.0358 against 0.0376 at
         * σ = 0.05 and tolerance 0.01 was told "the sampler did not find the pool's best region; more budget").
         */
        double targetShareNearerThan(double sampled) {
            double least = Arrays.stream(energies).filter(Double::isFinite).min().orElse(Double.NaN);
            if (Double.isNaN(least) || energies.length != distances.length) {
                return Double.NaN;
            }
            double all = 0;
            double nearer = 0;
            for (int i = 0; i < energies.length; i++) {
                if (Double.isFinite(energies[i]) && !Double.isNaN(distances[i])) {
                    double w = Math.exp(least - energies[i]);
                    all += w;
                    nearer += distances[i] < sampled ? w : 0;
                }
            }
            return all > 0 ? nearer / all : Double.NaN;
        }

        /**
         * Whether the pool's draws nearer than the samples hold so little of the target that {@code ess} effective
         * samples would visit them fewer than 3 times on average: then the pool's being nearer is no sign that the
         * sampler missed a region.
         */
        boolean nearerByChance(double sampled, double ess) {
            double share = targetShareNearerThan(sampled);
            return Double.isFinite(share) && Double.isFinite(ess) && share * ess < 3;
        }

        /**
         * Whether none of the pool's draws met the target nor came nearer than the samples' {@code sampled} (by 1% or
         * more), for a model without gradients (whose sampler goes only where draws go), or for populations moved by
         * gradients (which go beyond the draws they start from, toward the target, and came no nearer either: a new
         * user's class held at 1/3 by the model was told "more budget, a larger prior pool"): then the pool says the
         * target may be out of reach anywhere, and more budget is no first lever. Not for chains moved by gradients,
         * which stay near the pool's best draws they start from when they fail to move. Also when the pool's nearer
         * draws hold too little of the target for {@code ess} effective samples to visit ({@link #nearerByChance}).
         */
        boolean cameNoNearer(double sampled, boolean gradients, boolean populations, double ess) {
            return attained == 0 && (!gradients || populations) && Double.isFinite(closest) && Double.isFinite(sampled)
                    && (!(closest < sampled - 0.01 * sampled) || nearerByChance(sampled, ess));
        }

        /**
         * {@code d} rounded up to 3 significant digits: a tolerance of at least that attains the nearest sample (a new
         * user's "at least 0.300" did not, at 0.300005).
         */
        static String atLeast3(double d) {
            return atLeast(d, Double.POSITIVE_INFINITY);
        }

        /**
         * Whether {@code closest} is the largest distance the question allows, to 0.1% of it (a class given 10⁻¹³, or
         * 1.9·10⁻⁵ by a softmax, at 0.99998 of 1: "a tolerance of at least 1.00" was refused when followed), as the
         * prior mass's floor reads it.
         */
        static boolean atLargest(double closest, double largest) {
            return Double.isFinite(largest) && closest >= 0.999 * largest;
        }

        static PoolReach of(dev.probe.core.probe.PriorPool pool, dev.probe.core.query.Query query, double tolerance) {
            int attained = 0;
            double closest = Double.POSITIVE_INFINITY;
            double[] distances = new double[pool.size()];
            for (int i = 0; i < pool.size(); i++) {
                double d = query.targetDistance(pool.outputs(i));
                distances[i] = d;
                if (Double.isNaN(d)) {
                    continue; // a draw the models could not answer: the pool keeps it, no distance is read from it
                }
                // to 12 decimals, as a result's distances are (a forest's 9 in 10 votes summed in doubles)
                d = Math.abs(d) < 1 ? Math.max(0, Math.rint(d * 1e12) / 1e12) : Math.max(0, d);
                distances[i] = d;
                closest = Math.min(closest, d);
                attained += d <= tolerance ? 1 : 0;
            }
            double[] energies = new double[0];
            if (query instanceof dev.probe.core.query.OutputEnergy asked) {
                try {
                    energies = pool.energies(asked);
                } catch (IllegalArgumentException otherModels) {
                    // a pool of other models than the question's: no weights, and the pool's line says less
                }
            }
            return new PoolReach(pool.size(), attained, closest, distances, energies);
        }

        /**
         * What the pool adds to "none of the samples came within the tolerance (closest {@code sampled})": that the
         * target is reachable (some pool draws meet it, so the sampler missed it), or, for a model without gradients,
         * that no pool draw came nearer either (its plateaus, a tree's leaves, may come no nearer anywhere); {@code ess},
         * the samples' effective number (NaN: unknown), judges whether the pool came nearer only by chance.
         */
        String said(double sampled, boolean gradients, boolean populations, double largest, double[] distances,
                double ess) {
            if (attained > 0) {
                return String.format(Locale.ROOT, " Yet %d of the prior pool's %d draws meet%s the target (about 1 in %s "
                        + "of the prior): it is reachable in this space, and the sampler did not get there; more budget "
                        + "is the lever (for populations, a larger prior pool too: each starts from its share of it).",
                        attained, size, attained == 1 ? "s" : "", oneIn((double) attained / size));
            }
            if (gradients && !cameNoNearer(sampled, true, populations, ess) || !Double.isFinite(closest)
                    || !Double.isFinite(sampled)) {
                return ""; // a gradient sampler goes where prior draws do not: the pool says nothing more
            }
            if (atLargest(sampled, largest)) {
                // "a tolerance of at least 1.00 samples the nearest it comes" was refused when followed (a new user's
                // class that the model never predicts), and no plateau was the cause
                return String.format(Locale.ROOT, " None of the prior pool's %d draws came nearer either: the samples "
                        + "and the pool's draws are all at the largest distance the question allows (%.3g), so no "
                        + "tolerance relaxes it (one of %.3g or more is refused, as it lets every sample attain); more "
                        + "budget helps only if a region holding less than about 1 in %d of the prior reaches it.", size,
                        largest, largest, size);
            }
            // nearer by 1% of the distance or more: a smooth model's samples 3·10⁻⁶ short of the pool's best draw were
            // told the sampler "did not find the pool's best region; more budget is the lever" (a new user's
            // generator that cannot draw the class: both at its best, 0.277); float32 outputs differ by less anyway
            double share = targetShareNearerThan(sampled);
            if (!cameNoNearer(sampled, gradients, populations, ess)) {
                return String.format(Locale.ROOT, " None of the prior pool's %d draws meets the target either, but its "
                        + "closest (%.3g) is nearer than the samples came%s: the sampler did not find the pool's best "
                        + "region; more budget is the lever.", size, closest, Double.isFinite(share) && Double.isFinite(ess)
                        ? String.format(Locale.ROOT, ", and its draws weighted toward the target put %.2g%% of it nearer "
                                + "than any sample, which %.0f effective samples would have visited about %.0f times",
                                100 * share, ess, share * ess) : "");
            }
            String pooled = closest < sampled - 0.01 * sampled
                    // nearer, but in a sliver of the target: the best of 32,768 prior draws beats the best of a few
                    // hundred samples of a broad relaxed target however well they mix (a new user's, told "more budget")
                    ? String.format(Locale.ROOT, " The prior pool's closest draw (%.3g) is nearer than these samples came, "
                            + "but its draws weighted toward the target put only %.2g%% of it there, which %.0f effective "
                            + "samples would visit about %.1f times: too few to read as a region the sampler missed (its "
                            + "best draw is the rarer extreme of many more draws). None of its %d draws meets the target",
                            closest, 100 * share, ess, share * ess, size)
                    : closest < sampled && !String.format(Locale.ROOT, "%.3g", closest)
                            .equals(String.format(Locale.ROOT, "%.3g", sampled))
                    // nearer by less than 1%, and visibly: "None … came nearer (the pool's closest 0.0357)" beside the samples'
                    // 0.0360 was untrue as printed (a new user's)
                    ? String.format(Locale.ROOT, " None of the prior pool's %d draws came nearer the target than these "
                            + "samples by 1%% or more (the pool's closest %.3g, theirs %.3g)", size, closest, sampled)
                    : String.format(Locale.ROOT, " None of the prior pool's %d draws came nearer the target than these "
                            + "samples (the pool's closest %.3g)", size, closest);
            return String.format(Locale.ROOT, "%s%s, or a space whose bounds leave out where the model meets the "
                    + "target, may come no nearer than %.3g anywhere in this space, and then no budget reaches "
                    + "the target: a tolerance of at least %s samples the nearest it comes%s. More budget helps only if "
                    + "a region holding less than about 1 in %d of the prior comes nearer.", pooled,
                    gradients ? ", though gradient moves carried the samples toward the target from those draws: a model "
                            + "that caps an output or holds it fixed (a class probability that no input moves)"
                            : ": a model whose outputs are piecewise constant (a tree's leaves, a rule's regions) or "
                                    + "capped (a smooth one at its largest within the bounds)",
                    Math.min(sampled, closest), atLeast3(sampled), spread(distances), size);
        }

        /**
         * How many of the samples the advised tolerance (the nearest distance, rounded up) attains, and the tolerances
         * that attain about a quarter and half of them, with their counts among these samples, where the nearest alone
         * attains fewer than a quarter: a new user's smooth model, told "at least 0.424", attained 1 of 1,920 draws
         * there, too few for any evidence. The question's energy does not depend on the tolerance, so a re-run at the
         * same seed attains these counts exactly, at another about these shares. Empty for fewer than 8 finite
         * distances.
         */
        static String spread(double[] distances) {
            double[] d = Arrays.stream(distances).filter(Double::isFinite).sorted().toArray();
            if (d.length < 8) {
                return "";
            }
            String nearest = atLeast3(d[0]);
            long there = count(d, nearest);
            double q1 = d[(int) Math.ceil(0.25 * d.length) - 1];
            double q2 = d[(int) Math.ceil(0.5 * d.length) - 1];
            // rounded up finely enough to stay within a tenth of the spread above the nearest: at 3 digits, a quarter's
            // 0.1532 rounded to 0.154 counted a third of a new user's samples, not a quarter
            String quarter = atLeast(q1, 0.1 * (q1 - d[0]));
            String half = atLeast(q2, 0.1 * (q2 - d[0]));
            if (there >= 0.25 * d.length || quarter.equals(nearest)) {
                return "";
            }
            return String.format(Locale.ROOT, " (%d of these %d samples, too few to judge on: a tolerance of at least %s "
                    + "would count %d of them, %s %d, if the question still asks what you need at that distance; a re-run "
                    + "with another seed draws other samples, so its counts differ by chance)", there, d.length, quarter, count(d, quarter),
                    half, count(d, half));
        }

        /** How many of {@code d} a tolerance written {@code tolerance} attains. */
        private static long count(double[] d, String tolerance) {
            double t = Double.parseDouble(tolerance);
            return Arrays.stream(d).filter(x -> x <= t).count();
        }

        /** {@code x} rounded up to the fewest significant digits (3 to 6) that add at most {@code slack}. */
        static String atLeast(double x, double slack) {
            for (int digits = 3; ; digits++) {
                double up = java.math.BigDecimal.valueOf(x).round(new java.math.MathContext(digits,
                        java.math.RoundingMode.CEILING)).doubleValue();
                if (up - x <= slack || digits == 6) {
                    return String.format(Locale.ROOT, "%." + digits + "g", up);
                }
            }
        }

        private static String oneIn(double share) {
            double n = 1 / share;
            return n < 10 ? String.format(Locale.ROOT, "%.1f", n) : String.format(Locale.ROOT, "%,d", Math.round(n));
        }
    }

    /**
     * A model declared with {@code Classifier.fromLogits} whose probabilities, at every sample and at prior draws (a
     * right logits model's samples may gather where its logits are close), lie within a factor e of each other: its
     * "logits" all lie within 1 of each other, as outputs squashed to [0, 1] (a sigmoid per class) do,
     * and softmax over them caps the top probability at e/(e + K − 1) (0.576 for 3 classes) however long the sampler
     * runs (a new user's one-vs-rest head read "closest 0.424 … give more budget"). Empty otherwise.
     */
    static String squashedLogits(double[][] outputs, String model, Levers levers) {
        int k = outputs.length == 0 ? 0 : outputs[0].length;
        if (k < 2 || !withinFactorE(outputs) || !levers.squashedLogits().getAsBoolean()) {
            return "";
        }
        return String.format(Locale.ROOT, " At every sample, and at %d prior draws, the probabilities of '%s' lie within a "
                + "factor e of each other, so its outputs, declared as logits, all lie within 1 of each other, as outputs "
                + "squashed to [0, 1] (a sigmoid per class) do: softmax over them caps the top probability at e/(e + %d) = "
                + "%.3f. If the model ends in a softmax, declare it with Classifier.fromProbabilities; if it ends in a "
                + "sigmoid per class over classes that exclude each other, export its raw logits. " + MULTI_LABEL,
                PRIOR_DRAWS, model, k - 1, Math.E / (Math.E + k - 1));
    }

    /** What a sigmoid-per-label head is to Probe, and how to ask it a question (shared by the hint and the note). */
    static final String MULTI_LABEL = "If its labels can be on together (a multi-label head), softmax over them asks "
            + "which one label wins, not whether a label is on: wrap the model with Regressor.of(...) and ask your question "
            + "with your own OutputEnergy (README, \"Logits or probabilities\").";

    /**
     * A note for a probe that did reach its target with a model declared as logits whose outputs, at every sample and
     * at {@value #PRIOR_DRAWS} prior draws, all lie within 1 of each other, as a sigmoid per label's do: softmax over
     * independent labels answers another question than the team's (a new user's two sigmoid labels passed "ambivalent
     * 0:1" on inputs where both labels were on, or both off). Empty for another model or declaration, and without
     * drawing from the prior unless the samples' outputs are that close.
     */
    static java.util.Optional<String> sigmoidHeadNote(ProbeAnswer answer, Levers levers) {
        return sigmoidHeadNote(answer, answer.judgedModel(), levers);
    }

    /**
     * The same note for {@code model}, any model of the answer's question, with that model's levers: a contrast of a
     * logits export and a sigmoid export of the same network declared as logits passed with a note only when the
     * sigmoid one was the judged (first) model (a new user's).
     */
    static java.util.Optional<String> sigmoidHeadNote(ProbeAnswer answer, String model, Levers levers) {
        double[][] outputs = answer.result().outputs(model);
        int k = outputs.length == 0 ? 0 : outputs[0].length;
        if (k < 2 || !withinFactorE(outputs) || !levers.squashedLogits().getAsBoolean()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "note: at every sample and at %d prior draws the outputs "
                + "of '%s', declared as logits, lie within 1 of each other, as a sigmoid per label's do (softmax over them "
                + "never gives a class more than e/(e + %d) = %.3f there). " + MULTI_LABEL + " If they are logits of "
                + "classes that exclude each other, the model is never confident at prior draws.", PRIOR_DRAWS,
                model, k - 1, Math.E / (Math.E + k - 1)));
    }

    /** Below this many chains a converged chain run gets {@link #fewChainsNote}. */
    static final int FEW_CHAINS = 8;

    /**
     * A note for a converged run of fewer than {@value #FEW_CHAINS} chains: R̂ compares the chains with each other, so
     * a mode that none of them reached is invisible to it (a new user's 4 MALA chains all sat in one mode of a target
     * whose other mode held 20% of it, with R̂ 1.007 and a "passed" verdict; at 8 chains 8 of 8 such runs were flagged).
     * Empty for populations (whose mode jumps move mass between the modes some particle found) and for more chains.
     */
    static java.util.Optional<String> fewChainsNote(ProbeAnswer answer) {
        ProbeResult result = answer.result();
        int n = result.chains();
        if (result.isPopulationResult() || n >= FEW_CHAINS) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "note: %d chain%s: R-hat compares the chains with each "
                + "other, so a mode that none of them reached is invisible to it. If a mode holds a share w of where "
                + "chains start, all n chains miss it with probability about (1 - w)^n: %.0f%% for w = 0.2 at n = %d, "
                + "%.0f%% at %d, %.1f%% at 32. Give chains = %d or more, or sample by populations (sampler = AUTO or SMC), "
                + "whose mode jumps move mass between the modes some particle found (README, \"a mode that no chain "
                + "reaches is invisible\").", n, n == 1 ? "" : "s", 100 * Math.pow(0.8, n), n, 100 * Math.pow(0.8, FEW_CHAINS),
                FEW_CHAINS, 100 * Math.pow(0.8, 32), FEW_CHAINS));
    }

    /** The sources whose budget-floor note was printed: once per source in a JVM (console volume). */
    private static final java.util.Set<String> FLOOR_NOTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A note for populations sized by the budget's floor while the user set chains, warmup or draws: below the floor
     * they change nothing (a newcomer's chains = 1, warmup = 1, draws = 1 passed with the same evidence as 8, 120, 30,
     * and nothing said so outside a failure's settings table). Once per source of those settings in a JVM.
     */
    static java.util.Optional<String> budgetFloorNote(ProbeAnswer answer, ProbeConfiguration c) {
        if (!answer.result().isPopulationResult() || !c.has(Setting.PARTICLES) || c.budget() > 1
                || !c.has(Setting.CHAINS) || !c.has(Setting.WARMUP) || !c.has(Setting.DRAWS)) {
            return java.util.Optional.empty();
        }
        long worth = (long) c.chains() * (c.warmup() + (long) c.draws() * c.thin()) / SmcConfig.MOVES_PER_RUN;
        int particles = c.get(Setting.PARTICLES);
        String source = java.util.stream.Stream.of("chains", "warmup", "draws").map(c::source)
                .filter(w -> !w.equals("built-in")).findFirst().orElse("");
        // set particles size the populations whatever chains, warmup and draws say (a new user's particles = 64 beside
        // chains = 1, warmup = 1, draws = 1 got no word)
        boolean unused = particles > 0 || worth < SmcConfig.MIN_BUDGET_PARTICLES;
        if (!unused || source.isEmpty() || !FLOOR_NOTED.add(source)) {
            return java.util.Optional.empty();
        }
        String why = particles > 0 ? String.format(Locale.ROOT, "whose particles (%d per population, %s) are set, so "
                + "the budget from chains, warmup and draws is not used", particles, c.source("particles"))
                : String.format(Locale.ROOT, "sized from the budget chains x (warmup + draws x thin) / %d = %d "
                        + "particles, below the floor of %d that every such run gets", SmcConfig.MOVES_PER_RUN, worth,
                        SmcConfig.MIN_BUDGET_PARTICLES);
        return java.util.Optional.of(String.format(Locale.ROOT, "note: chains = %d, warmup = %d, draws = %d (%s) change "
                + "nothing here: this probe is sampled by populations (sampler = AUTO picks them for probes over a "
                + "proper prior), %s. To change its budget, set particles or populations (or maxPopulations); to sample "
                + "by chains, set sampler = MALA, HMC or MH. Said once per source.", c.chains(), c.warmup(), c.draws(),
                source, why));
    }

    /** Whether every row lies in [0, 1] and sums to 1 (to 10⁻³): class probabilities, not a regressor's outputs. */
    static boolean onSimplex(double[][] outputs) {
        for (double[] row : outputs) {
            double sum = 0;
            for (double v : row) {
                if (!(v >= -1e-6 && v <= 1 + 1e-6)) {
                    return false;
                }
                sum += v;
            }
            if (!(Math.abs(sum - 1) <= 1e-3)) {
                return false;
            }
        }
        return outputs.length > 0;
    }

    /** Whether every row's probabilities lie within a factor e of each other (its logits within 1). */
    static boolean withinFactorE(double[][] probabilities) {
        for (double[] row : probabilities) {
            double hi = Arrays.stream(row).max().orElse(0);
            double lo = Arrays.stream(row).min().orElse(0);
            if (!(lo > 0) || hi / lo > Math.E * (1 + 1e-6)) {
                return false;
            }
        }
        return probabilities.length > 0;
    }

    /** {index, range} of the output whose range over the rows is widest. */
    static double[] widest(double[][] outputs) {
        double spread = 0;
        int widest = 0;
        for (int k = 0; k < outputs[0].length; k++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] row : outputs) {
                lo = Math.min(lo, row[k]);
                hi = Math.max(hi, row[k]);
            }
            if (hi - lo > spread || k == 0) {
                spread = hi - lo;
                widest = k;
            }
        }
        return new double[] {widest, spread};
    }

    /**
     * The checks of {@code evidence} that {@code answer} fails, e.g. "max R-hat 1.074 > 1.05; 41.8 effective attained
     * samples < 100": a reviewer read "not_converged" in the diagnostics and had to find which by comparing the rows
     * with the settings.
     */
    static String unmetChecks(ProbeAnswer answer, Evidence evidence) {
        ProbeResult r = answer.result();
        List<String> unmet = new ArrayList<>();
        double rhat = r.diagnostics().maxRhat();
        if (!(rhat <= evidence.maxRhat())) {
            unmet.add(Double.isNaN(rhat) ? "max R-hat undefined" : String.format(Locale.ROOT, "max R-hat %.3f > %s", rhat,
                    trimmed(evidence.maxRhat())));
        }
        if (!(answer.attainedEss() >= evidence.minAttainedEss())) {
            unmet.add(String.format(Locale.ROOT, "%.1f effective attained samples < %s", answer.attainedEss(),
                    trimmed(evidence.minAttainedEss())));
        }
        if (evidence.hasTooManyDivergences(r)) {
            unmet.add(r.diagnostics().divergences() + " divergent trajectories > " + evidence.maxDivergences());
        }
        if (Evidence.isUnsettled(r)) {
            unmet.add("populations not settled into the target");
        }
        if (r.isPopulationResult() && Evidence.unmoved(r.diagnostics())) {
            unmet.add(String.format(Locale.ROOT, "moves accepted %.3f of proposals (particles did not move)",
                    r.diagnostics().meanAcceptance()));
        }
        return unmet.isEmpty() ? "every check met" : String.join("; ", unmet);
    }

    /**
     * Why {@code answer} ended {@code outcome}, in a few words for a gate's list ("closest 0.333, tolerance 0.1"; "max
     * R-hat 1.074 > 1.05"), empty unless it was not sampled or did not converge: a gate's message, which is what JUnit
     * shows, listed the keys alone and left the reasons to the lines printed above it (a new user's).
     */
    static String briefly(ProbeAnswer answer, Outcome outcome, ProbeConfiguration c) {
        if (outcome == Outcome.NOT_CONVERGED) {
            return unmetChecks(answer, c.evidence());
        }
        if (outcome != Outcome.NOT_SAMPLED) {
            return "";
        }
        double closest = Arrays.stream(answer.result().targetDistances()).min().orElse(Double.NaN);
        if (answer.attainment().successes() > 0) {
            return String.format(Locale.ROOT, "%.1f effective attained samples", answer.attainedEss());
        }
        return Double.isFinite(closest) ? String.format(Locale.ROOT, "closest %.3g, tolerance %s", closest,
                trimmed(answer.tolerance())) : "no draw with a finite energy";
    }

    /**
     * What {@code answer}'s own evidence says, whatever the outcome it is reported with (a gate's side carries its
     * gate's): {@code NOT_SAMPLED} when no sample attained the target, {@code NOT_CONVERGED} when {@code evidence} is
     * not met, else {@code PASSED} (evidence for a verdict).
     */
    static Outcome evidenceOutcome(ProbeAnswer answer, Evidence evidence) {
        if (answer.attainment().successes() == 0) {
            return Outcome.NOT_SAMPLED;
        }
        return evidence.isMetBy(answer.result()) ? Outcome.PASSED : Outcome.NOT_CONVERGED;
    }

    /** A setting as written: 100, not 100.0; 1.05 as is. */
    static String trimmed(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * "draws (32 particles × 4 draws each)" where a population keeps several draws per particle: "4 populations x 128
     * draws" beside "particles 32" in the settings read as a contradiction to a CI engineer.
     */
    static String drawsPerPopulation(String kernel) {
        java.util.regex.Matcher size = POPULATION_SIZE.matcher(kernel);
        return size.find() && size.group(3) != null ? "draws (" + size.group(2) + " particles × " + size.group(3)
                + " draws each)" : "draws";
    }

    /** A population run's size as its kernel describes it: "4×64 particles" and, after growth, ", 4 draws each". */
    private static final java.util.regex.Pattern POPULATION_SIZE =
            java.util.regex.Pattern.compile("(\\d+)×(\\d+) particles(?:, (\\d+) draws each)?");

    /** Below this share of its narrowest width, a step size in a box with many rejected proposals is walled in. */
    static final double WALLED_STEP = 0.02;

    /**
     * Where gradient moves in a box of at least 8 coordinates shrank their step below {@value #WALLED_STEP} of the box's
     * narrowest width while at least 1,000 proposals fell outside it: the walls hold the moves, and more particles,
     * populations or draws do not make them travel (a new user's 64-pixel counterfactual went from R-hat 1.73 to 1.52 at
     * 4 times the particles, with fewer effective samples, and the next advice did not finish in 6 minutes), while the
     * same uniform prior through Φ of a standard normal has no walls (the user's converged, R-hat 1.038, in 20 s).
     */
    static java.util.Optional<String> walls(ProbeAnswer answer, dev.probe.core.space.SampleSpace space) {
        dev.probe.core.diagnostics.Diagnostics d = answer.result().diagnostics();
        dev.probe.core.sampler.Box box = space.bounds();
        if (!(space instanceof dev.probe.core.space.InputSpace) || box == null || space.dimension() < 8
                || d.outOfBoundsProposals() < 1000 || !(d.stepSize() > 0)) {
            return java.util.Optional.empty();
        }
        double narrowest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < box.lower().length; k++) {
            narrowest = Math.min(narrowest, box.upper()[k] - box.lower()[k]);
        }
        if (!(d.stepSize() < WALLED_STEP * narrowest)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "Walls: %,d proposals fell outside the box and the step "
                + "size shrank to %.3g, %.1f%% of its narrowest width: in %d dimensions the moves step into the box's "
                + "walls, and more particles, populations or draws do not make them travel (a new user's 64-pixel "
                + "counterfactual went from R-hat 1.73 to 1.52 at 4 times the particles, its effective attained samples "
                + "from 384 to 74). A space without walls has the same uniform prior: a LatentSpace.standardNormal whose "
                + "decoder maps each z_k to lo_k + (hi_k − lo_k)·Φ(z_k), "
                + "Φ(z) = (1 + erf(z/√2))/2, e.g. in an exported TorchScript model (README, \"Use Probe in your "
                + "project\"); the user's converged (R-hat 1.038), another's with particles = 480 there.",
                d.outOfBoundsProposals(), d.stepSize(),
                100 * d.stepSize() / narrowest, space.dimension()));
    }

    /** This verdict with {@code cause} after the first paragraph of its reason, before its settings and context. */
    Verdict withCause(String cause) {
        int end = reason.indexOf('\n');
        return new Verdict(outcome, end < 0 ? reason + " " + cause : reason.substring(0, end) + " " + cause
                + reason.substring(end));
    }

    static Verdict of(ProbeAnswer answer, ProbeConfiguration c) {
        return of(answer, c, Levers.ALL);
    }

    static Verdict of(ProbeAnswer answer, ProbeConfiguration c, Levers levers) {
        ProbeResult r = answer.result();
        Rate attained = answer.attainment();
        if (attained.successes() == 0) {
            return new Verdict(Outcome.NOT_SAMPLED, notSampled(answer, c, levers));
        }
        double rhat = r.diagnostics().maxRhat();
        double ess = answer.attainedEss();
        if (c.evidence().isMetBy(r)) {
            return new Verdict(null, "");
        }
        boolean populations = byPopulations(r);
        // with the decimals it takes to differ from the bound: "max R-hat 1.050 (needed <= 1.050)" read as a pass
        // refused (a new user's 1.05006)
        // and the bound as set, when it has more than 3 decimals ("needed <= 1.341" of a bound 1.3414: a new user's)
        String bound = java.math.BigDecimal.valueOf(c.maxRhat()).scale() > 3
                ? java.math.BigDecimal.valueOf(c.maxRhat()).toPlainString() : String.format(Locale.ROOT, "%.3f", c.maxRhat());
        String shownRhat = String.format(Locale.ROOT, "%.3f", rhat);
        if (Double.isFinite(rhat) && shownRhat.equals(String.format(Locale.ROOT, "%.3f", c.maxRhat()))) {
            shownRhat = SampleGrids.distinct(rhat, c.maxRhat());
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Probe %s did not converge: %s%nattained: %s, effective attained samples %.1f (needed %.0f)%n"
                        + "max R-hat %s (needed <= %s), min bulk ESS %.1f over %d %s x %d %s%n",
                named(answer), "no verdict on the model from this evidence.", attained, ess, c.minAttainedEss(), shownRhat,
                bound, r.diagnostics().minEss(), r.chains(), populations ? "populations" : "chains",
                r.size() / r.chains(), populations ? drawsPerPopulation(r.provenance().kernel()) : "draws"));
        if (populations && Double.isNaN(rhat)) {
            b.append(String.format(Locale.ROOT, "R-hat undefined: a population did not reach the target (it stalled "
                    + "below β = 1, its question too sharp to temper at this size, or none of its starting draws had "
                    + "weight), so its draws are not the target's, however alike they look; give each population more "
                    + "particles (particles), or relax the question (%s)%n", levers.question(c)));
        }
        if (ess < c.minAttainedEss()) {
            double factor = c.minAttainedEss() / Math.max(ess, 1e-9);
            if (populations) {
                // a run grows by at least 2 populations: maxPopulations = 5 after 4 made nothing (a new user's)
                long more = Math.max((long) Math.ceil(r.chains() * factor), r.chains() + 2L);
                // maxPopulations counts populations of the first round's size; after doubling these are larger (a user
                // set the "about 12" advised for 64-particle populations and got no growth: 24 of 32 were needed)
                int first = c.smcConfig() != null ? c.smcConfig().particles()
                        : c.budgetPopulations().particles();
                java.util.regex.Matcher size = POPULATION_SIZE.matcher(r.provenance().kernel());
                int now = size.find() ? Integer.parseInt(size.group(2)) : first;
                long setting = (long) Math.ceil((double) more * now / first);
                if (r.diagnostics().plateauNats() > PopulationRun.MAX_PLATEAU_NATS) {
                    // growth stops on a plateau: a new user's run was told "maxPopulations = 8" under 16 and 32 alike
                    b.append(String.format(Locale.ROOT, "budget: the run did not grow past its %d populations, because "
                            + "they crossed a plateau (below): more populations %s cross it the same way, so "
                            + "maxPopulations does not help; what does is below%n", r.chains(),
                            levers.pool() ? "from the same pool" : "started from prior draws"));
                } else if (!(rhat <= c.maxRhat())) {
                    // a user followed "maxPopulations = 32" here: 132 effective attained samples, R-hat still 1.42; twice
                    // the particles and a larger pool converged
                    b.append(String.format(Locale.ROOT, "budget: R-hat fails first (below), and more populations of the "
                            + "same size do not make populations agree: give each more particles first (particles = %d"
                            + "%s); for the effective attained samples alone, about %d populations of %d particles (x%.1f "
                            + "of the %d made), i.e. maxPopulations = %d (it counts populations of the first round's %d "
                            + "particles), would give %.0f%n", 2 * now, levers.pool() ? ", and a larger prior pool" : "",
                            more, now, factor, r.chains(), setting, first, c.minAttainedEss()));
                } else {
                    b.append(String.format(Locale.ROOT, "budget: about %d populations of %d particles (x%.1f of the %d "
                            + "made), i.e. maxPopulations = %d (it counts populations of the first round's %d particles), "
                            + "or more particles per population, would give %.0f effective attained samples%s%n", more, now,
                            factor, r.chains(), setting, first, c.minAttainedEss(), levers.localised()
                            // a user was told x131 the budget; lambda 0.005 instead of 0.05 passed at the default one
                            ? "; for a counterfactual, first a smaller lambda: the localiser holds the samples short of "
                                    + "the target, and a smaller pull lets them cross (a new user's x131 budget passed "
                                    + "instead at a tenth of lambda)" : ""));
                }
            } else if (!(rhat <= 1 + 2 * (c.maxRhat() - 1)) && r.size() / r.chains() < FEW_DRAWS) {
                // 5 draws per chain were told that more draws do not help; 150 brought R-hat from 1.59 to 1.09 (a new
                // user's): so few draws cannot tell chains that mix slowly from chains that never will
                b.append(String.format(Locale.ROOT, "budget: %d draws per chain are too few to tell chains that mix "
                        + "slowly from chains that never will (R-hat %.3f): draw at least %d per chain first (draws), then "
                        + "judge by the advice this gives%n", r.size() / r.chains(), rhat, 5 * FEW_DRAWS));
            } else if (!(rhat <= 1 + 2 * (c.maxRhat() - 1))) {
                // a projection from chains that do not mix did not hold: a new user followed it three times (8.3 times
                // the draws once gave no more evidence, and the message asked for 8.3 times more again)
                // and a run whose effective samples already suffice was told "at least x1.0 of draws=100", its own draws
                b.append(String.format(Locale.ROOT, "budget: the chains do not mix yet (R-hat %.3f), so no number of "
                        + "draws can be read from their effective samples: make them agree first (below); more draws alone "
                        + "do not%s%n", rhat, factor > 1.05
                                ? String.format(Locale.ROOT, ", and once they agree expect to need at least x%.1f of draws=%d",
                                        factor, c.draws())
                                : String.format(Locale.ROOT, "; once they agree, draws=%d may be enough", c.draws())));
            } else {
                long draws = (long) Math.ceil(c.draws() * factor);
                b.append(String.format(Locale.ROOT, "budget: about draws=%d per chain (x%.1f of draws=%d) would give %.0f "
                        + "effective attained samples if the chains mix%n", draws, factor, c.draws(), c.minAttainedEss()));
            }
        }
        if (!(ess < c.minAttainedEss()) && !populations && !(rhat <= c.maxRhat()) && r.size() / r.chains() >= FEW_DRAWS
                && c.maxRhat() > 1) {
            // enough effective attained samples, R-hat alone too high: a new user's 64-d chains at R-hat 1.066 got no
            // number of draws. For chains that mix, R-hat² − 1 falls about as 1/draws; stuck chains never agree
            double factor = (rhat * rhat - 1) / (c.maxRhat() * c.maxRhat() - 1);
            b.append(String.format(Locale.ROOT, "budget: the effective attained samples suffice and R-hat fails; if the "
                    + "chains mix slowly, R-hat² − 1 falls about as 1/draws, so about draws=%d per chain (x%.1f of "
                    + "draws=%d) would bring it to %s: a lower bound, and none for chains stuck apart (below)%n",
                    (long) Math.ceil(c.draws() * factor), factor, c.draws(), bound));
        }
        if (c.evidence().hasTooManyDivergences(r)) {
            b.append(String.format(Locale.ROOT, "%d divergent trajectories after warm-up (allowed %d): the integrator "
                    + "could not follow the target's curvature somewhere (e.g. a funnel's neck), so the chains under-visit "
                    + "that region even where R-hat and ESS look fine; use population sampling (sampler = SMC), "
                    + "reparametrise the space, or allow them with setting maxDivergences%n", r.diagnostics().divergences(),
                    c.maxDivergences()));
        }
        if (r.diagnostics().plateauNats() > PopulationRun.MAX_PLATEAU_NATS) {
            // a question without a prior mass (a Gibbs probe, no pool) is told of its draws only (a new user's contrast
            // read of a mass it never reports, and of Probe.levelSetMass)
            boolean mass = r.priorMass().isPresent();
            String lever = levers.pool() && mass ? PopulationRun.plateauLever(r.priorMass().get().logMass(),
                    r.priorMass().get().logMassSd(), r.priorMass().get().populations())
                    : levers.pool() ? "a larger prior pool (so that some starting draws already touch the set)"
                    : "more particles (so that some starting draws already touch the set)";
            b.append(String.format(Locale.ROOT, "plateau %.1f nats (allowed %.0f): for a stretch of the tempering every "
                    + "particle had the same question energy (a saturated model far from the set, with no slope toward "
                    + "it), and the particles found the set only later, by moves: every stage on the plateau charged its "
                    + "energy to mass that was in the set all along, so %s, however well the populations agree; %s, or "
                    + "%s%s%n", r.diagnostics().plateauNats(),
                    PopulationRun.MAX_PLATEAU_NATS, mass ? "the prior mass can be that many nats low and the draws biased"
                            : "the draws can be biased",
                    // particles add no starting draws while the pool holds them all: a new user's 4×1024 particles
                    // stayed unsettled where a larger pool settled
                    lever,
                    // the plateau's energy scales with 1/tau (a Gibbs probe) or 1/sigma²: a smaller tau deepened a new
                    // user's contrast plateau from 1.3 to 4.6 nats, as "a smaller temperature" had advised
                    c.has(Setting.SIGMA) ? "a larger sigma (the plateau's energy falls as sigma grows, though fewer "
                            + "samples then attain)" : "a larger tau (the plateau's energy scales with 1/tau: a smaller tau "
                            + "deepens it, a larger one lowers it, though fewer samples then attain)",
                    // (once: a new user's read the count twice where the pool's lever already named it)
                    mass && !lever.contains("Probe.levelSetMass") ? ", or count the set's mass with independent draws "
                            + "(Probe.levelSetMass)" : ""));
        }
        if (r.diagnostics().settlingDrift() > PopulationRun.MAX_SETTLING_DRIFT) {
            b.append(String.format(Locale.ROOT, "settling drift %.2f (allowed %.0f): after the populations reached the "
                    + "target, their particles' energies kept drifting under moves that leave it invariant, so they had "
                    + "not settled into it (earlier stages' moves could not follow it, as in a funnel's neck) and their "
                    + "draws and prior mass are biased even where R-hat looks fine; more particles per population, more "
                    + "moves per stage, or %s%n", r.diagnostics().settlingDrift(), PopulationRun.MAX_SETTLING_DRIFT,
                    levers.gradients() ? "chains (sampler = HMC, whose divergences show such regions)"
                            : "long chains (sampler = MH)"));
        }
        if (populations && dev.probe.core.result.Evidence.unmoved(r.diagnostics())) {
            b.append(String.format(Locale.ROOT, "acceptance %.3f (at least %.2f needed): the populations' moves almost "
                    + "never moved a particle, so their draws are copies of resampled starting draws, whose agreement "
                    + "says nothing; give the moves a chance: more particles per population (particles: the moves' "
                    + "steps come from the particles' spread, which a few copies make too small or too large), and "
                    + "over a ProceduralSpace a larger keep() (fewer attributes changed per proposal)%n",
                    r.diagnostics().meanAcceptance(),
                    dev.probe.core.result.Evidence.MIN_POPULATION_ACCEPTANCE));
        }
        // an undefined R-hat of populations is said above ("a population did not reach the target"): "the populations
        // disagree" beside it gave a new user two causes of which only one could hold
        if (!(rhat <= c.maxRhat()) && !(populations && Double.isNaN(rhat))) {
            b.append(populations && r.diagnostics().plateauNats() > PopulationRun.MAX_PLATEAU_NATS
                    // after the plateau's line: its levers first ("more particles per population … or a larger prior
                    // pool" repeated the pool and contradicted "more particles add no starting draws": a new user's)
                    ? String.format(Locale.ROOT, "R-hat %.3f: the populations disagree, as populations that each found "
                            + "the set late, from few starting draws beside it, do: the plateau's levers above come first%n",
                            rhat)
                    : populations
                    ? String.format(Locale.ROOT, "R-hat %.3f: the populations disagree (they hold the modes in different "
                            + "shares, or their moves do not travel far enough along a thin set); more particles per "
                            + "population (less spread between them)%s help, but no budget makes moves travel: where it "
                            + "stays, ask about the set's mass with independent draws (Probe.levelSetMass)%n", rhat,
                            // (only the plateau's line, which takes the branch above, names the pool or the count first)
                            levers.pool() ? " or a larger prior pool (better starts)" : "")
                    // a new user's one-mode target converged with 5x the draws, not with more warm-up or chains; their
                    // two-mode one only with populations: the message names both cases and the sampler
                    : r.size() / r.chains() < FEW_DRAWS
                            ? String.format(Locale.ROOT, "R-hat %.3f over %d draws per chain: too few to tell chains "
                                    + "that mix slowly (which agree with longer chains: draws) from chains stuck in "
                                    + "different modes (which never do, however long they run: sample by populations, "
                                    + "sampler = SMC, or AUTO where it picks them)%n", rhat, r.size() / r.chains())
                    : (rhat <= 1 + 2 * (c.maxRhat() - 1)
                            ? String.format(Locale.ROOT, "R-hat %.3f: the chains disagree: chains that mix slowly agree "
                                    + "with more draws (longer chains); chains stuck in different modes never do, however "
                                    + "long they run: sample by populations (sampler = SMC, or AUTO where it picks them), "
                                    + "which move particles between modes%n", rhat)
                            // a new user's 8 chains stuck in two regions (R-hat 1.78) were told to draw longer, beside a
                            // budget line that said more draws alone do not help
                            // and a unimodal target in 64 dimensions (R-hat 1.26) was told its chains were stuck:
                            // 5x the draws converged it, so both causes are named, populations first for either
                            : String.format(Locale.ROOT, "R-hat %.3f: the chains disagree by more than twice the allowed "
                                    + "excess, as chains stuck in different modes or regions do, and those never agree "
                                    + "however long they run (a new user's x3.4 draws gave the same effective samples), "
                                    + "or as chains that mix very slowly do (in many dimensions: a new user's 64-d "
                                    + "chains went from R-hat 1.26 to 1.015 at 5x the draws): sample by populations "
                                    + "(sampler = SMC, or AUTO where it picks them), which move particles between modes "
                                    + "and converged in both cases; longer chains (draws) help only chains that mix "
                                    + "slowly%n", rhat))
                            + (levers.improper() ? "the space has no proper prior (a coordinate unbounded under a flat prior): "
                                    + "where the question's energy levels off, chains drift without limit and never agree; "
                                    + "bound every coordinate (InputSpace bounds) to the region the model is meant for\n" : ""));
        }
        int[] unmoved = populations ? new int[0] : r.diagnostics().unmovedChains();
        if (unmoved.length > 0 && !(rhat <= c.maxRhat())) {
            // a reviewer's 16 chains at R-hat 1.129 were told of modes: one chain had never moved after warm-up
            b.append(String.format(Locale.ROOT, "%d of %d chains (chain%s %s) accepted no proposal after warm-up: each "
                    + "stayed at one point, its draws copies of it, which R-hat reads as a chain in a region of its own "
                    + "(a start where every proposal is rejected, or a step size its warm-up left too large); more warm-up "
                    + "(warmup) lets each chain's step size adapt, or sample by populations (sampler = SMC, or AUTO where "
                    + "it picks them)%n", unmoved.length, r.chains(), unmoved.length == 1 ? "" : "s",
                    Arrays.stream(unmoved).limit(8).mapToObj(Integer::toString)
                            .collect(java.util.stream.Collectors.joining(", ")) + (unmoved.length > 8 ? ", …" : "")));
        }
        if (c.evidence().disagreesWithPool(r)) {
            // R-hat cannot see a region no chain reached: a new user's 8 chains all in one piece of a two-piece set
            b.append("prior pool: ").append(r.poolCheck().orElseThrow().describe()).append(String.format(Locale.ROOT,
                    "; sample by populations (sampler = SMC, or AUTO where it picks them), which start from the pool's "
                    + "weighted draws and move particles between regions, or run more chains (chains)%n"));
        } else if (r.poolCheck().filter(p -> p.distance() >= 0.5 * p.allowed()).isPresent()) {
            // too few effective draws to judge, but a difference worth knowing: a new user's 4 chains all in one piece
            // (the pool's 20% against their 0%, within the 33% that 40 effective draws allow) read only "draw longer"
            b.append("prior pool: ").append(r.poolCheck().orElseThrow().describe()).append(String.format(Locale.ROOT,
                    ": within what chance allows at these effective draws, so not yet a sign that the chains missed a "
                    + "region; more effective draws will tell%n"));
        }
        b.append(foundEvenSo(answer));
        return new Verdict(Outcome.NOT_CONVERGED, b + context(answer, c));
    }

    /**
     * Below this many draws per chain, split R-hat (halves of fewer than 10 draws) cannot tell chains that mix slowly
     * from chains stuck apart, and the advice says so instead of choosing.
     */
    static final int FEW_DRAWS = 20;

    /**
     * The prior mass of the answer's relaxed level set in words, where populations estimated it. When no sample attained
     * the target, the populations saw only near misses: the estimate is then a lower bound (the mass of what they saw),
     * and its spread over populations no error bar for what none of them found — a tree's leaf of mass 1e-5 read
     * "log Z −192.080 ± 0.000" on a plateau every particle crossed.
     */
    static Optional<String> priorMass(ProbeAnswer answer) {
        ProbeResult r = answer.result();
        double closest = java.util.Arrays.stream(r.targetDistances()).min().orElse(Double.NaN);
        // every draw as far from the target as the question allows (a class the model gives probability 0 everywhere):
        // the "bound" is then the question's own floor, exp(-its largest energy), not a measurement (a new user's
        // "log Z ≥ about -200.000, at least 1 in 7.2 × 10^86 … may be far larger" was -1/(2σ²) exactly)
        boolean atFloor = Double.isFinite(r.largestTargetDistance()) && closest >= 0.999 * r.largestTargetDistance();
        return r.priorMass().map(m -> answer.attainment().successes() > 0 ? m.toString()
                : atFloor ? String.format(Locale.ROOT, "log Z %.3f (%d populations) is the question's floor: every draw "
                        + "lay as far from the target as it allows (closest %.3f of at most %.3f), so it measures nothing "
                        + "about the target's mass, which no particle came near", m.logMass(), m.populations(), closest,
                        r.largestTargetDistance())
                : nearMisses(m));
    }

    /**
     * A mass of at least {@code exp(logMass)} in words, rounded so that it stays a lower bound: "1 in N" with N rounded
     * up to two significant digits, a percentage rounded down ({@code PriorMass.rarity()} rounds to the nearest: a new
     * user's bound of 9.86·10⁻⁹ read "at least 1 in 100,000,000").
     */
    static String atLeast(double logMass) {
        double log10 = -logMass / Math.log(10);
        if (!(log10 >= 1)) {
            return String.format(Locale.ROOT, "%.0f%% of the prior", Math.floor(100 * Math.min(1, Math.exp(logMass))));
        }
        int exponent = (int) Math.floor(log10);
        double n = Math.pow(10, log10 - exponent + 1); // N / 10^(exponent − 1), in [10, 100)
        double up = Math.ceil(n - 1e-9);
        if (exponent < 12) {
            return String.format(Locale.ROOT, "1 in %,.0f", up * Math.pow(10, exponent - 1));
        }
        return up >= 100 ? String.format(Locale.ROOT, "1 in 1.0 × 10^%d", exponent + 1)
                : String.format(Locale.ROOT, "1 in %.1f × 10^%d", up / 10, exponent);
    }

    /**
     * A bound from near misses: the estimate less its 95% margin over the populations (a new user's "log Z ≥ about
     * −129.876" stood 0.02 nats above the exact −129.896: the point estimate is no lower bound of itself).
     */
    private static String nearMisses(dev.probe.core.result.PriorMass m) {
        double lower = m.logLowerBound(0.95);
        boolean margin = Double.isFinite(lower) && m.logMassSd() > 0;
        double bound = margin ? lower : m.logMass();
        return String.format(Locale.ROOT, "log Z ≥ about %.3f (a mass of at least %s; %s): no sample reached the "
                + "target, so this counts only the near misses the populations saw; the target's own mass is "
                + "unmeasured, and this number bounds it neither way: it may be far smaller (none, where the model "
                + "cannot meet the target) or far larger (no error bar covers what no particle found)", bound,
                atLeast(bound),
                // "the 95% lower bound of -38.748 ± 1.029" read as if the bound were -38.748 (a new user's)
                margin ? String.format(Locale.ROOT, "the lower end of the 95%% interval of the estimate %.3f ± %.3f over "
                        + "%d populations", m.logMass(), m.logMassSd(), m.populations())
                        : m.populations() + " populations");
    }

    /**
     * With an oracle: how many attained draws it labels otherwise. Such inputs exist whatever the evidence says about
     * their rate, so an inconclusive outcome (skipped under {@code abort}) must not hide them.
     */
    static String foundEvenSo(ProbeAnswer answer) {
        return foundEvenSo(answer, "their rate is not judged from this evidence");
    }

    /** As {@link #foundEvenSo(ProbeAnswer)}, ending with {@code rateClause}: why no rate is judged. */
    static String foundEvenSo(ProbeAnswer answer, String rateClause) {
        if (answer.oracle().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (ProbeAnswer each : eachModel(answer)) {
            Optional<String> failed = oracleFailure(each);
            if (failed.isPresent()) {
                b.append(failed.get()).append(String.format("%n"));
                continue;
            }
            OptionalLong wrong = wrongAmongAttained(each);
            if (wrong.isPresent() && wrong.getAsLong() > 0) {
                b.append(String.format(Locale.ROOT, "found even so: %d of the %d attained draws are labelled otherwise by "
                        + "the oracle (%s): such inputs exist (the report shows them), but %s%n", wrong.getAsLong(),
                        each.attainment().successes(), whatIsWrong(each), rateClause));
            }
        }
        return b.toString();
    }

    /**
     * The answer as judged by each model its question asks about, the judged one first: a contrast's draws that one
     * model gets wrong are found whichever model is named first (a new user's 15 draws, all confidently wrong for the
     * second-named student, were hidden under a skip with the teacher first). Questions with target labels judge the
     * labels, the same for every model: the answer alone.
     */
    static List<ProbeAnswer> eachModel(ProbeAnswer answer) {
        List<String> models = answer.result().models();
        if (answer.targetLabels().length > 0 || models.size() < 2) {
            return List.of(answer);
        }
        List<ProbeAnswer> each = new java.util.ArrayList<>(List.of(answer));
        models.stream().filter(m -> !m.equals(answer.judgedModel())).forEach(m -> each.add(answer.judging(m)));
        return each;
    }

    /**
     * Why the answer's oracle could not label its attained draws, when it threw or gave a label outside the judged
     * classifier's classes: a new user's oracle that failed on part of the space dropped the report's oracle columns
     * and the "found even so" count without a word, so a skip hid 78 wrong draws. Empty with no oracle, where no
     * misclassification is defined, for a regressor (an oracle labels classes), or when the oracle labelled them all.
     */
    static Optional<String> oracleFailure(ProbeAnswer answer) {
        if (answer.oracle().isEmpty() || answer.attainment().successes() == 0
                || answer.result().outputs(answer.judgedModel())[0].length < 2) {
            return Optional.empty();
        }
        try {
            answer.labelledOtherwise();
            return Optional.empty();
        } catch (RuntimeException e) {
            // named: the note printed under the next probe's header read as that probe's (a new user's)
            return Optional.of(String.format(Locale.ROOT, "probe %s: the @ProbeOracle could not label the %d attained draws of "
                    + "model '%s' (%s: %s), so none is counted as labelled otherwise, and the report has no oracle "
                    + "columns: fix the oracle, so that it gives every input the generator makes a label of the model's "
                    + "classes", named(answer), answer.attainment().successes(), answer.judgedModel(), e.getClass().getSimpleName(),
                    e.getMessage()));
        }
    }

    /** The attained draws the oracle labels otherwise for this answer; empty where its oracle does not fit. */
    static OptionalLong wrongAmongAttained(ProbeAnswer answer) {
        try {
            // the oracle's label outside the question's classes: on an ambivalent pair the top class is a coin flip
            return OptionalLong.of(answer.misclassifiedAmongAttained().successes());
        } catch (RuntimeException e) {
            return OptionalLong.empty(); // an oracle that does not fit this model (a regressor's, say) labels nothing here
        }
    }

    /** What "labelled otherwise" means for this answer's question. */
    private static String whatIsWrong(ProbeAnswer answer) {
        int[] labels = answer.targetLabels();
        if (labels.length == 0) {
            return "model '" + answer.judgedModel() + "' gives its top class to another label";
        }
        return "their true label is " + (labels.length == 1 ? "not " + labels[0] : "none of "
                + Arrays.stream(labels).mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(", ")))
                + ", the class" + (labels.length == 1 ? "" : "es") + " model '" + answer.judgedModel() + "' is asked about";
    }

    /** A localiser's strength, power and temperature in a query's description: "Localiser[anchor …, λ=0.05, r=2.0, τ=0.02]". */
    private static final java.util.regex.Pattern LOCALISER =
            java.util.regex.Pattern.compile("Localiser\\[anchor .*?, λ=([^,\\]]+), r=([^,\\]]+), τ=([^,\\]]+)\\]");

    private static String notSampled(ProbeAnswer answer, ProbeConfiguration c, Levers levers) {
        ProbeResult r = answer.result();
        if (r.size() > 0 && Arrays.stream(r.energies()).noneMatch(Double::isFinite)) {
            // an energy that is +∞ (excluded) or NaN wherever the draws went gives every draw zero weight, and such a
            // draw attains nothing (its target distance is +∞): a new user's +∞-everywhere question read "not converged,
            // attainment 0.21" and was told to give more particles and populations, which cannot help
            // (a question finite only on a sliver of the space looks the same to these draws: a new user's, of prior
            // mass 3·10⁻⁴, was sampled at 8,192 particles where 1,024 gave this; "no budget changes that" was untrue)
            return String.format(Locale.ROOT, "Could not sample the target of probe %s: every one of its %d samples has "
                    + "a non-finite energy (+∞ where the question excludes an input, or NaN), so no draw had any weight: "
                    + "the %s hold starting draws, not the question's target, and none of them attains it. This is not a "
                    + "verdict on the model. If the question is +∞ (or undefined) everywhere, no budget changes that: "
                    + "check its energy (Query.energy) at a few inputs. If it is finite only on a region rarer than these "
                    + "draws could find (about 1 in %d of the prior), more starting draws find it: more particles%s.%n%s",
                    named(answer), r.size(), byPopulations(r) ? "populations" : "chains", r.size(),
                    // a question without a pool was told "a larger prior pool" beside its listing's "pool none" (a new user's)
                    levers.pool() ? ", or a larger prior pool (about 1/mass draws of the region)" : "", context(answer, c));
        }
        double closest = Arrays.stream(r.targetDistances()).min().orElse(Double.NaN);
        double[][] outputs = r.outputs(answer.judgedModel());
        // does any output move over the samples? (each output on its own: a constant model's outputs differ from
        // each other, e.g. (0.87, 0.04, ...), but none of them changes from sample to sample)
        double[] w = widest(outputs);
        int widest = (int) w[0];
        double spread = w[1];
        double lowestTop = Double.POSITIVE_INFINITY; // the smallest, over samples, of the largest output
        for (double[] row : outputs) {
            lowestTop = Math.min(lowestTop, Arrays.stream(row).max().orElse(0));
        }
        // constant outputs at a vertex of the simplex are a saturated model (certain wherever the samples went, e.g.
        // a generator far from the training data), not a misdeclared one
        // class probabilities only: a regressor's outputs of 1.26 to 1.99 read as "top probability at least 0.99"
        boolean saturated = (lowestTop >= SATURATED
                || spread < FLAT && lowestTop >= CONFIDENT_EVERYWHERE && levers.gradients()) && onSimplex(outputs);
        String cause;
        boolean contrast = r.provenance().query().startsWith("ModelContrast[") && r.models().size() == 2;
        // a tree whose leaves never reach the target was advised "more budget" (a new user's class at 0.02/0.03
        // everywhere in the box): the pool's draws say whether the target is reachable at all; read first, since some
        // of them meeting it makes "out of reach" untrue (a new user's 1-in-10,000 leaf read both)
        PoolReach reach = levers.localised() ? null : levers.poolReach().apply(answer.tolerance());
        boolean reachable = reach != null && reach.attained() > 0;
        double priorSpread = spread < FLAT && !saturated ? levers.priorSpread().getAsDouble() : Double.NaN;
        if (reachable && spread < FLAT && !saturated) {
            // flat where the samples went, yet met elsewhere: a small leaf or corner the draws never found
            cause = String.format(Locale.ROOT, "Over all %d samples no output of '%s' moves by %.2g or more (outputs "
                    + "%s): the samples sit where the model gives one answer (as a tree's leaf or a threshold rule's "
                    + "region does), and none found the region that meets the target.", r.size(), answer.judgedModel(),
                    FLAT, shown(outputs[0]));
        } else if (priorSpread >= FLAT && !(levers.localised() && LOCALISER.matcher(r.provenance().query()).find())) {
            // the model moves elsewhere, so it reads its input: the samples sat on one of its plateaus (a tree's leaf,
            // (a counterfactual's localiser pins its samples to one spot of a smooth black box: that is said below, a
            // new user's λ = 10⁴ was told of plateaus and budget first)
            // a threshold rule's region, a flat region of a network), which says nothing about how it is declared
            cause = String.format(Locale.ROOT, "Over all %d samples no output of '%s' moves by %.2g or more (outputs "
                    + "%s), though over %d prior draws they move by up to %.3g: the samples sit on one plateau of the "
                    + "model (as a tree's leaf or a threshold rule's region is), or were gathered by the question where a "
                    + "smooth model comes nearest its target (a small sigma, a bound of the space), and none found a "
                    + "region nearer the target. The target is unreachable within this budget, or not at all for this model and space. "
                    + "This is not a verdict on the model. If some region should meet it, %s.",
                    r.size(), answer.judgedModel(), FLAT, shown(outputs[0]), PRIOR_DRAWS, priorSpread,
                    // the pool's draws came no nearer: budget is no first lever (a new user's step model)
                    reach != null && reach.cameNoNearer(closest, levers.gradients(), r.isPopulationResult(),
                            r.diagnostics().minEss())
                            ? "relax the question (" + levers.question(c) + "); more budget (" + budget(r, levers)
                                    + ") helps only as the prior pool's line below says"
                            : "give the sampler more budget (" + budget(r, levers) + ") or relax the question ("
                                    + levers.question(c) + ")");
        } else if (spread < FLAT && !saturated && !levers.gradients() && !(priorSpread >= FLAT)) {
            // a black box without gradients (a tree, a rule, a scorecard) that gives one answer everywhere in the space
            // is an ordinary model out of reach, not a suspect declaration: a lender's tree approving only above
            // the space's income bound, with 0.95/0.05 leaves, read "probably misdeclared"
            cause = String.format(Locale.ROOT, "Over all %d samples%s no output of '%s' moves by %.2g or more (outputs "
                    + "%s): within the space's bounds this model gives one answer everywhere the draws went, as a tree, "
                    + "rule or scorecard with the same output throughout the box does. Then the target is out of reach in "
                    + "this space as far as these draws see (a region rarer than they find may still reach it), and that "
                    + "is the answer (for a counterfactual: no change within the bounds flips the decision); this is not "
                    + "a verdict on the model. If the model should move inside the bounds, check "
                    + "how it is declared (the per-sample input, the input scaling, that it reads its input); if its "
                    + "other values lie in a small region, count it over many prior draws with Probe.levelSetMass.",
                    r.size(), Double.isNaN(priorSpread) ? "" : String.format(Locale.ROOT, " and %d prior draws",
                            PRIOR_DRAWS), answer.judgedModel(), FLAT, shown(outputs[0]));
        } else if (spread < FLAT && !saturated && !(priorSpread >= FLAT)) {
            cause = String.format(Locale.ROOT, "The model is probably misdeclared: over all %d samples no output of '%s' "
                    + "moves by %.2g or more (the widest, output %d, by %.3g%s), so no input moves it toward the target. Check "
                    + "how it is declared: probabilities declared as logits (a softmax applied twice), the per-sample input "
                    + "shape, the input scaling (e.g. [0, 1] vs [0, 255]), that the generator's outputs are what the model "
                    + "expects, and that the model is trained and reads its input. A piecewise-constant model (a tree, a "
                    + "forest) whose other values lie only in regions none of these draws reached looks the same: then "
                    + "the target is rare or out of reach, not misdeclared (count it over many prior draws with "
                    + "Probe.levelSetMass).",
                    r.size(), answer.judgedModel(), FLAT, widest, spread, Double.isNaN(priorSpread) ? ""
                            : String.format(Locale.ROOT, "; over %d prior draws by %.3g", PRIOR_DRAWS, priorSpread));
        } else {
            String prior = priorMass(answer).map(m -> " Its relaxed level set's prior mass: " + m + ".").orElse("");
            // (not where the pool met the target: "no budget reaches it" would contradict that)
            String flat = reachable ? "" : spread < FLAT ? String.format(Locale.ROOT, " Over all %d samples '%s' is saturated (its top "
                    + "probability is at least %.3f everywhere the samples went, and no output moves by %.2g or more): it "
                    + "is confident of one class wherever they went%s", r.size(), answer.judgedModel(),
                    Math.floor(lowestTop * 1000) / 1000, FLAT, lowestTop >= SATURATED ? "."
                    : " (if it should be uncertain somewhere in this space, check that it reads its input: the "
                            + "per-sample input shape, the input scaling).")
                    : saturated ? String.format(Locale.ROOT, " Over all %d samples '%s' is saturated: its top "
                    + "probability is at least %.2f at every sample, though its top class changes between them, as a model "
                    + "that answers with hard labels (a rule set, a tree with pure leaves) does; such a model is uncertain "
                    + "nowhere, and %s", r.size(), answer.judgedModel(), SATURATED,
                    // two certain models meet a contrast where they disagree: a new user's tiny budget was told that no
                    // budget would reach it, and a larger one attained 0.91
                    contrast ? "a contrast with it is met only where the other model is certain of another class."
                            : "no budget reaches a target it could only meet by being uncertain.") : "";
            java.util.regex.Matcher held = LOCALISER.matcher(r.provenance().query());
            cause = levers.localised() && held.find()
                    // a localiser that holds the samples near the factual is the cause first (a new user's λ = 500 was
                    // told of budget, of saturation and to check that the model reads its input)
                    ? String.format(Locale.ROOT, "The localiser holds the samples near the factual: λ = %s, τ = %s hold "
                            + "them where its pull back to the factual balances the question's pull toward the target (their "
                            + "spread there about √(τ/2λ) = %.3g weighted units), where '%s' does not reach the "
                            + "target; more budget samples the same place. This is not a verdict on the model. "
                            + "First give a smaller lambda, then more budget (%s) or a larger tolerance.%s",
                            held.group(1), held.group(3), Math.sqrt(Double.parseDouble(held.group(3))
                                    / (2 * Double.parseDouble(held.group(1)))), answer.judgedModel(), budget(r, levers), prior)
                    : !reachable && PoolReach.atLargest(closest, r.largestTargetDistance())
                    // a class the model gives no probability anywhere: "relax the question (a larger tolerance)" named a
                    // tolerance that is refused (a new user's class 3 at p ≤ 10⁻¹³)
                    ? String.format(Locale.ROOT, "Every sample is at the largest distance the question allows (%.3g): "
                            + "wherever they went, %s as far from the target as any output can be. The target is "
                            + "unreachable within this budget, or not at all for %s and generator. This is not a "
                            + "verdict on the model.%s%s Check that %s; no tolerance relaxes this, and more budget (%s) "
                            + "helps only if a region rarer than these draws reaches it.", r.largestTargetDistance(),
                            // a contrast asks about two models: "'cls-logits' is as far … for a class: its index" named
                            // one of them and a class the question does not have (a new user's two identical exports)
                            contrast ? "'" + r.models().get(0) + "' and '" + r.models().get(1) + "' are"
                                    : "'" + answer.judgedModel() + "' is",
                            contrast ? "these models" : "this model", flat, prior,
                            contrast ? "the two are different models that can disagree at all"
                                    : "the model can meet the target at all (for a class: its index and the order of the "
                                            + "model's classes)",
                            budget(r, levers))
                    : reach != null && reach.cameNoNearer(closest, levers.gradients(), r.isPopulationResult(),
                            r.diagnostics().minEss())
                    // the pool's draws came no nearer: "give the sampler more budget" first was contradicted by the pool's
                    // line after it (a new user's model capped at p 0.7)
                    ? "The target is unreachable within this budget, or not at all for this model and generator. This is "
                            + "not a verdict on the model." + flat + prior + " Relax the question (" + levers.question(c)
                            + "), or use a generator that can reach the target; more budget (" + budget(r, levers)
                            + ") helps only as the prior pool's line below says."
                    : (reachable ? "The target was not reached within this budget." : "The target is unreachable "
                    + "within this budget, or not at all for this model and generator.") + " This is "
                    + "not a verdict on the model." + flat + prior + " Give the sampler more budget (" + budget(r, levers)
                    + "), relax the question (" + levers.question(c) + ")" + (reachable ? "." : ", or use a generator "
                    + "that can reach the target.");
        }
        // whichever way the samples sat (moving, or on the saturated corner of the squashed outputs), the cap is the cause
        // (not where pool draws meet the target: "caps the top probability at 0.576" beside "5 of the prior pool's draws
        // meet the target" sent a new user to re-export a right model whose target was a rare corner)
        cause += reachable ? "" : squashedLogits(outputs, answer.judgedModel(), levers);
        if (levers.localised() && !levers.fixed().isEmpty()) {
            // a factual whose flip needs an immutable feature: more budget or a smaller lambda cannot help
            cause += " The space fixes " + levers.fixed() + ": if the target can only be reached by changing "
                    + (levers.fixed().contains(",") ? "them" : "it") + ", no counterfactual exists in this space, and that "
                    + "is the answer for this factual.";
        }
        if (levers.localised() && levers.outsideBy() > 0) {
            // a factual outside the box: the localiser pulls the samples to the bounds nearest it, which says nothing
            // of where a flip lies (a new user's were told a flip "may need a change beyond them", where it lay inside)
            cause += String.format(Locale.ROOT, " The factual lies outside the space's bounds: every sample lies at "
                    + "least %s from it (in the localiser's metric) before any change that flips the decision, and the "
                    + "localiser pulls the samples to the bounds nearest the factual, which says nothing of where a flip "
                    + "lies; check the factual's units, or widen the bounds to include it.", Levers.shown(levers.outsideBy()));
        } else if (levers.localised()) {
            // the sampler found the box's best corner (a lender's p 0.069 at income, ratio and accounts on their bounds),
            // which read like "needs more budget": say where the closest sample sits
            int nearest = IntStream.range(0, r.size()).boxed()
                    .min(java.util.Comparator.comparingDouble(i -> r.targetDistances()[i])).orElse(-1);
            String at = nearest < 0 ? "" : levers.atBounds().apply(r.inputs()[nearest]);
            if (!at.isEmpty()) {
                // held near the factual by λ, the samples may sit on a bound for that reason alone: "no counterfactual
                // exists within them, whatever the budget" was untrue there (a smaller λ attained 447 of 480)
                cause += String.format(Locale.ROOT, " The closest sample (target distance %.3g) sits at the space's "
                        + "bounds (within 1%% of the range) in %s: a flip may need a change beyond them; if such a change is "
                        + "allowed, widen those bounds, otherwise try the smaller lambda first: only if the samples still "
                        + "stop at these bounds does no counterfactual exist within them.", closest, at);
            }
        }
        if (contrast) {
            // two trees with 0.9/0.1 leaves differ by a total variation of at most 0.8: "more budget" cannot reach 0.9,
            // while most samples were disagreements already (a lender's 1,628 of 2,048)
            double[][] a = r.outputs(r.models().get(0));
            double[][] b = r.outputs(r.models().get(1));
            long differ = IntStream.range(0, a.length).filter(i -> argmax(a[i]) != argmax(b[i])).count();
            if (differ > 0 && a[0].length > 1) {
                cause += String.format(Locale.ROOT, " Yet on %d of %d samples the two models' top classes differ: such "
                        + "disagreements exist. If the models can never differ by the question's total variation (two "
                        + "trees whose leaves are 0.9/0.1 differ by at most 0.8), no budget reaches it: a tolerance of at "
                        + "least %s (the closest distance) samples them.", differ, a.length, PoolReach.atLeast3(closest));
            } else if (!onSimplex(a)) {
                // regressors: the question is about their difference, not either model's output (a new user's was told
                // "'regA' output 0.1532 to 1.971: a threshold (alpha) and the tolerance are in these units")
                DoubleSummaryStatistics gap = IntStream.range(0, a.length).mapToDouble(i -> {
                    double s = 0;
                    for (int k = 0; k < a[i].length; k++) {
                        s += (a[i][k] - b[i][k]) * (a[i][k] - b[i][k]);
                    }
                    return Math.sqrt(s);
                }).summaryStatistics();
                cause += String.format(Locale.ROOT, " Over the samples the two models' outputs differ by %.4g to %.4g "
                        + "(‖y_a − y_b‖, in the outputs' units), and a sample attains where %s.", gap.getMin(), gap.getMax(),
                        answer.attainedWhen());
            } else if (differ == 0 && a[0].length > 1) {
                // two bitwise-equal models read "unreachable … give more budget" (a user's unchanged model version)
                double largest = IntStream.range(0, a.length).mapToDouble(i -> totalVariation(a[i], b[i])).max().orElse(0);
                if (largest == 0) {
                    // instead of "give the sampler more budget", which followed it (a new user read the two as
                    // contradicting each other): no budget finds a disagreement between equals
                    cause = String.format(Locale.ROOT, "The two models give the same outputs on every one of the %d "
                            + "samples (total variation 0): the same model, or two versions that do not differ here? "
                            + "Then there is no disagreement to sample, whatever the budget. This is not a verdict on "
                            + "either model.", a.length);
                }
                cause += String.format(Locale.ROOT, " On every sample the two models' top classes agree, and their "
                        + "probabilities differ by a total variation of at most %.3g%s: where these samples went the "
                        + "models do not disagree. To measure how often they disagree over the space, count it with "
                        + "Probe.priorRate over prior draws.", largest, largest == 0 ? " (the same outputs everywhere: "
                        + "the same model?)" : "");
            }
        }
        if (outputs[0].length == 1 && !contrast) {
            // a single score (a Regressor): a price model probed at the default threshold 0.5 read "closest 9.80"
            DoubleSummaryStatistics y = Arrays.stream(outputs).mapToDouble(row -> row[0]).summaryStatistics();
            cause += String.format(Locale.ROOT, " Over the samples '%s' output %.4g to %.4g: a threshold (alpha) and the "
                    + "tolerance are in these units.", answer.judgedModel(), y.getMin(), y.getMax());
        } else if (r.provenance().query().startsWith("PredictionRisky[") && r.provenance().query().contains("|f − ")) {
            // a regressor of several outputs: the question judges its first, which a new user's "quality near 0.5"
            // on (price, quality) never said, and "more budget" cannot help
            StringBuilder ranges = new StringBuilder();
            for (int k = 0; k < outputs[0].length && k < 4; k++) {
                int j = k;
                DoubleSummaryStatistics y = Arrays.stream(outputs).mapToDouble(row -> row[j]).summaryStatistics();
                ranges.append(String.format(Locale.ROOT, "%s output %d %.4g to %.4g", k == 0 ? "" : ",", k, y.getMin(),
                        y.getMax()));
            }
            cause += String.format(Locale.ROOT, " '%s' has %d outputs and this question judges its first (output 0): "
                    + "over the samples%s. A threshold (alpha) and the tolerance are in output 0's units; to ask about "
                    + "another output, wrap the model so that it comes first (Regressor.of over a function that selects "
                    + "it).", answer.judgedModel(), outputs[0].length, ranges);
        }
        if (reach != null && !(contrast && reach.attained() == 0)) { // a contrast says its own nearest
            cause += reach.said(closest, levers.gradients(), r.isPopulationResult(), r.largestTargetDistance(),
                    r.targetDistances(), r.diagnostics().minEss());
        }
        if (levers.unreachableIsRobust() && !reachable) {
            // a generator declared without the question's class that does not reach the target is what an in-distribution
            // adversarial probe hopes for: "use a generator that can reach the target", a tolerance of 0.38 and "piecewise
            // constant outputs" were advised on a robust smooth model (a new user's)
            cause = String.format(Locale.ROOT, "The generator draws no input of the class this question asks the model "
                    + "to be certain of (it is declared without it, @Generator(excludes = …), or draws novel classes), and "
                    + "none of its %d samples%s came within the tolerance: within this budget it draws no input '%s' calls "
                    + "that class with the confidence asked, which is what a robust model gives. This outcome is the answer "
                    + "the probe looks for, as strong as the budget that sought it, not a verdict (no sample backs one). %s"
                    + "To bound how rare such inputs are, "
                    + "count them in code with Probe.of(space, query).levelSetMass(draws, tolerance, seed). Do not relax "
                    + "the question or change the generator to reach the target: that would ask another question.",
                    r.size(), reach == null ? "" : String.format(Locale.ROOT, " nor of the prior pool's %d draws",
                            reach.size()), answer.judgedModel(), c.notSampled() == Inconclusive.ABORT
                            // already set (a new user's probe was told to add what it had)
                            ? "It is skipped, not failed (notSampled = abort). "
                            : "To keep a model without such inputs from failing the build, put @ProbeSettings(notSampled = "
                                    + "\"abort\") on this probe (it is then skipped, not failed). ");
        }
        // the closest distance with the decimals it takes to differ from the tolerance: "within 0.998 (closest 1.00)"
        // read like a tie (a user's contrast of two near-identical models)
        // and at least 3 significant digits, as the pool's closest beside it ("closest 0.04" beside the pool's 0.0358)
        String threeDigits = String.format(Locale.ROOT, "%.3g", closest);
        String distinct = Double.isFinite(closest) && closest < 1e6
                ? SampleGrids.distinct(closest, answer.tolerance()).replaceFirst("^\\.", "0.") : threeDigits;
        String shownClosest = distinct.length() >= threeDigits.length() ? distinct : threeDigits;
        return String.format(Locale.ROOT, "Could not sample the target of probe %s: none of %d samples came within %.3g "
                + "of it (closest %s).%n%s%n%s", named(answer), r.size(), answer.tolerance(), shownClosest, cause,
                context(answer, c));
    }

    private static double totalVariation(double[] p, double[] q) {
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            sum += Math.abs(p[k] - q[k]);
        }
        return sum / 2;
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            best = row[k] > row[best] ? k : best;
        }
        return best;
    }

    /** {@code 'high confidence: class 2' (Digits#confident)}: in a parallel run several classes have that probe. */
    private static String named(ProbeAnswer answer) {
        return "'" + answer.displayName() + "'" + answer.testName().map(t -> " (" + t + ")").orElse("");
    }

    /** The budget settings that could reach a target not sampled. */
    private static String budget(ProbeResult r, Levers levers) {
        return byPopulations(r) ? "particles per population" + (levers.pool() ? ", or a larger prior pool" : "")
                : "chains, warmup, draws";
    }

    /** At most six values, {@code "(0.300, 0.150, 0.550)"}, then how many more. */
    private static String shown(double[] x) {
        StringBuilder b = new StringBuilder("(");
        for (int k = 0; k < Math.min(6, x.length); k++) {
            b.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", x[k]));
        }
        return b.append(x.length > 6 ? ", ... " + (x.length - 6) + " more)" : ")").toString();
    }

    /** Whether the result came from population sampling (its levers are populations, particles and the pool). */
    private static boolean byPopulations(ProbeResult r) {
        return r.isPopulationResult();
    }

    private static String context(ProbeAnswer answer, ProbeConfiguration c) {
        return "query: " + answer.result().provenance().query() + "\nattained when: " + answer.attainedWhen() + "\nsettings (value, from):\n" + c.describe(answer.result().isPopulationResult()).stripTrailing()
                + "\n" + answer.seedAndRerun();
    }
}
