/**
 * Architectures of the bundled models as DJL block factories, and {@link
 * dev.probe.examples.models.BundledModels} to load the trained weights shipped in this module.
 *
 * <p>Conventions: image classifiers take {@code [N, 1, 28, 28]} float32 inputs in {@code [0, 1]} and
 * return logits {@code [N, K]}; VAE decoders take a latent batch {@code [N, 5]} and return
 * {@code [N, 1, 28, 28]} in {@code [0, 1]}. No block uses batch normalisation, so a batch of MCMC
 * chains never couples.
 *
 * <pre>{@code
 * try (BundledModels.Loaded cnn = BundledModels.load("mnist-cnn")) {
 *     NDArray logits = cnn.predict(images);   // [N, 10]
 * }
 * }</pre>
 */
package dev.probe.examples.models;
