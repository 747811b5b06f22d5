package dev.probe.examples.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Multinomial logistic regression on raw tabular features, as a differentiable DJL block:
 * {@code logits = W ((x - mean) / scale) + b}. The standardisation constants are non-trainable
 * parameters saved with the weights, so the block takes raw feature values (e.g. wine proline in
 * the hundreds): input {@code [N, d]} float32, output logits {@code [N, K]}.
 *
 * <pre>{@code
 * LogisticRegression lr = new LogisticRegression(13, 3);
 * lr.initialize(manager, DataType.FLOAT32, new Shape(1, 13));
 * lr.setStandardization(train.columnMeans(), train.columnStds());
 * }</pre>
 */
public final class LogisticRegression extends AbstractBlock {
    private final int numFeatures;
    private final Parameter mean;
    private final Parameter scale;
    private final Linear linear;

    /**
     * @param numFeatures input width d
     * @param numClasses number of classes K
     */
    public LogisticRegression(int numFeatures, int numClasses) {
        this.numFeatures = numFeatures;
        this.mean = addParameter(Parameter.builder().setName("mean").setType(Parameter.Type.OTHER)
                .optShape(new Shape(numFeatures)).optInitializer(new ConstantInitializer(0f))
                .optRequiresGrad(false).build());
        this.scale = addParameter(Parameter.builder().setName("scale").setType(Parameter.Type.OTHER)
                .optShape(new Shape(numFeatures)).optInitializer(new ConstantInitializer(1f))
                .optRequiresGrad(false).build());
        this.linear = addChildBlock("linear", Linear.builder().setUnits(numClasses).build());
    }

    /** @return the input width d */
    public int numFeatures() {
        return numFeatures;
    }

    /**
     * Sets the standardisation constants (call after {@code initialize}, before training).
     *
     * @param means per-feature means
     * @param scales per-feature scales (standard deviations, non-zero)
     */
    public void setStandardization(float[] means, float[] scales) {
        mean.getArray().set(means);
        scale.getArray().set(scales);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray m = ps.getValue(mean, x.getDevice(), training);
        NDArray s = ps.getValue(scale, x.getDevice(), training);
        return linear.forward(ps, new NDList(x.sub(m).div(s)), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return linear.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        linear.initialize(manager, dataType, inputShapes);
    }
}
