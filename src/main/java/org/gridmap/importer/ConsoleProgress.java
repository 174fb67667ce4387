package org.gridmap.importer;

import java.io.PrintStream;

/** A progress bar on a terminal; a line every 10 % when the output is a file or a pipe. */
public final class ConsoleProgress implements ImportProgress {
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private int lastStep = -1;
    private TownsProgress towns;

    public ConsoleProgress(PrintStream out) { this.out = out; }

    @Override
    public void progress(String file, long done, long total, long features) {
        int percent = total <= 0 ? 0 : (int) Math.min(100, done * 100 / total);
        if (terminal) {
            int filled = percent / 4;
            out.printf("\r%-18s [%s%s] %3d%% %,d features", file, "#".repeat(filled), " ".repeat(25 - filled), percent, features);
        } else if (percent / 10 != lastStep) {
            lastStep = percent / 10;
            out.printf("%-18s %3d%% %,d features%n", file, percent, features);
        }
    }

    @Override
    public void townsStarted(int done, int total) {
        towns = new TownsProgress(out, "imported");
        towns.alreadyDone(done);
        if (done > 0) out.printf("%,d of %,d towns are already imported (skipped)%n", done, total);
    }

    @Override
    public void town(int done, int total, String code) {
        if (towns == null) townsStarted(0, total);
        towns.town(done, total, "town " + code);
    }

    @Override
    public void finished(String file, long features) {
        lastStep = -1;
        if (terminal) out.printf("\r%-18s [%s] 100%% %,d features%n", file, "#".repeat(25), features);
        else out.printf("%-18s done, %,d features%n", file, features);
    }
}
