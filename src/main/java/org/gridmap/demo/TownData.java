package org.gridmap.demo;

import java.util.List;
import org.locationtech.jts.geom.Polygon;

/** Everything generated for one town, ready to be written (lon/lat on the storage grid). */
record TownData(TownPlan plan, Polygon town, List<Unit> units, List<Grid> grids, List<Facility> facilities,
                RoadAssembler.Network network, List<Household> households, List<Hazard> hazards,
                List<StaffMember> staff, double remoteShare) {
}
