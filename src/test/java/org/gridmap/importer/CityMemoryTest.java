package org.gridmap.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridmap.db.Database;
import org.gridmap.demo.TownGenerator;
import org.gridmap.testing.TestPostgis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A city set's import keeps what one town needs and nothing of the towns before: the heap that stays live after
 * each town (measured after a full collection) does not grow with the towns imported.
 */
class CityMemoryTest {
    @Test
    void theLiveHeapAfterEachTownDoesNotGrowWithTheTownsImported(@TempDir Path city) throws Exception {
        int towns = 10;
        TownGenerator.generate(towns, 11L, city, false, (done, total, line) -> { });
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Long> liveAfterTown = new ArrayList<>();
        try (Database db = new Database(TestPostgis.newMigratedDatabase(), 2)) {
            new GeoJsonSetImporter(db.dataSource()).importDirectory(city, new ImportProgress() {
                @Override public void progress(String file, long done, long total, long features) { }
                @Override public void finished(String file, long features) { }
                @Override public void town(int done, int total, String code) {
                    System.gc();
                    liveAfterTown.add(memory.getHeapMemoryUsage().getUsed());
                }
            });
        }
        assertThat(liveAfterTown).hasSize(towns);
        // one town's units and grid index alone are a few MiB: keeping them town after town would add 8 × that
        long grown = liveAfterTown.get(towns - 1) - liveAfterTown.get(1);
        assertThat(grown).as("live heap after town %d minus after town 2, bytes (all: %s)", towns, liveAfterTown)
                .isLessThan(3L << 20);
    }
}
