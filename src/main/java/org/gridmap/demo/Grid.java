package org.gridmap.demo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * One numbered grid.
 *
 * @param unit   index of its unit in the town's unit list
 * @param area   polygon in lon/lat (storage grid)
 * @param metric the same polygon in the town's metric plane, for placing things inside it
 * @param heart  a point well inside the grid (its warped Voronoi seed), metres
 */
record Grid(String code, String name, String kind, int unit, Polygon area, Polygon metric, Coordinate heart) {
}
