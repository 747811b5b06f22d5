package dev.probe.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCsvTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsEveryValueExactly() throws IOException {
        int n = 50;
        SplittableRandom random = new SplittableRandom(7);
        double[][] latent = new double[n][3];
        double[][] p = ConfidencePlotTest.probabilities(n, 4, 8);
        double[] energy = new double[n];
        int[] chain = new int[n];
        int[] draw = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                latent[i][j] = random.nextGaussian() * Math.pow(10, random.nextInt(-8, 8));
            }
            energy[i] = i == 3 ? Double.NaN : random.nextDouble() * 100;
            chain[i] = i % 4;
            draw[i] = i / 4;
        }
        latent[0][0] = 1e300;
        latent[0][1] = -2.0;

        ReportFile file = SampleCsv.empty().withBlock("latent", latent).withBlock("p", p)
                .withColumn("energy", energy).withColumn("chain", chain).withColumn("draw", draw)
                .write(dir.resolve("samples.csv"));

        assertThat(file.mediaType()).isEqualTo(ReportFile.CSV);
        try (Reader in = Files.newBufferedReader(file.path(), StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in,
                        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames()).containsExactly("latent_0", "latent_1", "latent_2",
                    "p_0", "p_1", "p_2", "p_3", "energy", "chain", "draw");
            List<CSVRecord> records = parser.getRecords();
            assertThat(records).hasSize(n);
            for (int i = 0; i < n; i++) {
                CSVRecord r = records.get(i);
                for (int j = 0; j < 3; j++) {
                    assertThat(Double.parseDouble(r.get("latent_" + j))).isEqualTo(latent[i][j]);
                }
                for (int k = 0; k < 4; k++) {
                    assertThat(Double.parseDouble(r.get("p_" + k))).isEqualTo(p[i][k]);
                }
                assertThat(Double.valueOf(r.get("energy"))).isEqualTo(Double.valueOf(energy[i]));
                assertThat(r.get("chain")).isEqualTo(Integer.toString(chain[i]));
                assertThat(r.get("draw")).isEqualTo(Integer.toString(draw[i]));
            }
            assertThat(records.get(0).get("latent_1")).isEqualTo("-2");
            assertThat(records.get(3).get("energy")).isEqualTo("NaN");
        }
    }

    @Test
    void aNamedBlockHeadsItsColumnsByName() {
        SampleCsv csv = SampleCsv.empty().withColumn("draw", new int[] {0, 1})
                .withBlock("x", java.util.List.of("age", "income"), new double[][] {{30, 2}, {40, 3}});
        assertThat(csv.header()).containsExactly("draw", "x_age", "x_income");
        assertThatThrownBy(() -> SampleCsv.empty().withBlock("x", java.util.List.of("age"), new double[2][2]))
                .hasMessage("column block 'x' has 1 names for 2 columns");
    }

    @Test
    void blocksMustAgreeOnRowsAndNames() {
        SampleCsv csv = SampleCsv.empty().withBlock("x", new double[3][2]);

        assertThatThrownBy(() -> csv.withColumn("energy", new double[2]))
                .hasMessage("'energy' has 2 rows but 'x' has 3");
        assertThatThrownBy(() -> csv.withColumn("x_1", new double[3])).hasMessage("column 'x_1' appears twice");
        assertThatThrownBy(() -> csv.withBlock("y", new double[][] {{1, 2}, {3}, {4, 5}}))
                .hasMessage("column block 'y' row 1 has 1 values, expected 2");
        assertThatThrownBy(() -> SampleCsv.empty().write(dir.resolve("none.csv"))).hasMessage("no columns to write");
    }

    @Test
    void writesToAnyAppendable() throws IOException {
        StringBuilder out = new StringBuilder();
        SampleCsv.empty().withColumn("energy", new double[] {1.5, 2}).withColumn("chain", new int[] {0, 1})
                .writeTo(out);

        assertThat(out.toString()).isEqualTo("energy,chain\r\n1.5,0\r\n2,1\r\n");
    }

    @Test
    void everyNthRowKeepsRowsZeroStrideTwoStrideAndSoOn() throws IOException {
        StringBuilder out = new StringBuilder();
        SampleCsv csv = SampleCsv.empty().withColumn("draw", new int[] {0, 1, 2, 3, 4})
                .withBlock("s", new double[][] {{0, 0.5}, {1, 1.5}, {2, 2.5}, {3, 3.5}, {4, 4.5}});
        csv.everyNth(2).writeTo(out);

        assertThat(out.toString()).isEqualTo("draw,s_0,s_1\r\n0,0,0.5\r\n2,2,2.5\r\n4,4,4.5\r\n");
        assertThat(csv.everyNth(1)).isSameAs(csv);
        assertThat(csv.everyNth(9).rows()).isEqualTo(1);
        assertThatThrownBy(() -> csv.everyNth(0)).hasMessage("stride must be at least 1, got 0");
    }
}
