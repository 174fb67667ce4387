package org.gridmap.bench;

import java.io.PrintStream;
import java.util.Locale;
import org.gridmap.importer.ImportProgress;
import org.gridmap.visits.VisitHistory;

/**
 * Passes an import's progress on, and times the year of visits: from the loader's first word (before its first town)
 * to its last, so the figure is the visits' own and not the map's.
 */
final class VisitLoadTimer implements ImportProgress {
    private final ImportProgress next;
    private final PrintStream out;
    private long started;
    private long seconds = -1;
    private long visits;

    VisitLoadTimer(ImportProgress next, PrintStream out) {
        this.next = next;
        this.out = out;
    }

    @Override
    public void progress(String file, long done, long total, long features) {
        if (!VisitHistory.FILE.equals(file)) {
            next.progress(file, done, total, features);
            return;
        }
        if (started == 0) started = System.nanoTime();
        // a line per town: the city's year takes minutes, and a bar redrawn in place says nothing in a log
        if (done > 0) {
            out.printf(Locale.ROOT, "%s town %d/%d: %,d visits so far, %.0f s%n", file, done, total, features,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    @Override
    public void finished(String file, long features) {
        if (VisitHistory.FILE.equals(file) && started != 0) {
            seconds = Math.round((System.nanoTime() - started) / 1e9);
            visits = features;
        }
        next.finished(file, features);
    }

    String summary() {
        return seconds < 0 ? "no visits written" : String.format(Locale.ROOT, "%,d visits written by the import in %d min %02d s",
                visits, seconds / 60, seconds % 60);
    }
}
