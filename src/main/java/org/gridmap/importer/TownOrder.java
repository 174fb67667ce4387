package org.gridmap.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks, before any town is written, that every file of a city set lists its features town by town in the
 * order of the city's towns. Town by town reading cannot see this itself: a town's feature that came after a later
 * town's would be found only once its town was committed without it. Reads only ids and town codes (geometries are
 * skipped unparsed), so the pass costs a fraction of the import.
 */
final class TownOrder {
    private static final JsonFactory JSON = new JsonFactory();

    private TownOrder() { }

    static void check(Path dir, Map<String, Integer> order, Problems problems) throws IOException {
        for (String file : CitySet.FILES) {
            Path p = dir.resolve(file);
            if (!Files.exists(p)) continue;
            try (InputStream in = Files.newInputStream(p)) {
                check(file, in, order, problems);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // broken JSON: the import itself names it, with its place in the file
            }
        }
    }

    private static void check(String file, InputStream in, Map<String, Integer> order, Problems problems)
            throws IOException {
        String key = file.equals("towns.geojson") ? "code" : "town_code";
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (p.nextToken() == JsonToken.START_ARRAY && "features".equals(field)) {
                    features(file, key, p, order, problems);
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private static void features(String file, String key, JsonParser p, Map<String, Integer> order, Problems problems)
            throws IOException {
        int last = -1;
        long n = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            n++;
            String id = null;
            String town = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("properties".equals(field) && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = p.currentName();
                        p.nextToken();
                        if (k.equals(key)) town = p.getValueAsString();
                        else p.skipChildren();
                    }
                } else if ("id".equals(field)) {
                    id = p.getValueAsString();
                } else {
                    p.skipChildren();
                }
            }
            Integer at = town == null ? null : order.get(town);
            String where = id != null ? id : "#" + n;
            if (at == null) {
                problems.add(file, where, town == null ? "names no " + key + " (every feature of a city set does)"
                        : "its town " + town + " is not listed in " + CitySet.FILE);
            } else if (at < last) {
                // one problem per file: after the first, every feature of the town it came before would be another
                problems.add(file, where, "its town " + town + " is out of order: a city set lists the features of "
                        + "its files town by town, in the order of " + CitySet.FILE);
                return;
            } else {
                last = at;
            }
        }
    }
}
