package org.gridmap.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

/** The checks the data tests rely on must themselves catch broken networks. */
class NetworkChecksTest {
    private static final GeometryFactory GF = new GeometryFactory();

    private static LineString line(double... xy) {
        Coordinate[] c = new Coordinate[xy.length / 2];
        for (int i = 0; i < c.length; i++) c[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        return GF.createLineString(c);
    }

    @Test
    void linesMeetingAtSharedEndpointsAreNoded() {
        List<LineString> ok = List.of(line(0, 0, 1, 0), line(1, 0, 1, 1), line(1, 0, 2, 0.5, 3, 0));
        assertThat(NetworkChecks.nodingProblems(ok)).isEmpty();
        assertThat(NetworkChecks.components(ok)).isEqualTo(1);
    }

    @Test
    void crossingsTJunctionsAndOverlapsAreReported() {
        assertThat(NetworkChecks.nodingProblems(List.of(line(0, 0, 2, 2), line(0, 2, 2, 0)))).hasSize(1);
        // Ends on the other line's interior vertex: a T-junction that was not split.
        assertThat(NetworkChecks.nodingProblems(List.of(line(0, 0, 1, 0, 2, 0), line(1, 0, 1, 1)))).isNotEmpty();
        assertThat(NetworkChecks.nodingProblems(List.of(line(0, 0, 2, 0), line(1, 0, 3, 0)))).isNotEmpty();
        assertThat(NetworkChecks.nodingProblems(List.of(line(0, 0, 2, 0, 2, 1, 1, -1)))).isNotEmpty();
    }

    @Test
    void separateNetworksAreSeparateComponents() {
        assertThat(NetworkChecks.components(List.of(line(0, 0, 1, 0), line(5, 5, 6, 6)))).isEqualTo(2);
    }
}
