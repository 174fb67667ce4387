package org.gridmap.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Generates the demo data set: the Taojia town, or a synthetic city of many towns for scale benchmarks, as GeoJSON
 * files (format: docs/data-format.md).
 *
 * <p>Towns are built and written one at a time, so memory stays bounded whatever the number of towns; output is
 * a pure function of (towns, seed). A city (towns &gt; 1) ends with {@value #CITY_FILE}, the codes of its towns in
 * the order the files list them: the importer takes such a set town by town, and the file's presence says the
 * set was written to the end.
 */
public final class TownGenerator {
    /** Seed of the committed {@code data/taojia} set. */
    public static final long DEFAULT_SEED = 20120801L;
    /** Written last into a city's directory: {@code {"towns": [codes in file order]}}. */
    public static final String CITY_FILE = org.gridmap.importer.CitySet.FILE;

    /** Told after each town is written. */
    public interface Progress {
        void town(int done, int total, String line);
    }

    private TownGenerator() {
    }

    /** towns == 1 → the Taojia demo town; towns > 1 → a synthetic city of that many towns (Taojia first). */
    public static GenerationSummary generate(int towns, long seed, Path outDir, Consumer<String> progress)
            throws IOException {
        return generate(towns, seed, outDir, true, (done, total, line) -> progress.accept(line));
    }

    /** @param histories whether the set asks the importer for the demo's year of history (false: the map only) */
    public static GenerationSummary generate(int towns, long seed, Path outDir, boolean histories, Progress progress)
            throws IOException {
        CityPlanner city = new CityPlanner(towns, seed);
        Files.createDirectories(outDir);
        CityLinks links = new CityLinks(towns, city.side());
        GeometryFactory gf = new GeometryFactory();
        int villages = 0;
        int grids = 0;
        int hazards = 0;
        long phone = 0;
        String[] names = new String[towns];
        String[] codes = new String[towns];
        Files.deleteIfExists(outDir.resolve(CITY_FILE));
        try (OutputFiles out = new OutputFiles(outDir, towns > 1, histories)) {
            for (int i = 0; i < towns; i++) {
                long t0 = System.nanoTime();
                TownPlan plan = city.plan(i);
                TownData town = TownBuilder.build(plan, phone);
                if (towns > 1) checkInCell(town, city.cell(i));
                phone += town.staff().size();
                out.write(town);
                names[i] = plan.name();
                codes[i] = plan.code();
                for (CityLinks.Link link : links.add(i, town.network())) {
                    String name = names[link.from()] + "至" + names[link.to()] + "公路";
                    out.road(gf.createLineString(link.ends()), "main", name, plan.code());
                }
                villages += town.units().size();
                grids += town.grids().size();
                hazards += town.hazards().size();
                progress.town(i + 1, towns, String.format(Locale.ROOT,
                        "town %d/%d %s %s: %d units, %d grids, %d roads, %d households"
                                + " (%.0f%% in remote hamlets) in %.1f s",
                        i + 1, towns, plan.code(), plan.name(), town.units().size(), town.grids().size(),
                        town.network().roads().size(), town.households().size(), 100 * town.remoteShare(),
                        (System.nanoTime() - t0) / 1e9));
            }
            out.close();
            if (towns > 1) writeCityFile(outDir, codes);
            return new GenerationSummary(towns, villages, grids, out.facilities(), out.roads(), out.households(),
                    hazards, out.staff());
        }
    }

    private static void writeCityFile(Path dir, String[] codes) throws IOException {
        StringBuilder json = new StringBuilder("{\"towns\": [");
        for (int i = 0; i < codes.length; i++) json.append(i == 0 ? "\n" : ",\n").append('"').append(codes[i]).append('"');
        Files.writeString(dir.resolve(CITY_FILE), json.append("\n]}\n"));
    }

    /** The lattice argument of {@link CityLinks} needs every town inside its own cell. */
    private static void checkInCell(TownData town, double[] cell) {
        var env = town.town().getEnvelopeInternal().copy();
        for (Road r : town.network().roads()) env.expandToInclude(r.line().getEnvelopeInternal());
        boolean inside = env.getMinX() > cell[0] && env.getMinY() > cell[1] && env.getMaxX() < cell[2]
                && env.getMaxY() < cell[3];
        if (!inside) {
            throw new IllegalStateException(town.plan().name() + " does not fit its lattice cell");
        }
    }

    /**
     * Command-line use without the CLI: {@code [outDir]} (Taojia, default seed, default {@code data/taojia}) or
     * {@code towns seed outDir}.
     */
    public static void main(String[] args) throws IOException {
        int towns = args.length > 2 ? Integer.parseInt(args[0]) : 1;
        long seed = args.length > 2 ? Long.parseLong(args[1]) : DEFAULT_SEED;
        Path out = Path.of(args.length == 0 ? "data/taojia" : args[args.length - 1]);
        long t0 = System.nanoTime();
        GenerationSummary s = generate(towns, seed, out, System.err::println);
        System.out.printf(Locale.ROOT, "%s in %.1f s%n", s, (System.nanoTime() - t0) / 1e9);
    }
}
