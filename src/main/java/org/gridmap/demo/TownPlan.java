package org.gridmap.demo;

import java.util.List;

/**
 * Everything decided about a town before its geometry is built: identity, size, unit list and counts.
 *
 * @param centreLon      WGS84 longitude of the town centre (origin of the town's metric plane)
 * @param shapeOffsetX   where the boundary's middle lies relative to the centre, metres east
 * @param shapeOffsetY   metres north
 * @param areaKm2        target area of the town polygon
 * @param elongation     ratio of the boundary's long to short axis (1 = round)
 * @param rotationDeg    direction of the long axis, degrees counter-clockwise from east
 * @param totalGrids     grids in the town; units with grids == -1 share what the fixed ones leave
 * @param totalPoints    service points in the town, shared the same way
 * @param households     households to place
 * @param hazards        hazard sites to place
 * @param streets        names of the five town streets around the centre (four radial, one across)
 * @param kind           what sort of town it is; {@link TownKind#PUBLISHED} keeps the original layout
 */
record TownPlan(int index, long seed, String code, String name, String nameEn, double centreLon, double centreLat,
                double shapeOffsetX, double shapeOffsetY, double areaKm2, double elongation, double rotationDeg,
                List<UnitPlan> units, int totalGrids, int totalPoints, int households, int hazards,
                List<String> streets, TownKind kind) {
    /** The same plan as another kind (the figures lay a city town out the published way to compare). */
    TownPlan withKind(TownKind other) {
        return new TownPlan(index, seed, code, name, nameEn, centreLon, centreLat, shapeOffsetX, shapeOffsetY,
                areaKm2, elongation, rotationDeg, units, totalGrids, totalPoints, households, hazards, streets, other);
    }
}
