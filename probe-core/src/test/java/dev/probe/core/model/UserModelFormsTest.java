package dev.probe.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/**
 * TorchScript files as users hand them over: in float64, or returning more than one tensor. Both are refused
 * when they load, with the fix (a float64 model cannot be fed float32 rows, and DJL's type casts drop the
 * autograd graph, so Probe cannot cast for it).
 */
class UserModelFormsTest {

    @Test
    void aFloat64ModelIsRefusedWithTheFix() {
        assertThatThrownBy(() -> TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("classifier-float64.pt"), new Shape(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Its parameters are [float64]")
                .hasMessageContaining("model.float()")
                .hasMessageContaining("Error: ") // the engine's own reason (a new user's message had only its first line)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("..").doesNotContain("  "));
    }

    /**
     * A CNN with 8-channel convolutions: where this machine's kernels compute them wrongly, the kernel check's own cause
     * and fix, not "Cannot load … as a TorchScript module … torch.save(state_dict) files are not TorchScript" wrapped
     * around it (a new user's valid TorchScript file read as if it were not one).
     */
    @Test
    void aCnnRefusedByTheKernelCheckIsNotCalledAFileThatIsNotTorchScript() {
        java.nio.file.Path file = TestModels.TORCHSCRIPT.resolve("conv8.pt");
        if (KernelCheck.result().sound() || System.getProperty(KernelCheck.PROPERTY) != null) {
            try (TorchScriptFunction f = TorchScriptFunction.load(file, new Shape(1, 8, 8))) {
                assertThat(f.outputDimension()).isEqualTo(3);
            }
        } else {
            assertThatThrownBy(() -> TorchScriptFunction.load(file, new Shape(1, 8, 8)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("ONEDNN_MAX_CPU_ISA=SSE41")
                    .hasMessageNotContaining("Cannot load").hasMessageNotContaining("not TorchScript");
        }
    }

    @Test
    void aModelReturningATupleIsRefusedWithTheFix() {
        assertThatThrownBy(() -> TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("tuple-output.pt"), new Shape(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("returns 2 tensors")
                .hasMessageContaining("one tensor");
    }
}
