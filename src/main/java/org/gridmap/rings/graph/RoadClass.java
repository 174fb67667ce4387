package org.gridmap.rings.graph;

import java.util.Locale;

/** Road classes as stored in the database; the ordinal indexes {@link TravelMode#kmhByClass()}. */
public enum RoadClass {
    MAIN, VILLAGE, PATH, STAIRS;

    private static final RoadClass[] VALUES = values();

    /** "main" → MAIN, "village" → VILLAGE, ...; case and surrounding blanks are ignored. */
    public static RoadClass parse(String dbValue) {
        if (dbValue == null) throw new IllegalArgumentException("road class is null");
        String v = dbValue.trim().toUpperCase(Locale.ROOT);
        for (RoadClass c : VALUES) if (c.name().equals(v)) return c;
        throw new IllegalArgumentException("unknown road class: " + dbValue);
    }

    static RoadClass ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
