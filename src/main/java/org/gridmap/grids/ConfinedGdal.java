package org.gridmap.grids;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridmap.db.Processes;
import org.gridmap.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ogr2ogr on an uploaded file with GDAL confined to the one driver the upload claims to be. GDAL picks a
 * driver by content, so a VRT named {@code in.gpkg} would otherwise be opened as a VRT and read local files or
 * URLs for us. The GDAL in Debian 12 (3.6) has no {@code ogr2ogr -if}, so every other driver is switched off
 * through {@code GDAL_SKIP}; the environment is built from scratch so that no network or remote file access
 * is left to GDAL, libcurl or PROJ, and no user configuration (~/.gdal, ~/.netrc, proxies) is read.
 */
final class ConfinedGdal {
    private static final Logger log = LoggerFactory.getLogger(ConfinedGdal.class);
    private static final Pattern DRIVER_LINE = Pattern.compile("^ {2}(.+?) -[a-z, ]+- \\(");
    /** Every proxy points at this closed port, so a request GDAL might still attempt fails before leaving the host. */
    private static final String NO_PROXY_SINK = "127.0.0.1:1";
    private static volatile Set<String> drivers;

    private ConfinedGdal() { }

    /**
     * Converts {@code source} (read only by {@code driver}) to GeoJSON in EPSG:4326 at {@code out}. A failure is
     * logged here with GDAL's words and answered with {@code what} alone: GDAL's messages name temporary paths
     * and quote the file.
     */
    static void toGeoJson(String driver, String source, Path out, Path workDir, String what) throws IOException {
        List<String> command = List.of("ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:4326", "-lco", "COORDINATE_PRECISION=9",
                out.toString(), source);
        Processes.Result r;
        try {
            r = Processes.run(command, environment(new TreeSet<>(List.of(driver, "GeoJSON")), workDir), workDir, 120);
        } catch (IOException e) {
            log.warn("import: ogr2ogr on {} did not finish: {}", what, e.getMessage());
            throw new ApiException(422, "unreadable_file", "Reading the file as " + what + " took too long.")
                    .says("grids.gdal_too_long", Map.of("what", what));
        }
        if (r.exitCode() != 0) {
            log.warn("import: ogr2ogr could not read {} (exit {}): {}", what, r.exitCode(), r.output().trim());
            throw new ApiException(422, "unreadable_file", "The file could not be read as " + what + ".")
                    .says("grids.gdal_unreadable", Map.of("what", what));
        }
    }

    /** The environment of one run: only {@code allowed} drivers, no network, no remote or stdin files. */
    static Map<String, String> environment(Set<String> allowed, Path workDir) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("HOME", workDir.toString());
        env.put("TMPDIR", workDir.toString());
        for (String keep : List.of("GDAL_DATA", "PROJ_DATA", "PROJ_LIB")) {
            String v = System.getenv(keep);
            if (v != null) env.put(keep, v);
        }
        env.put("GDAL_SKIP", String.join(",", skipped(allowed)));
        env.put("PROJ_NETWORK", "OFF");
        env.put("GDAL_HTTP_PROXY", NO_PROXY_SINK);
        env.put("GDAL_HTTPS_PROXY", NO_PROXY_SINK);
        for (String var : List.of("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")) {
            env.put(var, "http://" + NO_PROXY_SINK);
        }
        env.put("GDAL_HTTP_CONNECTTIMEOUT", "1");
        env.put("GDAL_HTTP_TIMEOUT", "1");
        env.put("GDAL_HTTP_MAX_RETRY", "0");
        // /vsicurl/ and its kin only open names with these extensions: none a real file has
        env.put("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".gridmap-no-remote-files");
        env.put("CPL_ALLOW_VSISTDIN", "NO");
        env.put("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
        env.put("GDAL_VRT_ENABLE_PYTHON", "NO");
        env.put("OGR_SQLITE_LIST_VIRTUAL_OGR", "NO");
        return env;
    }

    /** All drivers this GDAL has except {@code allowed}; fails if one of {@code allowed} is missing. */
    static Set<String> skipped(Set<String> allowed) throws IOException {
        Set<String> all = drivers();
        if (!all.containsAll(allowed)) throw new IOException("GDAL lacks a driver among " + allowed + "; it has " + all);
        Set<String> skip = new TreeSet<>(all);
        skip.removeAll(allowed);
        return skip;
    }

    private static Set<String> drivers() throws IOException {
        Set<String> d = drivers;
        if (d != null) return d;
        Set<String> found = new TreeSet<>();
        for (String tool : List.of("ogrinfo", "gdalinfo")) {
            Processes.Result r = Processes.run(List.of(tool, "--formats"), 30);
            if (r.exitCode() != 0) throw new IOException(tool + " --formats failed: " + r.output());
            for (String line : r.output().split("\n")) {
                if (!line.startsWith("  ")) continue;
                Matcher m = DRIVER_LINE.matcher(line);
                // fail closed: a driver line we cannot read is a driver we could not skip
                if (!m.find()) throw new IOException("unexpected line in " + tool + " --formats: " + line);
                found.add(m.group(1));
            }
        }
        // GDAL_SKIP is a comma-separated list: a name with a comma could not be skipped
        if (found.isEmpty() || found.stream().anyMatch(n -> n.contains(","))) {
            throw new IOException("unexpected GDAL driver list: " + found);
        }
        drivers = Set.copyOf(found);
        return drivers;
    }
}
