package org.gridmap.demo;

import java.util.List;

/**
 * A cluster of houses along its own lanes (metric polylines). {@code group} tags the lanes' road edges so that
 * houses can be kept nearest to their own lanes; {@code remote} hamlets are the ones far from any service point.
 */
record Hamlet(int group, List<double[][]> lanes, boolean remote, double weight) {
}
