package org.gridmap.importer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar over the towns of a city, for generating and importing: towns done of all, the rate and the time
 * still to go. On a terminal one line redrawn in place; to a file or a pipe a line at every whole percent.
 */
public final class TownsProgress {
    private final PrintStream out;
    private final String verb;
    private final LongSupplier nanos;
    private final boolean terminal;
    private final long start;
    private int firstDone = -1;
    private int lastPercent = -1;

    public TownsProgress(PrintStream out, String verb) {
        this(out, verb, System::nanoTime, System.console() != null);
    }

    TownsProgress(PrintStream out, String verb, LongSupplier nanos, boolean terminal) {
        this.out = out;
        this.verb = verb;
        this.nanos = nanos;
        this.terminal = terminal;
        this.start = nanos.getAsLong();
    }

    /** Towns that were done before this run (a resumed import): they count in the bar, not in the rate. */
    public void alreadyDone(int done) {
        firstDone = done;
    }

    /** After a town: {@code done} of {@code total}; {@code detail} says what the last town was. */
    public void town(int done, int total, String detail) {
        if (firstDone < 0) firstDone = done - 1;
        double seconds = (nanos.getAsLong() - start) / 1e9;
        int counted = done - firstDone;
        double rate = seconds > 0 ? counted / seconds : 0;
        String eta = rate > 0 ? duration((total - done) / rate) : "?";
        int percent = total <= 0 ? 100 : (int) ((long) done * 100 / total);
        String status = String.format(Locale.ROOT, "%,d/%,d towns %s (%d%%), %.2f towns/s, %s to go",
                done, total, verb, percent, rate, eta);
        if (terminal) {
            int filled = percent / 4;
            out.printf("\r[%s%s] %s   ", "#".repeat(filled), " ".repeat(25 - filled), status);
            if (done >= total) out.println();
        } else if (percent != lastPercent || done >= total) {
            lastPercent = percent;
            out.println(status + (detail == null ? "" : " — " + detail));
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
