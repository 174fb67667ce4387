package org.gridmap.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void reportsEveryTenPercentAndTheTotalWhenWritingToAFile() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        for (int done = 0; done <= 1000; done += 50) p.progress("households.geojson", done, 1000, done * 15L);
        p.finished("households.geojson", 15_000);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("households.geojson  50% 7,500 features", "done, 15,000 features");
        assertThat(out.lines().count()).isBetween(10L, 13L);
    }
}
