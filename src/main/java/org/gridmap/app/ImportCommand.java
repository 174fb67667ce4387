package org.gridmap.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gridmap.importer.ConsoleProgress;
import org.gridmap.importer.GeoJsonSetImporter;
import org.gridmap.importer.ImportProblem;
import org.gridmap.importer.ImportRejected;
import org.gridmap.importer.LoadSettler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Load a GeoJSON set (as written by 'generate'): a set in one transaction, all or "
        + "nothing; a city set (with city.json) town by town, each town all or nothing, and a run again goes on after "
        + "the towns already imported.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Directory with towns/villages/grids/... .geojson files.")
    Path dir;

    @Option(names = "--config", description = "A properties file with settings.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        Config config = Config.load(configFile, System.getenv(), Map.of());
        try (Storage rt = Storage.open(config)) {
            var summary = new GeoJsonSetImporter(rt.database().dataSource()).importDirectory(dir, new ConsoleProgress(System.err));
            System.out.println("imported " + summary);
            if (summary.isEmpty()) return 0;   // settled when it was written: `cluster up` runs the import again
            long t0 = System.nanoTime();
            System.err.println("settling the loaded rows (VACUUM FREEZE, ANALYZE), so that later reads write nothing ...");
            LoadSettler.settle(rt.database().dataSource());
            System.err.printf(java.util.Locale.ROOT, "settled in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (ImportRejected e) {
            System.err.println("import refused, nothing of what was refused was written. " + e.problems().size()
                    + " problem(s):");
            for (ImportProblem p : e.problems()) System.err.println("  " + p);
            return 1;
        }
    }
}
