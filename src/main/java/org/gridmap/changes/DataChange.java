package org.gridmap.changes;

import org.locationtech.jts.geom.Envelope;

/**
 * Rows of {@code table} changed inside {@code bounds} (lon/lat; old and new shapes). A null bounds means
 * "anything may have changed" — sent after the feed lost its connection and may have missed messages.
 */
public record DataChange(String table, String op, Envelope bounds) {
    public static DataChange everything(String table) { return new DataChange(table, "RESYNC", null); }

    public boolean isEverything() { return bounds == null; }
}
