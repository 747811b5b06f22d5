package dev.probe.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.core.model.Regressor;
import dev.probe.core.model.TestModels;
import dev.probe.core.query.FixedLabel;
import dev.probe.core.query.Localiser;
import dev.probe.core.query.Query;
import dev.probe.core.result.Estimate;
import dev.probe.core.result.ProbeResult;
import dev.probe.core.sampler.SamplerConfig;
import dev.probe.core.space.InputSpace;
import org.junit.jupiter.api.Test;

/**
 * A linear regressor {@code y = ξ·x + b} asked for the value {@code y'} near an anchor: with squared error
 * and {@code r = 2}, {@code exp(−G/τ)} is Gaussian ("Generating Samples to Probe Trained Models",
 * appendix A, where the data term plays the localiser's role):
 * <pre>  G = (ξ·x + b − y')² + λ|x − a|²,  mean μ = (ξξᵀ + λI)⁻¹(ξ(y' − b) + λa),  covariance τ(ξξᵀ + λI)⁻¹/2.</pre>
 */
class GaussianClosedFormTest {

    @Test
    void fixedLabelWithAnAnchorHasTheClosedFormMeanAndCovariance() {
        double[] xi = {1, 2};
        double b = 0.5;
        double target = 1;
        double lambda = 0.8;
        double tau = 0.5;
        double[] a = {0.5, -0.5};
        Regressor model = TestModels.linearRegressor("linear", xi, b);
        Query q = FixedLabel.of(model, target).temperature(tau).plus(Localiser.around(a).lambda(lambda).temperature(tau));
        ProbeResult r = Probe.of(InputSpace.builder(2).build(), q)
                .sample(SamplerConfig.builder().chains(8).warmup(200).draws(400).seed(3).build());
        System.out.println(r.summary());

        double[][] m = {{xi[0] * xi[0] + lambda, xi[0] * xi[1]}, {xi[0] * xi[1], xi[1] * xi[1] + lambda}};
        double det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        double[][] inv = {{m[1][1] / det, -m[0][1] / det}, {-m[1][0] / det, m[0][0] / det}};
        double[] rhs = {xi[0] * (target - b) + lambda * a[0], xi[1] * (target - b) + lambda * a[1]};
        double[] mu = {inv[0][0] * rhs[0] + inv[0][1] * rhs[1], inv[1][0] * rhs[0] + inv[1][1] * rhs[1]};
        double[][] cov = {{tau * inv[0][0] / 2, tau * inv[0][1] / 2}, {tau * inv[1][0] / 2, tau * inv[1][1] / 2}};

        for (int k = 0; k < 2; k++) {
            final int c = k;
            Estimate e = r.estimate(s -> s.input()[c]);
            System.out.printf("x%d: %s, closed form mean %.5f sd %.5f%n", k, e, mu[k], Math.sqrt(cov[k][k]));
            assertThat(Math.abs(e.mean() - mu[k])).isLessThan(4 * e.standardError());
            assertThat(Math.abs(e.sd() * e.sd() - cov[k][k])).isLessThan(4 * e.varianceStandardError());
        }
        double[][] sample = r.inputCovariance();
        Estimate cross = r.estimate(s -> (s.input()[0] - mu[0]) * (s.input()[1] - mu[1]));
        System.out.printf("cov01: sample %.5f, closed form %.5f ± %.5f%n", sample[0][1], cov[0][1], cross.standardError());
        assertThat(Math.abs(cross.mean() - cov[0][1])).isLessThan(4 * cross.standardError());

        // a skewed statistic's error is judged by the ESS of its mean where that is the smaller one (a statistician's
        // z1²: bulk ESS 314, mean ESS 257, a standard error 1.11× too small); here E[(x0 − μ0)²] = Σ00, a centred square
        // whose mean ESS is the smaller, as it was for that user
        Estimate square = r.estimate(s -> (s.input()[0] - mu[0]) * (s.input()[0] - mu[0]));
        int draws = r.size() / r.chains();
        double[][] series = new double[r.chains()][draws];
        for (int i = 0; i < r.size(); i++) {
            double centred = r.sample(i).input()[0] - mu[0];
            series[i / draws][i % draws] = centred * centred;
        }
        double bulk = dev.probe.core.diagnostics.Convergence.bulkEss(series);
        double ofTheMean = dev.probe.core.diagnostics.Convergence.meanEss(series);
        double expected = cov[0][0];
        System.out.printf("(x0 − μ0)²: %s (bulk ESS %.1f, mean ESS %.1f), closed form %.5f%n", square, bulk, ofTheMean,
                expected);
        assertThat(ofTheMean).isLessThan(bulk);
        assertThat(square.ess()).isEqualTo(ofTheMean);
        assertThat(Math.abs(square.mean() - expected)).isLessThan(4 * square.standardError());
    }
}
