package org.gridmap.rings.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

class RasterBufferTest {
    private final GeometryFactory gf = new GeometryFactory();

    private Geometry exact(List<double[]> lines, double r) {
        List<Geometry> parts = new ArrayList<>();
        for (double[] l : lines) {
            Coordinate[] cs = new Coordinate[l.length / 2];
            for (int i = 0; i < cs.length; i++) cs[i] = new Coordinate(l[2 * i], l[2 * i + 1]);
            parts.add(cs.length == 1 ? gf.createPoint(cs[0]) : gf.createLineString(cs));
        }
        return gf.buildGeometry(parts).buffer(r, 16);
    }

    @Test
    void aClosedLoopKeepsItsHole() {
        List<double[]> square = List.of(new double[] {0, 0, 200, 0, 200, 200, 0, 200, 0, 0});
        Geometry g = RasterBuffer.buffer(square, 20, gf);
        assertThat(g.isValid()).isTrue();
        assertThat(g).isInstanceOf(Polygon.class);
        assertThat(((Polygon) g).getNumInteriorRing()).isEqualTo(1);
        assertThat(g.getArea()).isCloseTo(exact(square, 20).getArea(), org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(g.contains(gf.createPoint(new Coordinate(100, 100)))).isFalse();
    }

    @Test
    void randomNetworksGiveValidShapesCloseToTheExactBuffer() {
        Random rnd = new Random(3);
        for (int round = 0; round < 20; round++) {
            List<double[]> lines = new ArrayList<>();
            int n = 1 + rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                double x = rnd.nextDouble() * 1000, y = rnd.nextDouble() * 1000;
                lines.add(rnd.nextInt(10) == 0 ? new double[] {x, y}
                        : new double[] {x, y, x + rnd.nextGaussian() * 150, y + rnd.nextGaussian() * 150});
            }
            double r = 5 + rnd.nextDouble() * 40;
            Geometry g = RasterBuffer.buffer(lines, r, gf);
            Geometry e = exact(lines, r);
            assertThat(g.isValid()).isTrue();
            // about one cell (r / 3) of difference along the outline, at most
            double slack = e.getLength() * r / 3;
            assertThat(Math.abs(g.getArea() - e.getArea())).isLessThanOrEqualTo(slack);
            for (double[] l : lines)
                for (int i = 0; i < l.length; i += 2) assertThat(g.contains(gf.createPoint(new Coordinate(l[i], l[i + 1])))).isTrue();
        }
    }

    @Test
    void nothingGivesAnEmptyPolygon() {
        assertThat(RasterBuffer.buffer(List.of(), 10, gf).isEmpty()).isTrue();
    }
}
