package dev.probe.core.population;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import dev.probe.core.sampler.Box;
import dev.probe.core.sampler.ChainRandom;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.Energy;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;

/** The test oracle of SMC-NOTES §8: targets over a standard normal prior whose log Z is known in closed form. */
final class ClosedForms {
    private ClosedForms() {}

    static final NormalDistribution PHI = NormalDistribution.of(0, 1);

    /** {@code P(x) = |x|²/2}. */
    static Energy prior(int d) {
        return Energies.differentiable(d, x -> x.square().sum(new int[] {1}).div(2));
    }

    /** §8.1: {@code G = |x − y|²/2s²} with {@code y = (1, …, 1)}. */
    static Energy gaussianQuestion(int d, double s2) {
        return Energies.differentiable(d, x -> x.sub(1).square().sum(new int[] {1}).div(2 * s2));
    }

    /** {@code log Z_β = (d/2)·log(s²/(s²+β)) − β|y|²/(2(s²+β))} with {@code |y|² = d}. */
    static double gaussianLogZ(int d, double s2, double beta) {
        return d / 2.0 * Math.log(s2 / (s2 + beta)) - beta * d / (2 * (s2 + beta));
    }

    /** Coefficients of the Chebyshev fit of {@code erfc} (Numerical Recipes §6.2; fractional error below 1.2e-7). */
    private static final double[] ERFC = {-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807,
        -1.13520398, 1.48851587, -0.82215223, 0.17087277};

    /**
     * {@code log Φ(z)} per element, stable in float32 for any z and differentiable (DJL's {@code toType} detaches
     * from the autograd graph, so no float64 detour): {@code log Φ(−|z|) = log ½ + log erfc(|z|/√2)} with
     * {@code log erfc(x) = log t − x² + poly(t)}, {@code t = 1/(1 + x/2)}; for {@code z > 0},
     * {@code log(1 − Φ(−z))}.
     */
    static NDArray logPhi(NDArray z) {
        NDArray x = z.abs().div(Math.sqrt(2));
        NDArray t = x.div(2).add(1).pow(-1);
        NDArray poly = t.mul(ERFC[ERFC.length - 1]);
        for (int i = ERFC.length - 2; i >= 1; i--) {
            poly = poly.add(ERFC[i]).mul(t);
        }
        poly = poly.add(ERFC[0]);
        NDArray lower = t.log().sub(x.square()).add(poly).add(Math.log(0.5));
        NDArray upper = lower.exp().neg().add(1).log();
        return NDArrays.where(z.lte(0.0), lower, upper);
    }

    /** §8.2 probit relaxation of {@code w·x ≥ τ}: {@code G = −log Φ((w·x − τ)/σ)}, {@code w = e_axis}. */
    static Energy probit(int d, int axis, double tau, double sigma) {
        return Energies.differentiable(d, x -> logPhi(x.get(":, " + axis).sub(tau).div(sigma)).neg());
    }

    /** {@code log Z = log Φ(−τ/√(1 + σ²))}. */
    static double probitLogZ(double tau, double sigma) {
        return Math.log(PHI.cumulativeProbability(-tau / Math.sqrt(1 + sigma * sigma)));
    }

    /** §8.2 two modes: soft OR over {@code x_0 ≥ τ} and {@code x_1 ≥ τ}: {@code G = −log(1 − (1 − Φ_0)(1 − Φ_1))}. */
    static Energy twoModes(int d, double tau, double sigma) {
        return Energies.differentiable(d, x -> {
            NDArray phi0 = logPhi(x.get(":, 0").sub(tau).div(sigma)).exp();
            NDArray phi1 = logPhi(x.get(":, 1").sub(tau).div(sigma)).exp();
            // 1 − (1 − a)(1 − b) = a + b − ab, computed without cancellation for small a, b
            return phi0.add(phi1).sub(phi0.mul(phi1)).log().neg();
        });
    }

    /** {@code Z = 2Z_1 − Z_1²}. */
    static double twoModesLogZ(double tau, double sigma) {
        double z1 = Math.exp(probitLogZ(tau, sigma));
        return Math.log(2 * z1 - z1 * z1);
    }

    static TemperedTarget target(int d, Energy question) {
        return TemperedTarget.of(prior(d), question, Box.unbounded(d));
    }

    /** {@code populations} sets of {@code k} standard normal draws from the stream {@code seed}. */
    static List<StartingDraws> priorDraws(int populations, int k, int d, long seed) {
        ChainRandom random = new ChainRandom(seed);
        List<StartingDraws> out = new ArrayList<>();
        for (int p = 0; p < populations; p++) {
            double[][] x = new double[k][d];
            for (double[] row : x) {
                for (int j = 0; j < d; j++) {
                    row[j] = random.nextGaussian();
                }
            }
            out.add(StartingDraws.of(x));
        }
        return out;
    }

    /** Exact draws of the uniform prior on [0, 1]^d, {@code n} per population. */
    static List<StartingDraws> uniformOnTheUnitCube(int populations, int n, int d, long seed) {
        ChainRandom random = new ChainRandom(seed);
        List<StartingDraws> starts = new ArrayList<>();
        for (int r = 0; r < populations; r++) {
            double[][] z = new double[n][d];
            for (double[] row : z) {
                for (int k = 0; k < d; k++) {
                    row[k] = random.nextDouble();
                }
            }
            starts.add(StartingDraws.of(z));
        }
        return starts;
    }
}
