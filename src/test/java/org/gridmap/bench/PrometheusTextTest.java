package org.gridmap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String ROUTE = "/api/grids/{id}/unvisited/tiles/{z}/{x}/{file}";

    @Test
    void aRoutesTimerIsSummedOverItsStatusesAndNothingElse() {
        String text = """
                # HELP gridmap_http_requests_seconds HTTP requests by method, route template and status
                # TYPE gridmap_http_requests_seconds histogram
                gridmap_http_requests_seconds_bucket{method="GET",route="/api/grids/{id}/unvisited/tiles/{z}/{x}/{file}",status="200",le="0.001"} 7
                gridmap_http_requests_seconds_count{method="GET",route="/api/grids/{id}/unvisited/tiles/{z}/{x}/{file}",status="200"} 10
                gridmap_http_requests_seconds_sum{method="GET",route="/api/grids/{id}/unvisited/tiles/{z}/{x}/{file}",status="200"} 0.012
                gridmap_http_requests_seconds_count{method="GET",route="/api/grids/{id}/unvisited/tiles/{z}/{x}/{file}",status="204"} 5
                gridmap_http_requests_seconds_sum{method="GET",route="/api/grids/{id}/unvisited/tiles/{z}/{x}/{file}",status="204"} 0.003
                gridmap_http_requests_seconds_max{method="GET",route="/api/grids/{id}/unvisited/tiles/{z}/{x}/{file}",status="200"} 0.004
                gridmap_http_requests_seconds_count{method="GET",route="/api/grids/{id}/unvisited",status="200"} 99
                gridmap_http_requests_seconds_sum{method="GET",route="/api/grids/{id}/unvisited",status="200"} 9.9
                """;
        double[] timer = PrometheusText.timer(text, "gridmap_http_requests_seconds", ROUTE);
        assertThat(timer[0]).isCloseTo(0.015, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(timer[1]).isEqualTo(15);
    }
}
