package org.gridmap.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridmap.demo.GenerationSummary;
import org.gridmap.demo.TownGenerator;
import org.gridmap.importer.TownsProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", description = "Write a synthetic town (Taojia) or city (--towns N) as GeoJSON files.")
final class GenerateCommand implements Callable<Integer> {
    static final int MAX_TOWNS = 1000;

    @Option(names = "--towns", defaultValue = "1", description = "1 = the Taojia demo town; N>1 = a city of N towns (max 1000).")
    int towns;

    @Option(names = "--seed", description = "Random seed (default: the seed of the committed demo set).")
    Long seed;

    @Option(names = "--map-only", description = "Leave out the files that ask the importer for a year of demo history.")
    boolean mapOnly;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (towns < 1 || towns > MAX_TOWNS) {
            System.err.println("--towns must be between 1 and " + MAX_TOWNS);
            return 2;
        }
        long start = System.nanoTime();
        TownsProgress bar = new TownsProgress(System.err, "generated");
        GenerationSummary s = TownGenerator.generate(towns, seed == null ? TownGenerator.DEFAULT_SEED : seed, out,
                !mapOnly, (done, total, line) -> bar.town(done, total, line));
        System.out.printf("wrote %s to %s in %.1f s%n", s, out, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
