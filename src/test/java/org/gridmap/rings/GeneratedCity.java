package org.gridmap.rings;

import java.nio.file.Path;
import org.gridmap.db.Database;
import org.gridmap.demo.TownGenerator;
import org.gridmap.importer.GeoJsonSetImporter;
import org.gridmap.importer.ImportProgress;
import org.gridmap.testing.TestPostgis;

/** A small generated city, imported into a database of its own, with its ring engine loaded: the rings' tests of towns. */
final class GeneratedCity implements AutoCloseable {
    final Database db;
    final RingEngine engine;

    private GeneratedCity(Database db, RingEngine engine) {
        this.db = db;
        this.engine = engine;
    }

    static GeneratedCity of(int towns, long seed, Path dir) throws Exception {
        TownGenerator.generate(towns, seed, dir, m -> { });
        Database db = new Database(TestPostgis.newMigratedDatabase(), 2);
        new GeoJsonSetImporter(db.dataSource()).importDirectory(dir, ImportProgress.NONE);
        return new GeneratedCity(db, new RingEngine(db.dataSource(), RingPolicy.builtIn()).load());
    }

    @Override
    public void close() {
        engine.close();
        db.close();
    }
}
