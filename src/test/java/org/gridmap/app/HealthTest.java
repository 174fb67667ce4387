package org.gridmap.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.gridmap.db.Database;
import org.gridmap.db.DatabaseProvisioner;
import org.gridmap.db.LocalPostgres;
import org.gridmap.testing.TestPostgis;
import org.gridmap.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Health follows the database: a cluster of its own is stopped and started under a running server. */
class HealthTest {
    @Test
    void healthIs200WhileTheDatabaseAnswersAnd503WhenItIsGone() throws Exception {
        Path dir = TestPostgis.newClusterDir("gridmap-health-pg");
        LocalPostgres pg = new LocalPostgres(dir, TestPostgis.freePort());
        try {
            pg.start();
            Database.Credentials creds = DatabaseProvisioner.ensureDatabase(pg, "gridmap");
            try (Database db = new Database(creds, 2)) {
                db.migrate();
            }
            try (TestServer server = new TestServer(creds)) {
                HttpResponse<String> up = server.get("/health");
                assertThat(up.statusCode()).isEqualTo(200);
                assertThat(TestServer.json(up).get("status").asText()).isEqualTo("ok");

                pg.stop();
                HttpResponse<String> down = server.get("/health");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(TestServer.json(down).get("error").asText()).isEqualTo("unavailable");
                assertThat(TestServer.json(down).get("message").asText()).isNotBlank();

                pg.start();
                HttpResponse<String> back = null;
                for (int i = 0; i < 20; i++) {
                    back = server.get("/health");
                    if (back.statusCode() == 200) break;
                    Thread.sleep(250);
                }
                assertThat(back.statusCode()).isEqualTo(200);
            }
        } finally {
            pg.stop();
            TestPostgis.deleteTree(dir);
        }
    }

    @Test
    void aSecondStartReusesTheClusterAndItsData() throws Exception {
        Path dir = TestPostgis.newClusterDir("gridmap-restart-pg");
        int port = TestPostgis.freePort();
        try {
            LocalPostgres first = new LocalPostgres(dir, port);
            first.start();
            Database.Credentials creds = DatabaseProvisioner.ensureDatabase(first, "gridmap");
            try (Database db = new Database(creds, 2); var c = db.connection(); var s = c.createStatement()) {
                s.execute("CREATE TABLE marker (v text)");
                s.execute("INSERT INTO marker VALUES ('kept')");
            }
            first.stop();
            assertThat(first.isRunning()).isFalse();

            LocalPostgres second = new LocalPostgres(dir, port);
            assertThat(second.isInitialized()).isTrue();
            second.start();
            try (Database db = new Database(DatabaseProvisioner.ensureDatabase(second, "gridmap"), 2);
                 var c = db.connection(); var s = c.createStatement(); var rs = s.executeQuery("SELECT v FROM marker")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept");
            }
            second.stop();
        } finally {
            TestPostgis.deleteTree(dir);
        }
    }
}
