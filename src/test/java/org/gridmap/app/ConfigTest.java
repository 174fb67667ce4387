package org.gridmap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gridmap.properties");
        Files.writeString(file, "port=8000\npool.size=3\nvar.dir=/srv/gridmap\n");
        Config c = Config.load(file, Map.of("GRIDMAP_PORT", "9000", "GRIDMAP_DB_URL", "jdbc:postgresql://db/x"),
                Map.of("port", "9100"));
        assertThat(c.port()).isEqualTo(9100);
        assertThat(c.poolSize()).isEqualTo(3);
        assertThat(c.varDir()).isEqualTo(Path.of("/srv/gridmap"));
        assertThat(c.dbUrl()).isEqualTo("jdbc:postgresql://db/x");
        assertThat(c.usesLocalCluster()).isFalse();

        Config defaults = Config.load(null, Map.of(), Map.of());
        assertThat(defaults.port()).isEqualTo(7070);
        assertThat(defaults.usesLocalCluster()).isTrue();
    }

    @Test
    void unknownSettingsAndBadNumbersAreReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "prot=8000\n");
        assertThatThrownBy(() -> Config.load(file, Map.of(), Map.of())).hasMessageContaining("unknown setting 'prot'");
        assertThatThrownBy(() -> Config.load(null, Map.of("GRIDMAP_PORT", "seventy"), Map.of()))
                .hasMessageContaining("not a number");
    }

    @Test
    void passwordsDoNotAppearInToString() throws Exception {
        Config c = Config.load(null, Map.of("GRIDMAP_DB_PASSWORD", "s3cret-value"), Map.of());
        assertThat(c.toString()).doesNotContain("s3cret-value");
    }

    @Test
    void aReadDatabaseIsOptionalAndBorrowsThePrimarysCredentials() throws Exception {
        assertThat(Config.load(null, Map.of("GRIDMAP_DB_URL", "jdbc:postgresql://db/x"), Map.of()).readDb()).isNull();
        Config c = Config.load(null, Map.of("GRIDMAP_DB_URL", "jdbc:postgresql://db/x", "GRIDMAP_DB_USER", "gm",
                "GRIDMAP_DB_PASSWORD", "s3cret-value", "GRIDMAP_DB_READ_URL", "jdbc:postgresql://replicas/x"), Map.of());
        assertThat(c.readDb()).isEqualTo(new Config.ReadDatabase("jdbc:postgresql://replicas/x", "gm", "s3cret-value"));
        assertThat(c.readDb().toString()).doesNotContain("s3cret-value");
        Config own = Config.load(null, Map.of("GRIDMAP_DB_USER", "gm"), Map.of("db.read.url", "jdbc:postgresql://r/x",
                "db.read.user", "reader", "db.read.password", "other"));
        assertThat(own.readDb()).isEqualTo(new Config.ReadDatabase("jdbc:postgresql://r/x", "reader", "other"));
    }
}
