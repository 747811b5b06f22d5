/**
 * A procedural world of small CLEVR-like scenes for BAYES-PROBE's procedural experiments (§4.2–4.3,
 * §4.7): {@link dev.probe.examples.scenes.SceneWorld} (which shapes exist, attribute layout, placement,
 * and the {@code ProceduralSpace} MH samples), {@link dev.probe.examples.scenes.SceneRenderer} (Java2D),
 * {@link dev.probe.examples.scenes.SceneQuestion} (the counting questions the scene model answers) and
 * {@link dev.probe.examples.scenes.SceneSet} (rendered training and test scenes with their answers).
 */
package dev.probe.examples.scenes;
