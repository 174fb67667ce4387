package org.gridmap.errands;

import java.time.Instant;
import java.util.List;

/** The catalogue as its editors see it: every entry with its version, retired ones included. */
public final class CatalogueEntries {
    private CatalogueEntries() { }

    /** Which table an entry lives in; the path segment of its routes. */
    public enum Kind {
        WINDOWS("window", "errand_windows"), DEPARTMENTS("department", "errand_departments"), ITEMS("item", "errand_items");

        final String type;
        final String table;

        Kind(String type, String table) {
            this.type = type;
            this.table = table;
        }

        /** The name of the kind in a conflict's {@code stale} entry: window, department, item. */
        public String type() { return type; }

        public static Kind of(String segment) {
            for (Kind k : values()) if (k.name().toLowerCase(java.util.Locale.ROOT).equals(segment)) return k;
            return null;
        }
    }

    /** A window ({@code position} set: its place on the counter) or a department ({@code position} null). */
    public record Unit(long id, String code, String name, String nameEn, Integer position, long version, Instant retiredAt) { }

    public record Item(long id, String code, String name, String nameEn, String windowCode, String departmentCode,
                       int processingDays, List<String> documents, long version, Instant retiredAt) { }

    /**
     * An entry to create or the fields of an edit; null fields are left as they are on an edit. {@code retired}: true
     * retires, false brings back; {@code version} is the one the editor saw (edits only).
     */
    public record Change(String code, String name, String nameEn, Integer position, String windowCode,
                         String departmentCode, Integer processingDays, List<String> documents, Boolean retired,
                         Long version) { }
}
