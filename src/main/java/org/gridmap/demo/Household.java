package org.gridmap.demo;

import org.locationtech.jts.geom.Coordinate;

/** A household: position (metric and lon/lat on the storage grid) and member count 1–6. */
record Household(Coordinate metric, Coordinate lonLat, int members) {
}
