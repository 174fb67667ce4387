package org.gridmap.app;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.UserStore;
import org.gridmap.importer.DemoData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "Start the HTTP server (and the project-local PostGIS unless GRIDMAP_DB_URL is set).")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);
    private static volatile boolean serving;

    @Option(names = "--demo", description = "Load the Taojia demo town if the database is empty and create demo accounts.")
    boolean demo;

    @Option(names = "--port", description = "HTTP port (default 7070).")
    Integer port;

    @Option(names = "--config", description = "A properties file with settings.")
    Path configFile;

    static boolean isServing() { return serving; }

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        if (port != null) flags.put("port", port.toString());
        Config config = Config.load(configFile, System.getenv(), flags);
        org.gridmap.ops.LogFormat.apply(config.logFormat());
        Storage rt = Storage.open(config, config.statementTimeoutMs());
        GridmapServer server;
        try {
            if (demo) {
                DemoData.loadIfEmpty(rt.database().dataSource(), System.out);
                createDemoAccounts(new UserStore(rt.database().dataSource(), new PasswordHasher()));
            }
            server = new GridmapServer(config, rt.database()).start();
        } catch (Exception e) {
            rt.close();
            throw e;
        }
        serving = true;
        CountDownLatch stopped = new CountDownLatch(1);
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            server.stop();
            rt.close();
            stopped.countDown();
        }, "gridmap-shutdown"));
        System.out.println("gridmap is serving on http://localhost:" + server.port() + "  (Ctrl-C stops it)");
        stopped.await();
        return 0;
    }

    /** Demo accounts exist only in the local database; their random passwords are shown once, never stored in clear. */
    private static void createDemoAccounts(UserStore users) throws Exception {
        if (users.enabledCount() > 0) return;
        StringBuilder out = new StringBuilder("\nDemo accounts (passwords are shown only now; keep them):\n");
        for (Role role : Role.values()) {
            String password = randomPassword();
            users.create("demo-" + role.id(), role, password.toCharArray());
            out.append(String.format("  %-14s role %-8s password %s%n", "demo-" + role.id(), role.id(), password));
        }
        System.out.println(out);
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.toString();
    }
}
