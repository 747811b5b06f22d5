package dev.probe.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuickMalaTest {
    @Test
    void standardNormal() {
        Energy e = Energies.differentiable(2, x -> x.square().sum(new int[] {1}).div(2));
        Trace t = new Sampler(SamplerConfig.builder().chains(8).warmup(300).draws(1000).seed(1).build()).run(Mala.of(0.5), e);
        double[][] s = t.pooledSamples();
        double m = 0, v = 0;
        for (double[] r : s) { m += r[0]; v += r[0] * r[0]; }
        m /= s.length; v = v / s.length - m * m;
        System.out.println(t + " mean " + m + " var " + v + "\n" + t.diagnostics().table());
        assertThat(Math.abs(m)).isLessThan(0.1);
        Trace h = new Sampler(SamplerConfig.builder().chains(8).warmup(300).draws(1000).seed(1).build()).run(Hmc.of(0.3, 10), e);
        System.out.println(h + "\n" + h.diagnostics().table());
    }
}
