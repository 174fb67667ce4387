/**
 * The in-memory road network behind the four service rings: snapping, travel times, routes, isochrones and
 * nearest-facility trees, fed by the loader with plain arrays and edited in place afterwards.
 *
 * <h2>Layout</h2>
 * Nodes and edges have dense int ids. Per edge the graph keeps from/to, road id, length, class, flags and a walk
 * override in parallel primitive arrays, the interior polyline vertices of all edges in one packed double[]
 * (end points are the nodes), and a CSR adjacency listing each edge at both ends. Each travel mode gets one table
 * of seconds per adjacency entry. Measured on a 1.5 M-edge lattice: ~134 MB for the graph, ~37 MB for the snapping
 * grid, ~24 MB per travel mode, ~20 MB per nearest-facility tree, ~30 bytes per node per concurrently running
 * search. Coordinates are kept as doubles.
 *
 * <h2>Conventions</h2>
 * A {@link org.gridmap.rings.graph.Snap} is a point on an edge at a fraction of its drawn length (measured in an
 * equirectangular frame around the graph's centre); its share of the edge's time and metres is that fraction of
 * the edge's cost and stored length. A point exactly on a node is at that node whatever the edge's restrictions.
 * Times never include the off-network walk to the snapped point: callers add {@code distanceMeters} at their own
 * speed. Travel time of an edge = length / speed of its class in the mode (or, for pedestrian modes, the edge's
 * walk override); one-way edges only from→to in modes that respect one-way; closed edges never.
 *
 * <h2>Concurrency</h2>
 * Queries are thread-safe and allocate only their answer plus a pooled search space (stamped arrays, so no clearing
 * between searches). Edits ({@code setClosed}, {@code setRoad}) are serialised, patch the mode tables in place and
 * bump {@link org.gridmap.rings.graph.RoadGraph#version()}; searches started after an edit returns see it.
 * Precomputed results (trees, reaches) carry the version they were computed at.
 */
package org.gridmap.rings.graph;
