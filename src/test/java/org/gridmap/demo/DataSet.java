package org.gridmap.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

/** A generated data set read back from its files, with a metric view for measuring. */
final class DataSet {
    static final String[] FILES = {"towns", "villages", "grids", "facilities", "roads", "households", "hazards", "staff"};
    final GeoJsonFiles.Collection towns;
    final GeoJsonFiles.Collection villages;
    final GeoJsonFiles.Collection grids;
    final GeoJsonFiles.Collection facilities;
    final GeoJsonFiles.Collection roads;
    final GeoJsonFiles.Collection households;
    final GeoJsonFiles.Collection hazards;
    final GeoJsonFiles.Collection staff;
    private final TransverseMercator tm;

    DataSet(Path dir) throws IOException {
        towns = GeoJsonFiles.read(dir.resolve("towns.geojson"));
        villages = GeoJsonFiles.read(dir.resolve("villages.geojson"));
        grids = GeoJsonFiles.read(dir.resolve("grids.geojson"));
        facilities = GeoJsonFiles.read(dir.resolve("facilities.geojson"));
        roads = GeoJsonFiles.read(dir.resolve("roads.geojson"));
        households = GeoJsonFiles.read(dir.resolve("households.geojson"));
        hazards = GeoJsonFiles.read(dir.resolve("hazards.geojson"));
        staff = GeoJsonFiles.read(dir.resolve("staff.geojson"));
        // One central meridian through the middle of the data: scale error stays below 1e-5 within 40 km.
        tm = new TransverseMercator(towns.features().get(0).geometry().getCentroid().getX());
    }

    List<LineString> roadLines() {
        List<LineString> out = new ArrayList<>();
        for (GeoJsonFiles.Feature f : roads.features()) out.add((LineString) f.geometry());
        return out;
    }

    List<GeoJsonFiles.Feature> facilities(String level) {
        return facilities.features().stream().filter(f -> f.str("level").equals(level)).toList();
    }

    /** The geometry projected to metres. */
    Geometry metric(Geometry g) {
        Geometry copy = g.copy();
        copy.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
            double[] p = tm.forward(c.x, c.y);
            c.x = p[0];
            c.y = p[1];
        });
        copy.geometryChanged();
        return copy;
    }

    Coordinate metric(Coordinate c) {
        double[] p = tm.forward(c.x, c.y);
        return new Coordinate(p[0], p[1]);
    }

    static GeometryFactory gf() {
        return new GeometryFactory();
    }
}
