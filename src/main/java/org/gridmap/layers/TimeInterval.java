package org.gridmap.layers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.gridmap.http.ApiException;
import org.gridmap.http.Messages;

/**
 * The {@code datetime} parameter of OGC API – Features: an instant or an interval whose ends may be open
 * ({@code ..} or empty). Both ends are inclusive; null is an open end. A date alone means its whole day (UTC).
 */
public record TimeInterval(Instant start, Instant end) {

    public static TimeInterval parse(String raw) {
        if (raw == null) return null;
        String v = raw.trim();
        int slash = v.indexOf('/');
        if (slash < 0) {
            if (v.isEmpty() || v.equals("..")) throw bad(raw, "layers.datetime.open_instant", Map.of(), "an instant cannot be open");
            return new TimeInterval(instant(v, false, raw), instant(v, true, raw));
        }
        if (v.indexOf('/', slash + 1) >= 0) throw bad(raw, "layers.datetime.slashes", Map.of(), "an interval has one '/'");
        String a = v.substring(0, slash).trim(), b = v.substring(slash + 1).trim();
        Instant start = open(a) ? null : instant(a, false, raw);
        Instant end = open(b) ? null : instant(b, true, raw);
        if (start != null && end != null && start.isAfter(end)) throw bad(raw, "layers.datetime.backwards", Map.of(), "the interval ends before it starts");
        return new TimeInterval(start, end);
    }

    private static boolean open(String s) { return s.isEmpty() || s.equals(".."); }

    /** An RFC 3339 date-time, or a full date standing for its first (or, as an end, its last) microsecond. */
    private static Instant instant(String s, boolean asEnd, String raw) {
        try {
            if (s.length() == 10) {
                LocalDate d = LocalDate.parse(s);
                Instant dayStart = d.atStartOfDay(ZoneOffset.UTC).toInstant();
                return asEnd ? dayStart.plusSeconds(86_400).minusNanos(1_000) : dayStart;
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(raw, "layers.datetime.not_rfc3339", Map.of("value", s), "'" + s + "' is not an RFC 3339 date-time such as 2024-05-01T08:00:00Z");
        }
    }

    /** {@code why}: the reason's catalogue key, its values and its English text. */
    private static ApiException bad(String raw, String why, Map<String, Object> args, String english) {
        return ApiException.badRequest("datetime '" + raw + "' is invalid: " + english
                + " (use an instant, start/end, ../end or start/..)").says("layers.datetime",
                Map.of("raw", raw, "why", new Messages.Phrase(why, args, english)));
    }
}
