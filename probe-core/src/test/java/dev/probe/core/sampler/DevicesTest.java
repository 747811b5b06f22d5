package dev.probe.core.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.probe.core.runtime.Devices;
import org.junit.jupiter.api.Test;

class DevicesTest {
    @Test
    void cpuIsForcedAndAutoFallsBackToCpuWithoutCuda() {
        assertThat(Devices.resolve("cpu")).isEqualTo(Device.cpu());
        assertThat(Devices.resolve(" CPU ")).isEqualTo(Device.cpu());
        assertThat(Devices.resolve("auto")).isEqualTo(Device.cpu()); // this machine has no CUDA libtorch
    }

    @Test
    void gpuWithoutCudaAndUnknownValuesAreClearErrors() {
        assertThatThrownBy(() -> Devices.resolve("gpu")).hasMessageContaining("PYTORCH_LIBRARY_PATH");
        assertThatThrownBy(() -> Devices.resolve("tpu")).hasMessageContaining("use cpu, gpu or auto");
    }
}
