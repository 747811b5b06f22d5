package dev.probe.examples.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Domain-adversarial training block (DANN, Ganin et al. 2016, "Domain-Adversarial Training of Neural
 * Networks", JMLR 17): a {@link LeNet} classifier whose 500 features also feed a domain
 * classifier (FC {@code hidden}, ReLU, FC 1: the logit of "target domain") through a gradient reversal
 * layer. The reversal is the identity forwards and multiplies gradients by {@code −λ} backwards, written
 * with plain ops: {@code sg(f) − λ·(f − sg(f))}, {@code sg} = stop-gradient, λ held as an array of the
 * batch (DJL's {@code mul(Number)} frees its scalar while the graph still refers to it). Training output:
 * {@code NDList(classLogits [N, 10], domainLogits [N, 1])}; the classifier alone ({@link #classifier()})
 * is what is saved and probed.
 *
 * <pre>{@code
 * DomainAdversarialNet dann = new DomainAdversarialNet(LeNet.create(10), 100);
 * dann.setReversal(0.5f);
 * NDList out = dann.forward(ps, new NDList(images), true);
 * }</pre>
 */
public final class DomainAdversarialNet extends AbstractBlock {
    private final SequentialBlock classifier;
    private final SequentialBlock domainHead;
    private float lambda;

    /**
     * @param lenet a block made by {@link LeNet#create} (trained in place)
     * @param hidden width of the domain classifier's hidden layer
     */
    public DomainAdversarialNet(SequentialBlock lenet, int hidden) {
        this.classifier = addChildBlock("classifier", lenet);
        this.domainHead = addChildBlock("domain", new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(1).build()));
    }

    /** @return the classifier (LeNet), trained in place */
    public SequentialBlock classifier() {
        return classifier;
    }

    /** @param reversal the gradient reversal weight λ ≥ 0 of the next forward passes */
    public void setReversal(float reversal) {
        this.lambda = reversal;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray f = LeNet.features(classifier).forward(ps, inputs, training, params).singletonOrThrow();
        NDArray classLogits = LeNet.labelHead(classifier).forward(ps, new NDList(f), training, params).singletonOrThrow();
        NDArray held = f.stopGradient();
        NDArray scale = f.getManager().create(-lambda);
        NDArray reversed = held.add(f.sub(held).mul(scale));
        NDArray domainLogits = domainHead.forward(ps, new NDList(reversed), training, params).singletonOrThrow();
        return new NDList(classLogits, domainLogits);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {classifier.getOutputShapes(inputShapes)[0], new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        classifier.initialize(manager, dataType, inputShapes);
        domainHead.initialize(manager, dataType, new Shape(inputShapes[0].get(0), LeNet.FEATURES));
    }
}
