/**
 * The training programs that produce every bundled model. {@link dev.probe.examples.train.TrainAll}
 * re-trains them all with a fixed seed; it is never run by the tests.
 *
 * <pre>{@code
 * DJL_OFFLINE=true OPT_OUT_TRACKING=true ./mvnw -B -pl examples -am -Ptrain-models process-classes
 * }</pre>
 */
package dev.probe.examples.train;
