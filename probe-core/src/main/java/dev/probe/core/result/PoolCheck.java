package dev.probe.core.result;

import java.util.Locale;

/**
 * Chains held against the shared prior pool. Chains that start from the pool sample {@code prior·exp(−G)}, which the
 * pool's draws weighted by {@code exp(−G)} estimate independently of any chain. R̂ compares chains only with each other:
 * when every chain stays in one region of a target with several (a level set in two pieces, each chain started in the
 * larger one), they agree and R̂ passes, while the pool's weighted draws show the region no chain reached. This check
 * compares each coordinate's distribution over the chains' draws with the pool's weighted one (the largest distance
 * between their cumulative distributions, Kolmogorov–Smirnov), against what chance allows with the chains' effective
 * draws of that coordinate and the pool's effective weighted draws ({@code (Σw)²/Σw²}): at 1 in 1,000 over all
 * coordinates together. Where the pool has fewer than {@value #MIN_POOL_ESS} effective weighted draws (a set too rare
 * for it), it judges nothing and there is no check.
 *
 * <pre>{@code
 * result.poolCheck().filter(PoolCheck::disagrees).ifPresent(c -> System.out.println(c.describe()));
 * }</pre>
 *
 * @param coordinate the coordinate whose distributions differ most, relative to what chance allows
 * @param at the value of that coordinate where they differ most
 * @param poolShare the pool's weighted share of draws at or below {@code at}
 * @param chainShare the chains' share of draws at or below {@code at}
 * @param allowed the largest difference chance allows for that coordinate
 * @param poolEss the pool's effective number of weighted draws
 * @param chainEss the chains' effective draws of that coordinate (its bulk ESS)
 * @param from where the difference starts to build up: the largest value below {@code at} at which it is at most a
 *     tenth of its largest ({@code -∞} if it is more at the smallest value; NaN if unknown)
 * @param to where it reaches three quarters of its largest, at or below {@code at}
 * @param poolBetween the pool's weighted share of draws in {@code (from, to]}
 * @param chainBetween the chains' share of draws in {@code (from, to]}
 * @param coordinateName what the space calls that coordinate ({@link dev.probe.core.space.SampleSpace#coordinateNames}),
 *     shown beside its index unless it is the default {@code z_k}; empty if unknown
 */
public record PoolCheck(int coordinate, double at, double poolShare, double chainShare, double allowed, double poolEss,
        double chainEss, double from, double to, double poolBetween, double chainBetween, String coordinateName) {

    /** A check whose coordinate has no name beside its index. */
    public PoolCheck(int coordinate, double at, double poolShare, double chainShare, double allowed, double poolEss,
            double chainEss, double from, double to, double poolBetween, double chainBetween) {
        this(coordinate, at, poolShare, chainShare, allowed, poolEss, chainEss, from, to, poolBetween, chainBetween, "");
    }

    /** A check without the interval where the difference builds up. */
    public PoolCheck(int coordinate, double at, double poolShare, double chainShare, double allowed, double poolEss,
            double chainEss) {
        this(coordinate, at, poolShare, chainShare, allowed, poolEss, chainEss, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);
    }

    /** This check with its coordinate called {@code name} (e.g. a feature's name, or "category of c0|c1"). */
    public PoolCheck named(String name) {
        return new PoolCheck(coordinate, at, poolShare, chainShare, allowed, poolEss, chainEss, from, to, poolBetween,
                chainBetween, name);
    }

    /** Below this many effective weighted draws the pool judges no chains. */
    public static final int MIN_POOL_ESS = 30;

    /** The overall chance of a false alarm, shared over the coordinates. */
    public static final double FALSE_ALARM = 1e-3;

    /** The largest difference between the two cumulative distributions. */
    public double distance() {
        return Math.abs(poolShare - chainShare);
    }

    /** Whether the chains' draws differ from the pool's weighted ones by more than chance allows. */
    public boolean disagrees() {
        return distance() > allowed;
    }

    /**
     * The difference chance allows at a false-alarm rate {@code alpha} over {@code dimension} coordinates, with
     * effective sizes {@code chainEss} and {@code poolEss}: {@code √(ln(2d/α) / (2·n))} with {@code n = n₁n₂/(n₁+n₂)}
     * (the Dvoretzky–Kiefer–Wolfowitz bound for two samples).
     */
    public static double allowed(int dimension, double chainEss, double poolEss) {
        double n = chainEss * poolEss / (chainEss + poolEss);
        return Math.sqrt(Math.log(2.0 * dimension / FALSE_ALARM) / (2 * n));
    }

    /**
     * E.g. "coordinate 0 from −3.31 to −2.55 holds 17.5% of the target in the prior pool's weighted draws, 0.0% in the
     * chains' draws; at or below 2.16 the difference is largest: 25.1% against 0.0% (chance allows …)". Where the
     * difference is largest can lie at the edge of the region the chains found, after a gap: where it builds up is the
     * region they missed (or crowd).
     */
    public String describe() {
        // a one-hot group's sampled coordinate read "coordinate 3 <= -0.04773" to a user who knew it as (c0, c1)
        String named = coordinateName.isEmpty() || coordinateName.equals("z_" + coordinate) ? ""
                : " (" + coordinateName + ")";
        String where = !disagrees() || Double.isNaN(from) || !(to < at) ? "" : String.format(Locale.ROOT, "coordinate %d%s %s %.4g holds "
                + "%.1f%% of the target in the prior pool's weighted draws, %.1f%% in the chains' draws; ", coordinate, named,
                from == Double.NEGATIVE_INFINITY ? "up to" : String.format(Locale.ROOT, "from %.4g to", from), to,
                100 * poolBetween, 100 * chainBetween);
        return where + String.format(Locale.ROOT, "at coordinate %d%s <= %.4g the prior pool's weighted draws hold %.1f%% of "
                + "the target, the chains' draws %.1f%% (chance allows a difference of %.1f%% with %.0f effective pool draws "
                + "and %.0f effective chain draws)%s", coordinate, named, at, 100 * poolShare, 100 * chainShare, 100 * allowed,
                poolEss, chainEss, disagrees() ? ": the chains missed part of the target, as chains that all stay in "
                        + "some of its regions do (R-hat cannot see a region no chain reached; the smallest region this "
                        + "check sees is set by the pool's effective draws too: a larger pool, Probe.withPoolSize, lowers "
                        + "it)" : "");
    }
}
