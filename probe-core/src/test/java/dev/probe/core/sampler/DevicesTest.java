package dev.probe.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.probe.core.runtime.Devices;
import org.junit.jupiter.api.Test;

class DevicesTest {
    @Test
    void cpuIsForcedAndAutoFallsBackToCpuWithoutCuda() {
        assertThat(Devices.resolve("cpu")).isEqualTo(Device.cpu());
        assertThat(Devices.resolve(" CPU ")).isEqualTo(Device.cpu());
        boolean cuda = Engine.getInstance().getGpuCount() > 0;
        assertThat(Devices.resolve("auto")).isEqualTo(cuda ? Device.gpu() : Device.cpu());
    }

    @Test
    void gpuWithoutCudaAndUnknownValuesAreClearErrors() {
        if (Engine.getInstance().getGpuCount() == 0) {
            assertThatThrownBy(() -> Devices.resolve("gpu")).hasMessageContaining("PYTORCH_LIBRARY_PATH");
        } else {
            assertThat(Devices.resolve("gpu")).isEqualTo(Device.gpu());
        }
        assertThatThrownBy(() -> Devices.resolve("tpu")).hasMessageContaining("use cpu, gpu or auto");
    }
}
