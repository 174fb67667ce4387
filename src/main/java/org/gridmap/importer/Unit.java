package org.gridmap.importer;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/** A town, village or grid while a set is imported: its code, parent's code, shape and (once written) its id. */
final class Unit {
    final String code;
    final String name;
    final String parentCode;
    final String featureId;
    final Geometry geom;
    final boolean existing;
    long id;
    private PreparedGeometry prepared;

    Unit(String code, String name, String parentCode, String featureId, Geometry geom, boolean existing, long id) {
        this.code = code;
        this.name = name;
        this.parentCode = parentCode;
        this.featureId = featureId;
        this.geom = geom;
        this.existing = existing;
        this.id = id;
    }

    PreparedGeometry prepared() {
        if (prepared == null) prepared = PreparedGeometryFactory.prepare(geom);
        return prepared;
    }

    /** Covered, forgiving sub-centimetre slivers that floating-point noding leaves along shared edges. */
    boolean covers(Geometry inner) {
        if (prepared().covers(inner)) return true;
        return inner.getDimension() == 2 && inner.difference(geom).getArea() < 1e-12;
    }
}
