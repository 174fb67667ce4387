package org.gridmap.layers;

import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/** A validated items request: bbox in lon/lat (or null), paging, and property filters (name → value). */
public record FeatureQuery(Envelope bbox, int limit, long offset, Map<String, String> filters) { }
