/**
 * The example data sets, committed in compact form under {@code src/main/resources/data} and read
 * from the classpath: MNIST and Fashion-MNIST as gzip IDX files, wine and penguins as CSV; and the
 * synthetic printed digits of the domain-shift experiment, generated from fixed seeds
 * ({@link dev.probe.examples.data.SyntheticDigits}).
 *
 * <pre>{@code
 * ImageDataset test = Datasets.mnistTest();          // 2,000 digits
 * try (NDManager m = NDManager.newBaseManager()) {
 *     NDArray x = test.images(m);                    // [2000, 1, 28, 28] float32 in [0, 1]
 * }
 * }</pre>
 */
package dev.probe.examples.data;
