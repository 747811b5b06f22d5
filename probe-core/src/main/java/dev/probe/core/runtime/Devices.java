package dev.probe.core.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Chooses the device tensors live on. CPU by default; a GPU automatically when DJL's PyTorch engine
 * finds CUDA libtorch (see README, "GPU"); the property {@code probe.device} (system property, or
 * environment variable {@code PROBE_DEVICE}) forces {@code cpu}, {@code gpu} or {@code auto}.
 *
 * <pre>{@code
 * Device device = Devices.preferred();
 * try (NDManager m = NDManager.newBaseManager(device)) { ... }
 * }</pre>
 */
public final class Devices {
    /** Name of the configuration property. */
    public static final String PROPERTY = "probe.device";

    private Devices() {}

    /** The device selected by {@value #PROPERTY} ({@code auto} when unset). */
    public static Device preferred() {
        String value = System.getProperty(PROPERTY, System.getenv().getOrDefault("PROBE_DEVICE", "auto"));
        return resolve(value);
    }

    /** Resolves {@code cpu}, {@code gpu} or {@code auto} to a device. */
    public static Device resolve(String value) {
        String v = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (Engine.getInstance().getGpuCount() == 0) {
                    throw new IllegalStateException("probe.device=gpu but DJL found no GPU: install CUDA libtorch and set "
                            + "PYTORCH_LIBRARY_PATH, PYTORCH_VERSION=2.7.1 and PYTORCH_FLAVOR=cu128 (see README, GPU), "
                            + "or use probe.device=cpu");
                }
                return Device.gpu();
            case "auto":
                return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
            default:
                throw new IllegalArgumentException("Unknown probe.device '" + value + "': use cpu, gpu or auto");
        }
    }

    /**
     * The PyTorch engine's intra-op thread count (libtorch's {@code get_num_threads}; loads the engine), empty without
     * that engine. A model's float results, and so a seed's samples, depend on it (the engine splits its sums by thread): a
     * replay on a machine with another core count needs {@code -Dai.djl.pytorch.num_threads=<this>}.
     */
    public static java.util.OptionalInt intraOpThreads() {
        try {
            if (!Engine.hasEngine("PyTorch")) {
                return java.util.OptionalInt.empty();
            }
            Engine.getEngine("PyTorch");
            return java.util.OptionalInt.of(ai.djl.pytorch.jni.JniUtils.getNumThreads());
        } catch (RuntimeException | LinkageError e) {
            return java.util.OptionalInt.empty();
        }
    }
}
