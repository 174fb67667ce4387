package org.gridmap.demo;

import org.locationtech.jts.geom.Polygon;

/** A village or community as generated: its plan and its polygon (lon/lat). */
record Unit(UnitPlan plan, Polygon area) {
    String code() {
        return plan.code();
    }

    String kind() {
        return plan.community() ? "community" : "village";
    }
}
