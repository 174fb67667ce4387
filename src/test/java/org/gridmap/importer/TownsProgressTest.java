package org.gridmap.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TownsProgressTest {
    @Test
    void showsTownsDoneTheRateAndTheTimeToGoALineAPercentWhenNotOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        TownsProgress p = new TownsProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "imported",
                () -> now[0], false);
        // 1,000 towns, the first 400 imported by an earlier run; this run does 2 towns a second
        p.alreadyDone(400);
        for (int done = 401; done <= 1000; done++) {
            now[0] += 500_000_000L;
            p.town(done, 1000, "town " + done);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("500/1,000 towns imported (50%), 2.00 towns/s, 4 min 10 s to go — town 500");
        assertThat(out).contains("1,000/1,000 towns imported (100%), 2.00 towns/s, 0 s to go");
        assertThat(out.lines().count()).isEqualTo(61); // one line at each percent from 40 % to 100 %
    }

    @Test
    void redrawsOneLineOnATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        TownsProgress p = new TownsProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "generated",
                () -> now[0], true);
        for (int done = 1; done <= 4; done++) {
            now[0] += 3_600_000_000_000L;
            p.town(done, 8, null);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\r[").doesNotContain("\n");
        assertThat(out).contains("4/8 towns generated (50%), 0.00 towns/s, 4 h 0 min to go");
    }
}
