package org.gridmap.db;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the few external programs gridmap needs (initdb, pg_ctl, runuser), with a time limit. */
public final class Processes {
    private Processes() { }

    public record Result(int exitCode, String output) { }

    public static Result run(List<String> command, int timeoutSeconds) throws IOException {
        return run(command, null, null, timeoutSeconds);
    }

    /** As {@link #run(List, int)}, with exactly {@code environment} (nothing inherited) and {@code workDir}, when given. */
    public static Result run(List<String> command, java.util.Map<String, String> environment, Path workDir,
                             int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (environment != null) {
            pb.environment().clear();
            pb.environment().putAll(environment);
        }
        if (workDir != null) pb.directory(workDir.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "proc-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command));
        }
        synchronized (out) {
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (out) { out.write(buf, 0, n); }
            }
        } catch (IOException ignored) { }
    }

    public static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (Throwable t) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** True when the postgres account can enter every directory down to {@code dir}. */
    public static boolean postgresUserCanReach(Path dir) {
        try {
            return run(List.of("runuser", "-u", "postgres", "--", "test", "-x", dir.toAbsolutePath().toString()), 20)
                    .exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    public static void chownRecursive(Path dir, String user) throws IOException {
        Result r = run(List.of("chown", "-R", user + ":", dir.toString()), 60);
        if (r.exitCode() != 0) throw new IOException("chown failed: " + r.output());
    }
}
