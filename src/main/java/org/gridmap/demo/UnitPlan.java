package org.gridmap.demo;

/**
 * What one village or community of a town should become.
 *
 * @param code       12-digit division code
 * @param community  true for a 社区 (its grids are of kind community), false for a 村
 * @param centreLon  WGS84 longitude of the unit's centre, or NaN to let the layout choose
 * @param centreLat  WGS84 latitude, or NaN
 * @param grids      number of grids, or -1 to take a share of the town's remaining grids by area
 * @param parkGrids  how many of its grids are industrial parks (园区)
 * @param points     number of service points, or -1 to take a share of the town's remaining points by area
 */
record UnitPlan(String code, String name, String nameEn, boolean community, double centreLon, double centreLat,
                int grids, int parkGrids, int points) {
    boolean hasFixedCentre() {
        return !Double.isNaN(centreLon);
    }
}
