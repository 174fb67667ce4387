package org.gridmap.errands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The "112" limits (brief §8): days each holding level has before it hands an errand on, then the item's
 * legal processing days at the department. Read from {@code errand-policy.json} (built in) or a file the
 * deployment names, like the ring policy. Days are calendar days, or working days (Monday–Friday minus the
 * holiday table) when {@code "days": "working"}.
 */
public record ErrandPolicy(Map<String, Integer> hopDays, boolean workingDays, ZoneId zone, Set<LocalDate> holidays) {

    public static ErrandPolicy builtIn() {
        try (InputStream in = ErrandPolicy.class.getResourceAsStream("errand-policy.json")) {
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("the built-in errand policy is unreadable", e);
        }
    }

    public static ErrandPolicy load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new ObjectMapper().readTree(in));
        } catch (IllegalArgumentException e) {
            throw new IOException("errand policy " + file + ": " + e.getMessage(), e);
        }
    }

    static ErrandPolicy parse(JsonNode doc) {
        Map<String, Integer> hops = new java.util.LinkedHashMap<>();
        for (String stage : new String[] {"filed", "grid", "station"}) {
            JsonNode d = doc.path("hops").path(stage).path("days");
            if (!d.isInt() || d.asInt() < 0 || d.asInt() > 30) {
                throw new IllegalArgumentException("hops." + stage + ".days must be a whole number of days from 0 to 30");
            }
            hops.put(stage, d.asInt());
        }
        String days = doc.path("days").asText("calendar");
        if (!days.equals("calendar") && !days.equals("working")) {
            throw new IllegalArgumentException("days must be \"calendar\" or \"working\", not \"" + days + "\"");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(doc.path("zone").asText("Asia/Shanghai"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone: " + e.getMessage());
        }
        Set<LocalDate> holidays = new HashSet<>();
        for (JsonNode h : doc.path("holidays")) holidays.add(LocalDate.parse(h.asText()));
        return new ErrandPolicy(Map.copyOf(hops), days.equals("working"), zone, Set.copyOf(holidays));
    }

    /** The same limits, counted in working days. */
    public ErrandPolicy withWorkingDays(boolean working) {
        return new ErrandPolicy(hopDays, working, zone, holidays);
    }

    /** How long the holder at {@code stage} has before handing on; the department's time is the item's. */
    public int daysAt(String stage, int itemProcessingDays) {
        if (stage.equals("department")) return itemProcessingDays;
        Integer d = hopDays.get(stage);
        if (d == null) throw new IllegalArgumentException("no limit for stage " + stage);
        return d;
    }

    /** {@code start} plus {@code days} days: calendar days, or working days skipping weekends and holidays. */
    public Instant plusDays(Instant start, int days) {
        ZonedDateTime t = start.atZone(zone);
        if (!workingDays) return t.plusDays(days).toInstant();
        int left = days;
        while (left > 0) {
            t = t.plusDays(1);
            if (isWorkingDay(t.toLocalDate())) left--;
        }
        return t.toInstant();
    }

    boolean isWorkingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(d);
    }

    /** When the result should be ready if every level from {@code stage} on uses its whole time. */
    public Instant resultDue(String stage, Instant since, int itemProcessingDays) {
        Instant t = since;
        boolean counting = false;
        for (String s : new String[] {"filed", "grid", "station", "department"}) {
            if (s.equals(stage)) counting = true;
            if (counting) t = plusDays(t, daysAt(s, itemProcessingDays));
        }
        return t;
    }
}
