package org.gridmap.importer;

import java.util.Set;

/**
 * The closed word lists of the model, as stored in the database's CHECK constraints; hazards' and staff's lists are
 * their packages' own (one definition each).
 */
final class Vocabulary {
    private Vocabulary() { }

    static final Set<String> VILLAGE_KINDS = Set.of("village", "community");
    static final Set<String> GRID_KINDS = Set.of("rural", "park", "community");
    static final Set<String> FACILITY_LEVELS = Set.of("point", "grid", "station", "center");
    static final Set<String> ROAD_CLASSES = Set.of("main", "village", "path", "stairs");
    static final Set<String> HAZARD_TYPES = Set.copyOf(org.gridmap.hazards.HazardVocabulary.TYPES.keySet());
    static final Set<String> HAZARD_STATUSES = Set.copyOf(org.gridmap.hazards.HazardVocabulary.STATUSES.keySet());
    static final Set<String> HAZARD_GRADES = Set.copyOf(org.gridmap.hazards.HazardVocabulary.GRADES.keySet());
    static final Set<String> STAFF_ROLES = Set.copyOf(org.gridmap.staff.StaffRoles.ALL);

    /** Mainland China, generously: coordinates outside it mean a wrong CRS or swapped axes. */
    static final double MIN_LON = 73.0, MAX_LON = 136.0, MIN_LAT = 3.0, MAX_LAT = 54.0;
}
