package org.gridmap.importer;

import java.io.IOException;
import java.util.Map;

/**
 * One town's part of a city set's files: from each file, the features that name this town, as far as they go.
 * The feature after them must belong to a later town of the city's list; one that does not (no town, an
 * earlier town, a town not listed) is a problem of this town, since the set is then not in town order.
 */
final class TownSlice {
    private final Map<String, FeatureReader> readers;
    private final Map<String, Integer> order;
    private final String code;
    private final int index;

    TownSlice(Map<String, FeatureReader> readers, Map<String, Integer> order, String code, int index) {
        this.readers = readers;
        this.order = order;
        this.code = code;
        this.index = index;
    }

    String code() { return code; }

    /** The town's own feature (still to be read by the import), or null with a problem when the next is another. */
    Feature town(Problems problems) throws IOException {
        FeatureReader r = readers.get("towns.geojson");
        Feature t = r == null ? null : r.peek(problems);
        if (t == null || !code.equals(t.text("code"))) {
            problems.add("towns.geojson", t == null ? null : t.id(), "expected the town " + code + " next (the order of "
                    + CitySet.FILE + "), found " + (t == null ? "none" : t.text("code")));
            return null;
        }
        return t;
    }

    /** Passes over the town's features unread: it was imported by an earlier run. */
    void skip() throws IOException {
        Problems ignored = new Problems();
        for (FeatureReader r : readers.values()) {
            for (Feature f = r.peek(ignored); f != null && code.equals(townOf(r.file(), f)); f = r.peek(ignored)) {
                r.next(ignored);
            }
        }
    }

    FeatureSource source() {
        return new FeatureSource() {
            @Override
            public boolean read(String file, Problems problems, ImportProgress progress, FeatureReader.Sink sink)
                    throws IOException {
                FeatureReader r = readers.get(file);
                if (r == null) return false;
                for (Feature f = r.peek(problems); f != null && code.equals(townOf(file, f)); f = r.peek(problems)) {
                    r.next(problems);
                    sink.accept(f);
                }
                Feature after = r.peek(problems);
                if (after != null) {
                    String town = townOf(file, after);
                    Integer at = town == null ? null : order.get(town);
                    if (at == null || at <= index) {
                        problems.add(file, after.id(), town == null ? "names no town_code (every feature of a city set does)"
                                : "its town " + town + " is out of order: a city set lists the features of its files town "
                                + "by town, in the order of " + CitySet.FILE);
                    }
                }
                return true;
            }

            @Override
            public boolean has(String file) { return readers.containsKey(file); }

            @Override
            public String describe() { return "town " + code; }
        };
    }

    static String townOf(String file, Feature f) {
        return f.text(file.equals("towns.geojson") ? "code" : "town_code");
    }
}
