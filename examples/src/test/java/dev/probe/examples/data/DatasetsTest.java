package dev.probe.examples.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatasetsTest {

    @Test
    void mnistSplitHasFixedSizesAndAllClasses() {
        ImageDataset train = Datasets.mnistTrain();
        ImageDataset test = Datasets.mnistTest();
        assertThat(train.size()).isEqualTo(8000);
        assertThat(test.size()).isEqualTo(2000);
        assertThat(Arrays.stream(test.labels()).distinct().sorted().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(train.classNames()).hasSize(10);
    }

    @Test
    void fashionSplitHasFixedSizes() {
        assertThat(Datasets.fashionTrain().size()).isEqualTo(20000);
        assertThat(Datasets.fashionTest().size()).isEqualTo(10000);
        assertThat(Datasets.fashionTest().classNames().get(9)).isEqualTo("Ankle boot");
    }

    @Test
    void imagesAreTensorsInUnitInterval() {
        ImageDataset test = Datasets.mnistTest();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = test.images(m, 0, 100);
            assertThat(x.getShape()).isEqualTo(new Shape(100, 1, 28, 28));
            assertThat(x.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(x.max().getFloat()).isLessThanOrEqualTo(1f).isGreaterThan(0.9f);
            assertThat(test.labels(m, 0, 100).toIntArray()).containsExactly(Arrays.copyOf(test.labels(), 100));
        }
    }

    @Test
    void classFiltersKeepLabels() {
        ImageDataset noThree = Datasets.mnistTrain().withoutClasses(3);
        assertThat(Arrays.stream(noThree.labels()).noneMatch(l -> l == 3)).isTrue();
        ImageDataset c1 = Datasets.mnistTest().onlyClasses(0, 1, 3, 6, 9);
        assertThat(Arrays.stream(c1.labels()).distinct().sorted().toArray()).containsExactly(0, 1, 3, 6, 9);
        assertThat(noThree.size() + Datasets.mnistTrain().onlyClasses(3).size()).isEqualTo(8000);
    }

    @Test
    void wineIsTheUciTable() {
        TabularDataset train = Datasets.wineTrain();
        TabularDataset test = Datasets.wineTest();
        assertThat(train.size() + test.size()).isEqualTo(178);
        assertThat(test.size()).isEqualTo(36);
        assertThat(train.numFeatures()).isEqualTo(13);
        assertThat(train.featureNames()).contains("alcohol", "color_intensity", "proline");
        assertThat(Arrays.stream(test.labels()).distinct().count()).isEqualTo(3);
    }

    @Test
    void penguinsHaveOneHotCategoricalColumns() {
        TabularDataset train = Datasets.penguinsTrain();
        assertThat(train.size() + Datasets.penguinsTest().size()).isEqualTo(333);
        assertThat(train.featureNames()).containsExactly("beak_length_mm", "beak_depth_mm", "flipper_length_mm",
                "body_mass_g", "island=Biscoe", "island=Dream", "island=Torgersen", "sex=female", "sex=male");
        for (int i = 0; i < train.size(); i++) {
            float[] r = train.row(i);
            assertThat(r[4] + r[5] + r[6]).isEqualTo(1f);
            assertThat(r[7] + r[8]).isEqualTo(1f);
        }
    }
}
