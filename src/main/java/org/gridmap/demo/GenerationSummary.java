package org.gridmap.demo;

/** Feature counts of one generated data set, summed over all towns. */
public record GenerationSummary(int towns, int villages, int grids, int facilities, int roads, int households,
                                int hazards, int staff) {
}
