package dev.probe.core.probe;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Runs tensor work without recording an autograd graph: on the PyTorch engine, libtorch's thread-local
 * grad mode is switched off for the call (models whose parameters require gradients, such as TorchScript
 * files loaded with {@code trainParam=true}, would otherwise record a graph on every forward pass). No
 * gradient collector is opened, so this never waits for the process-wide one (package plumbing).
 */
final class ForwardPass {
    private ForwardPass() {}

    static <T> T withoutGradients(Supplier<T> work) {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return work.get();
        }
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(before);
        }
    }
}
