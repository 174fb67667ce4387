package org.gridmap.demo;

import org.locationtech.jts.geom.LineString;

/** One road line of the noded network (lon/lat), with class main|village|path|stairs and an optional name. */
record Road(LineString line, String cls, String name) {
}
