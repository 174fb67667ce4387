package org.gridmap.demo;

import org.locationtech.jts.geom.Coordinate;

/**
 * A service facility of any level (point, grid, station, center).
 *
 * @param grid   index of the grid it lies in
 * @param metric position in the town's metric plane
 * @param lonLat the same position on the 1e-7° storage grid
 */
record Facility(String code, String level, String name, int grid, Coordinate metric, Coordinate lonLat) {
}
