package dev.probe.examples.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.probe.examples.models.BundledModel;
import dev.probe.examples.models.BundledModels;
import dev.probe.examples.models.LoadedModel;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the parameters of bundled DJL models as NumPy {@code .npz} files (one array per
 * parameter, named like DJL's parameter paths, in block order), so that
 * {@code scripts/export_torchscript.py} can rebuild the same networks in PyTorch and trace them.
 *
 * <pre>{@code
 * java ... dev.probe.examples.train.ExportWeights /tmp/weights mnist-cnn mnist-vae
 * }</pre>
 */
public final class ExportWeights {
    private ExportWeights() {}

    /**
     * @param args output folder, then model ids
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        for (int i = 1; i < args.length; i++) {
            BundledModel spec = BundledModel.byId(args[i]);
            try (LoadedModel model = BundledModels.load(spec)) {
                NDList arrays = new NDList();
                for (Pair<String, Parameter> p : model.block().getParameters()) {
                    NDArray a = p.getValue().getArray();
                    a.setName(p.getKey());
                    arrays.add(a);
                }
                Path file = out.resolve(spec.id() + ".npz");
                try (OutputStream os = Files.newOutputStream(file)) {
                    arrays.encode(os, NDList.Encoding.NPZ);
                }
                System.out.println("wrote " + file + " (" + arrays.size() + " arrays)");
            }
        }
    }
}
