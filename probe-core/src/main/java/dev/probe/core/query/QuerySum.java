package dev.probe.core.query;

import ai.djl.ndarray.NDArray;
import dev.probe.core.model.ModelUnderTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Several questions at once, possibly over several models ("Generating Samples to Probe Trained Models"
 * §4: a decision tree certain of class 1 while a random forest is uncertain): energies add, so the
 * samples follow the product of the Gibbs distributions; a sample attains the target when every part
 * does (distance = maximum of the parts' distances). Models shared by parts are evaluated once.
 *
 * <pre>{@code
 * Query q = QuerySum.of(FixedLabel.of(tree, 1), PredictionRisky.entropy(forest));
 * Query same = FixedLabel.of(tree, 1).plus(PredictionRisky.entropy(forest));
 * }</pre>
 */
public final class QuerySum implements Query {
    private final List<Query> parts;
    private final List<ModelUnderTest> models;
    private final int[][] index;

    private QuerySum(List<Query> parts) {
        this.parts = List.copyOf(parts);
        int d = parts.get(0).inputDimension();
        List<ModelUnderTest> all = new ArrayList<>();
        index = new int[parts.size()][];
        for (int q = 0; q < parts.size(); q++) {
            Query part = parts.get(q);
            if (part.inputDimension() != d) {
                throw new IllegalArgumentException("Cannot add queries over different inputs: " + parts.get(0).describe()
                        + " takes " + d + " features but " + part.describe() + " takes " + part.inputDimension()
                        + ". Add queries whose models read the same input.");
            }
            List<ModelUnderTest> ms = part.models();
            index[q] = new int[ms.size()];
            for (int m = 0; m < ms.size(); m++) {
                int at = indexOfSame(all, ms.get(m));
                if (at < 0) {
                    all.add(ms.get(m));
                    at = all.size() - 1;
                }
                index[q][m] = at;
            }
        }
        this.models = List.copyOf(all);
    }

    private static int indexOfSame(List<ModelUnderTest> list, ModelUnderTest m) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == m) {
                return i;
            }
        }
        return -1;
    }

    /** The sum of {@code parts} (sums inside are flattened). */
    public static QuerySum of(Query... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("A sum of queries needs at least one query.");
        }
        List<Query> flat = new ArrayList<>();
        for (Query q : parts) {
            if (q instanceof QuerySum s) {
                flat.addAll(s.parts);
            } else {
                flat.add(java.util.Objects.requireNonNull(q, "query"));
            }
        }
        return new QuerySum(flat);
    }

    @Override
    public NDArray energy(NDArray x) {
        NDArray total = parts.get(0).energy(x);
        for (int q = 1; q < parts.size(); q++) {
            total = total.add(parts.get(q).energy(x));
        }
        return total;
    }

    @Override
    public boolean isDifferentiable() {
        return parts.stream().allMatch(Query::isDifferentiable);
    }

    @Override
    public int inputDimension() {
        return parts.get(0).inputDimension();
    }

    @Override
    public List<ModelUnderTest> models() {
        return models;
    }

    @Override
    public double targetDistance(double[][] outputs) {
        double d = 0;
        for (int q = 0; q < parts.size(); q++) {
            double[][] own = new double[index[q].length][];
            for (int m = 0; m < own.length; m++) {
                own[m] = outputs[index[q][m]];
            }
            d = Math.max(d, parts.get(q).targetDistance(own));
        }
        return d;
    }

    @Override
    public double largestTargetDistance() {
        return parts.stream().mapToDouble(Query::largestTargetDistance).max().orElse(0);
    }

    /** The summed queries. */
    public List<Query> parts() {
        return parts;
    }

    @Override
    public String attainedWhen(double tolerance) {
        // a localiser's "always" adds nothing ("…; and target distance ≤ 0.1" on every counterfactual: a new user's)
        List<Query> asking = parts.stream().filter(p -> p.largestTargetDistance() > 0).toList();
        return (asking.isEmpty() ? parts : asking).stream().map(p -> p.attainedWhen(tolerance))
                .collect(Collectors.joining("; and "));
    }

    @Override
    public String describe() {
        return parts.stream().map(Query::describe).collect(Collectors.joining(" + "));
    }

    /** What {@code describe()} says (a query or space printed in a log reads as in reports and messages). */
    @Override
    public String toString() {
        return describe();
    }
}
