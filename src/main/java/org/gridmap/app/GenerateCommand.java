package org.gridmap.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridmap.demo.GenerationSummary;
import org.gridmap.demo.TownGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", description = "Write a synthetic town (Taojia) or city (--towns N) as GeoJSON files.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--towns", defaultValue = "1", description = "1 = the Taojia demo town; N>1 = a city of N towns (max 100).")
    int towns;

    @Option(names = "--seed", description = "Random seed (default: the seed of the committed demo set).")
    Long seed;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (towns < 1 || towns > 100) {
            System.err.println("--towns must be between 1 and 100");
            return 2;
        }
        long start = System.nanoTime();
        GenerationSummary s = TownGenerator.generate(towns, seed == null ? TownGenerator.DEFAULT_SEED : seed, out,
                msg -> System.err.println(msg));
        System.out.printf("wrote %s to %s in %.1f s%n", s, out, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
