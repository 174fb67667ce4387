package org.gridmap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** log.format=json writes one JSON object per line with the formatted message; text goes back to the pattern. */
class LogFormatTest {
    private static final Logger log = LoggerFactory.getLogger("gridmap.logformat.test");

    @Test
    void jsonLinesCarryLevelLoggerAndTheFormattedMessage() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            LogFormat.apply("json");
            log.warn("tile {} took {} ms 网格", "basemap/14/1/2", 42);
            LogFormat.apply("text");
            log.warn("back to {}", "text");
        } finally {
            System.setErr(original);
            LogFormat.apply("text");
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("logformat") || l.contains("back to")).toList();
        assertThat(lines).hasSize(2);
        JsonNode j = new ObjectMapper().readTree(lines.get(0));
        assertThat(j.get("level").asText()).isEqualTo("WARN");
        assertThat(j.get("loggerName").asText()).isEqualTo("gridmap.logformat.test");
        assertThat(j.get("formattedMessage").asText()).isEqualTo("tile basemap/14/1/2 took 42 ms 网格");
        assertThat(j.get("timestamp").asLong()).isPositive();
        assertThat(lines.get(1)).doesNotStartWith("{").contains("WARN").endsWith("- back to text");
    }
}
