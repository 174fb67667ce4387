package org.gridmap.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a Mapbox Vector Tile (protobuf) far enough for tests: layer names, extents, features and their
 * properties. Written from the MVT 2.1 specification so tests do not trust the encoder they check.
 */
public final class MvtReader {
    /** {@code geometry}: the feature's geometry commands and zigzag parameters, as encoded. */
    public record Feature(long id, int geometryType, Map<String, Object> properties, List<Long> geometry) { }
    public record Layer(String name, int extent, List<Feature> features) { }

    private final byte[] b;
    private int pos;
    private final int end;

    private MvtReader(byte[] b, int pos, int end) {
        this.b = b;
        this.pos = pos;
        this.end = end;
    }

    public static Map<String, Layer> read(byte[] tile) {
        Map<String, Layer> out = new LinkedHashMap<>();
        MvtReader r = new MvtReader(tile, 0, tile.length);
        while (r.pos < r.end) {
            long key = r.varint();
            if ((key >>> 3) == 3 && (key & 7) == 2) {
                int len = (int) r.varint();
                Layer l = new MvtReader(tile, r.pos, r.pos + len).layer();
                out.put(l.name(), l);
                r.pos += len;
            } else {
                r.skip((int) (key & 7));
            }
        }
        return out;
    }

    private Layer layer() {
        String name = null;
        int extent = 4096;
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<int[]> rawFeatures = new ArrayList<>();
        while (pos < end) {
            long key = varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 1 && wire == 2) name = string();
            else if (field == 3 && wire == 2) keys.add(string());
            else if (field == 4 && wire == 2) {
                int len = (int) varint();
                values.add(new MvtReader(b, pos, pos + len).value());
                pos += len;
            } else if (field == 2 && wire == 2) {
                int len = (int) varint();
                rawFeatures.add(new int[] {pos, pos + len});
                pos += len;
            } else if (field == 5 && wire == 0) extent = (int) varint();
            else skip(wire);
        }
        List<Feature> features = new ArrayList<>();
        for (int[] span : rawFeatures) features.add(new MvtReader(b, span[0], span[1]).feature(keys, values));
        return new Layer(name, extent, features);
    }

    private Feature feature(List<String> keys, List<Object> values) {
        long id = 0;
        int type = 0;
        Map<String, Object> props = new LinkedHashMap<>();
        List<Long> geometry = new ArrayList<>();
        while (pos < end) {
            long key = varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 1 && wire == 0) id = varint();
            else if (field == 3 && wire == 0) type = (int) varint();
            else if (field == 2 && wire == 2) {
                int len = (int) varint();
                int stop = pos + len;
                while (pos < stop) {
                    int k = (int) varint();
                    int v = (int) varint();
                    props.put(keys.get(k), values.get(v));
                }
            } else if (field == 4 && wire == 2) {
                int len = (int) varint();
                int stop = pos + len;
                while (pos < stop) geometry.add(varint());
            } else skip(wire);
        }
        return new Feature(id, type, props, List.copyOf(geometry));
    }

    private Object value() {
        Object v = null;
        while (pos < end) {
            long key = varint();
            int field = (int) (key >>> 3);
            switch (field) {
                case 1 -> v = string();
                case 2 -> { v = (double) Float.intBitsToFloat(fixed32()); }
                case 3 -> { v = Double.longBitsToDouble(fixed64()); }
                case 4, 5 -> v = varint();
                case 6 -> { long z = varint(); v = (z >>> 1) ^ -(z & 1); }
                case 7 -> v = varint() != 0;
                default -> skip((int) (key & 7));
            }
        }
        return v;
    }

    private long varint() {
        long result = 0;
        int shift = 0;
        while (true) {
            byte x = b[pos++];
            result |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) return result;
            shift += 7;
        }
    }

    private int fixed32() {
        int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    private long fixed64() {
        long lo = fixed32() & 0xffffffffL;
        long hi = fixed32() & 0xffffffffL;
        return lo | hi << 32;
    }

    private String string() {
        int len = (int) varint();
        String s = new String(b, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    private void skip(int wire) {
        switch (wire) {
            case 0 -> varint();
            case 1 -> pos += 8;
            case 2 -> { int len = (int) varint(); pos += len; }
            case 5 -> pos += 4;
            default -> throw new IllegalStateException("unknown wire type " + wire);
        }
    }
}
