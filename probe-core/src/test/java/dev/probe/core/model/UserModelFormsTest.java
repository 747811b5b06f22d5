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

    @Test
    void aModelReturningATupleIsRefusedWithTheFix() {
        assertThatThrownBy(() -> TorchScriptFunction.load(TestModels.TORCHSCRIPT.resolve("tuple-output.pt"), new Shape(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("returns 2 tensors")
                .hasMessageContaining("one tensor");
    }
}
