package org.gridmap.importer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one table with COPY (text format), the fastest way into PostgreSQL. Geometries go as
 * hex EWKB with their SRID, which PostGIS parses without a function call per row.
 */
final class CopyRows implements AutoCloseable {
    private final CopyIn copy;
    private final StringBuilder buf = new StringBuilder(1 << 16);
    private final WKBWriter wkb = new WKBWriter(2, org.locationtech.jts.io.ByteOrderValues.LITTLE_ENDIAN, true);
    private boolean first = true;
    private long rows;

    CopyRows(Connection c, String table, String columns) throws SQLException {
        this.copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
    }

    CopyRows value(Object v) {
        if (!first) buf.append('\t');
        first = false;
        if (v == null) {
            buf.append("\\N");
        } else if (v instanceof Geometry g) {
            g.setSRID(4326);
            buf.append(WKBWriter.toHex(wkb.write(g)));
        } else {
            escape(v.toString());
        }
        return this;
    }

    void endRow() throws SQLException {
        buf.append('\n');
        first = true;
        rows++;
        if (buf.length() > (1 << 16)) flush();
    }

    long rows() { return rows; }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> buf.append("\\\\");
                case '\t' -> buf.append("\\t");
                case '\n' -> buf.append("\\n");
                case '\r' -> buf.append("\\r");
                default -> buf.append(ch);
            }
        }
    }

    private void flush() throws SQLException {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    @Override
    public void close() throws SQLException {
        if (!copy.isActive()) return;
        flush();
        copy.endCopy();
    }

    void abort() {
        try {
            if (copy.isActive()) copy.cancelCopy();
        } catch (SQLException ignored) { }
    }

}
