package org.gridmap.demo;

import org.locationtech.jts.geom.Coordinate;

/**
 * A geological hazard site (地质灾害隐患点).
 *
 * @param grid index of the grid it lies in
 */
record Hazard(String code, String name, String type, int radiusM, String status, boolean blocksRoads, String grade,
              String description, int grid, Coordinate metric, Coordinate lonLat) {
}
