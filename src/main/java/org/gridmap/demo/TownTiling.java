package org.gridmap.demo;

import java.util.List;
import org.locationtech.jts.geom.Polygon;

/**
 * The polygons of one town in lon/lat on the 1e-7° grid: the town, its units (index = unit index) and its
 * grids (index = seed index, not yet numbered). They form one exact coverage: shared edges share vertices.
 */
record TownTiling(Polygon town, List<Polygon> units, List<Polygon> grids) {
}
