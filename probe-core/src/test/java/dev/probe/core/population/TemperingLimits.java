package dev.probe.core.population;

import ai.djl.ndarray.NDArray;
import dev.probe.core.sampler.Energies;
import dev.probe.core.sampler.Energy;
import dev.probe.core.sampler.Mala;
import java.util.Locale;

/**
 * Where tempering the question loses a mode (README, "Population sampling", limits): a target over a standard
 * normal prior whose question is a mixture of a narrow and a wide Gaussian bump, weighted so that each holds
 * half of the target's mass. Along the tempering path the narrow bump holds almost none of the tempered mass
 * until β is near 1, so the particles have gathered in the wide one by then, and local moves cannot cross.
 * Prints, per case and number of starting draws per population, log Z against its closed form, the narrow
 * mode's share against 0.5, the run's status, R̂ and min ESS. Not a test. Run:
 * <pre>
 * ./mvnw -q -pl probe-core test-compile exec:exec@bench -Dbench.main=dev.probe.core.population.TemperingLimits
 * </pre>
 */
public final class TemperingLimits {
    private TemperingLimits() {}

    public static void main(String[] args) {
        System.out.println("| d | narrow sd | wide sd | modes at | starting draws per population | log Z | truth | narrow mode's share (truth 0.5) | status | max R̂ | min ESS |");
        System.out.println("|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---:|");
        double[][] cases = {{5, 0.2, 0.6, 1.5}, {5, 0.1, 0.5, 1.5}, {2, 0.1, 0.5, 2}, {2, 0.05, 0.5, 3}};
        for (double[] c : cases) {
            for (int k : new int[] {256, 2048, 16384}) {
                run((int) c[0], c[1], c[2], c[3], k);
            }
        }
    }

    static void run(int d, double s1, double s2, double m, int startingDraws) {
        // log of each bump's share of Z for weights w1 = w2, then weights that make the shares equal
        double mm = 2 * m * m;
        double t1 = d / 2.0 * Math.log(s1 * s1 / (s1 * s1 + 1)) - mm / (2 * (s1 * s1 + 1));
        double t2 = d / 2.0 * Math.log(s2 * s2 / (s2 * s2 + 1)) - mm / (2 * (s2 * s2 + 1));
        double logW1 = -Math.log1p(Math.exp(t1 - t2));   // w1 = 1 / (1 + e^{t1 − t2}), w2 = 1 − w1: w1·e^{t1} = w2·e^{t2}
        double logW2 = Math.log(1 - Math.exp(logW1));
        double truth = logW1 + t1 + Math.log(2);
        float[] m1 = new float[d];
        float[] m2 = new float[d];
        m1[0] = (float) m;
        m1[1] = (float) m;
        m2[0] = (float) -m;
        m2[1] = (float) -m;
        Energy question = Energies.differentiable(d, x -> {
            NDArray a = x.sub(x.getManager().create(m1)).square().sum(new int[] {1}).div(-2 * s1 * s1).add(logW1);
            NDArray b = x.sub(x.getManager().create(m2)).square().sum(new int[] {1}).div(-2 * s2 * s2).add(logW2);
            NDArray top = a.maximum(b);
            return a.sub(top).exp().add(b.sub(top).exp()).log().add(top).neg();
        });
        SmcConfig config = SmcConfig.builder().particles(256).populations(4).seed(11).build();
        PopulationRun run = new Smc(config).run(ClosedForms.target(d, question), Mala.of(0.1),
                ClosedForms.priorDraws(4, startingDraws, d, 99));
        double[][] draws = run.pooledParticles();
        int narrow = 0;
        for (double[] x : draws) {
            if (x[0] > 0) {
                narrow++;
            }
        }
        System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | ±(%.1f, %.1f, 0, …) | %,d | %.3f ± %.3f | %.3f | %.3f | %s | %.3f | %.0f |%n",
                d, s1, s2, m, m, startingDraws, run.logPriorMass(), run.logPriorMassStandardError(), truth,
                narrow / (double) draws.length, run.status(), run.diagnostics().maxRhat(), run.diagnostics().minEss());
    }
}
