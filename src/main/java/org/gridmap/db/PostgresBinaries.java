package org.gridmap.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Finds a PostgreSQL installation that also has PostGIS, preferring the newest major version. */
public final class PostgresBinaries {
    private PostgresBinaries() { }

    public static Path find() {
        String override = System.getenv("GRIDMAP_PG_BIN");
        if (override != null && !override.isBlank()) return Path.of(override);
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            return versions
                    .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .filter(v -> Files.exists(Path.of("/usr/share/postgresql", v.getFileName().toString(),
                            "extension/postgis.control")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException(missingMessage()));
        } catch (IOException e) {
            throw new IllegalStateException(missingMessage(), e);
        }
    }

    public static String missingMessage() {
        return "PostgreSQL with PostGIS was not found under /usr/lib/postgresql. Install it with:\n"
                + "  sudo apt-get install -y postgresql-15-postgis-3 postgresql-15-pgrouting\n"
                + "or point GRIDMAP_DB_URL at an existing PostGIS database.";
    }
}
