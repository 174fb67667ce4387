package org.gridmap.layers;

import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/**
 * A validated items request: boxes in lon/lat (none = everywhere; two when the bbox crosses the antimeridian),
 * the time to match (or null), paging, property filters (name → value) and the CRS of the output.
 */
public record FeatureQuery(List<Envelope> bbox, TimeInterval time, int limit, long offset, Map<String, String> filters,
                           Crs crs) {
    /** What selects the features, without paging or output CRS: the key of a cached count. */
    String selection() { return bbox + "|" + time + "|" + filters; }
}
