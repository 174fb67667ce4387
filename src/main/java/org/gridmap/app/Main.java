package org.gridmap.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/gridmap}: one program, one sub-command per job. */
@Command(name = "gridmap", mixinStandardHelpOptions = true, version = "gridmap " + GridmapServer.VERSION,
        description = "Map-based spatial service for township grid-based social service management.",
        subcommands = {ServeCommand.class, GenerateCommand.class, ImportCommand.class, UserCommand.class,
                org.gridmap.bench.BenchCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() { CommandLine.usage(this, System.out); }

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (code != 0 || !ServeCommand.isServing()) System.exit(code);
    }
}
