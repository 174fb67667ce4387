package org.gridmap.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import org.gridmap.db.Database;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.Test;

/** What serve --demo does: load the packed Taojia town into an empty database, and never a second time. */
class DemoDataTest {
    @Test
    void loadsOnceIntoAnEmptyDatabaseAndLeavesItAloneAfterwards() throws Exception {
        try (Database db = new Database(TestPostgis.newMigratedDatabase(), 2)) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
            assertThat(DemoData.loadIfEmpty(db.dataSource(), out)).isTrue();
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("grids.geojson", "done, 117 features");
            assertThat(DemoData.loadIfEmpty(db.dataSource(), out)).isFalse();
            try (var c = db.connection(); var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM grids")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(117);
            }
        }
    }
}
