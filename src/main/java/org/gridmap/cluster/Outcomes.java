package org.gridmap.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every answer the drill's clients got: when, to what, with which status, and whether a 503 said when to retry. */
final class Outcomes {
    /** One answer; status 0 = no HTTP answer at all (connection refused, reset or timed out). */
    record Answer(long atMillis, String kind, int status, boolean retryAfter, String failure) {
        boolean ok() { return status >= 200 && status < 400; }

        /** What a client must never see: a server fault, a 503 without Retry-After, or no answer at all. */
        boolean forbidden() { return status == 0 || (status >= 500 && status != 503) || (status == 503 && !retryAfter); }
    }

    private final List<Answer> answers = new ArrayList<>();

    synchronized void add(Answer a) { answers.add(a); }

    synchronized List<Answer> all() { return List.copyOf(answers); }

    /** Answers per status in [from, to), by kind: e.g. {write={201=812, 503=14}, read={200=3012}}. */
    synchronized Map<String, Map<Integer, Integer>> byStatus(long from, long to) {
        Map<String, Map<Integer, Integer>> out = new TreeMap<>();
        for (Answer a : answers) {
            if (a.atMillis() < from || a.atMillis() >= to) continue;
            out.computeIfAbsent(a.kind(), k -> new TreeMap<>()).merge(a.status(), 1, Integer::sum);
        }
        return out;
    }

    /** The last failed answer in [from, to), or -1 when every answer there succeeded. */
    synchronized long lastFailure(long from, long to) {
        long last = -1;
        for (Answer a : answers) if (!a.ok() && a.atMillis() >= from && a.atMillis() < to) last = Math.max(last, a.atMillis());
        return last;
    }

    /** The first successful answer of this kind at or after {@code from}, or -1. */
    synchronized long firstSuccess(String kind, long from) {
        long first = -1;
        for (Answer a : answers) {
            if (a.kind().equals(kind) && a.ok() && a.atMillis() >= from && (first < 0 || a.atMillis() < first)) first = a.atMillis();
        }
        return first;
    }

    /** The first failed answer of this kind at or after {@code from}, or -1. */
    synchronized long firstFailure(String kind, long from) {
        long first = -1;
        for (Answer a : answers) {
            if (a.kind().equals(kind) && !a.ok() && a.atMillis() >= from && (first < 0 || a.atMillis() < first)) first = a.atMillis();
        }
        return first;
    }

    /**
     * The answers no client may see. Excused: a connection closed without an answer within [{@code nodeDied},
     * {@code nodeDied} + {@code graceMs}) — a request a gridmap node held when it was killed, on a kept-alive client
     * connection, which HAProxy closes silently so that the client may retry (it does not know whether the node
     * acted on it; an idempotent GET is retried by the client, a POST is not).
     */
    synchronized List<Answer> forbidden(long nodeDied, long graceMs) {
        return answers.stream().filter(Answer::forbidden).filter(a -> !heldByTheDeadNode(a, nodeDied, graceMs)).toList();
    }

    synchronized long heldByTheDeadNode(long nodeDied, long graceMs) {
        return answers.stream().filter(a -> heldByTheDeadNode(a, nodeDied, graceMs)).count();
    }

    private static boolean heldByTheDeadNode(Answer a, long nodeDied, long graceMs) {
        return a.status() == 0 && a.atMillis() >= nodeDied && a.atMillis() < nodeDied + graceMs;
    }
}
