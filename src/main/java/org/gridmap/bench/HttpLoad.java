package org.gridmap.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small keep-alive HTTP/1.1 load generator for loopback benchmarks: N connections, each sending the
 * next path of a list and reading the whole response. Lean on purpose: the client must not be the
 * bottleneck when measuring thousands of requests per second on two cores.
 */
public final class HttpLoad {
    public record Result(long requests, long errors, double seconds, Stats latency) {
        public double perSecond() { return requests / seconds; }
    }

    private HttpLoad() { }

    /** Sends every path in {@code paths} (cycling) until {@code total} requests are done. */
    public static Result run(String host, int port, List<String> paths, int connections, int total, String extraHeaders)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        Stats[] perThread = new Stats[connections];
        Thread[] threads = new Thread[connections];
        long start = System.nanoTime();
        for (int t = 0; t < connections; t++) {
            Stats stats = perThread[t] = new Stats();
            threads[t] = new Thread(() -> {
                try (Socket s = new Socket()) {
                    s.setTcpNoDelay(true);
                    s.connect(new InetSocketAddress(host, port));
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        String path = paths.get(i % paths.size());
                        long t0 = System.nanoTime();
                        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + extraHeaders
                                + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        int status = readResponse(in);
                        stats.add(System.nanoTime() - t0);
                        if (status >= 400 || status < 100) errors.incrementAndGet();
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
            }, "load-" + t);
            threads[t].start();
        }
        for (Thread th : threads) th.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        Stats all = new Stats();
        long count = 0;
        for (Stats s : perThread) {
            count += s.count();
            all.addAll(s);
        }
        return new Result(count, errors.get(), seconds, all);
    }

    /** Reads status line, headers and a Content-Length or chunked body; returns the status. */
    static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        String h;
        while (!(h = line(in)).isEmpty()) {
            int colon = h.indexOf(':');
            if (colon < 0) continue;
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) length = Long.parseLong(value);
            else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) chunked = true;
        }
        if (status == 204 || status == 304) return status;
        if (chunked) {
            while (true) {
                long size = Long.parseLong(line(in).split(";")[0].trim(), 16);
                if (size == 0) {
                    line(in);
                    break;
                }
                skip(in, size);
                line(in);
            }
        } else if (length > 0) {
            skip(in, length);
        }
        return status;
    }

    private static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long k = in.skip(n);
            if (k <= 0) {
                if (in.read() < 0) throw new IOException("connection closed");
                k = 1;
            }
            n -= k;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') break;
            if (c != '\r') sb.append((char) c);
        }
        if (c < 0 && sb.length() == 0) throw new IOException("connection closed");
        return sb.toString();
    }
}
