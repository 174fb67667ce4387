package org.gridmap.importer;

import java.util.ArrayList;
import java.util.List;

/** Collects problems across the whole set, so a user fixes them all in one round instead of one per run. */
final class Problems {
    static final int MAX_KEPT = 1000;
    private final List<ImportProblem> kept = new ArrayList<>();
    private int total;

    void add(String file, String featureId, String reason) {
        total++;
        if (kept.size() < MAX_KEPT) kept.add(new ImportProblem(file, featureId, reason));
    }

    boolean isEmpty() { return total == 0; }

    ImportRejected rejection() {
        List<ImportProblem> all = new ArrayList<>(kept);
        if (total > kept.size()) {
            all.add(new ImportProblem("(all)", null, (total - kept.size()) + " more problems not listed"));
        }
        return new ImportRejected(all);
    }
}
