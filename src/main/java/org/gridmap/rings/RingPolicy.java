package org.gridmap.rings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.rings.graph.RoadClass;
import org.gridmap.rings.graph.TravelMode;

/**
 * The town's promise: for each ring, who travels where, within how many minutes, by which mode;
 * and each mode's speeds per road class. Read from {@code ring-policy.json} (built in) or a file the
 * deployment names, so a town changes minutes or speeds without touching code.
 */
public record RingPolicy(List<Ring> rings, Map<String, TravelMode> modes, double maxSnapMeters, JsonNode document) {

    /** One ring: origins of level {@code from} must reach a target of level {@code to} within {@code minutes}. */
    public record Ring(int ring, String name, String nameEn, String from, String to, double minutes, String mode,
                       String description) {
        public double limitSeconds() { return minutes * 60; }
    }

    public static RingPolicy builtIn() {
        try (InputStream in = RingPolicy.class.getResourceAsStream("ring-policy.json")) {
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("the built-in ring policy is unreadable", e);
        }
    }

    public static RingPolicy load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new ObjectMapper().readTree(in));
        } catch (IllegalArgumentException e) {
            throw new IOException("ring policy " + file + ": " + e.getMessage(), e);
        }
    }

    static RingPolicy parse(JsonNode doc) {
        Map<String, TravelMode> modes = new LinkedHashMap<>();
        doc.path("modes").fields().forEachRemaining(e -> {
            double[] kmh = new double[RoadClass.values().length];
            for (RoadClass c : RoadClass.values()) {
                JsonNode v = e.getValue().path("kmh").get(c.name().toLowerCase());
                if (v == null || !v.isNumber() || v.asDouble() < 0) {
                    throw new IllegalArgumentException("mode " + e.getKey() + " needs a speed (km/h) for class "
                            + c.name().toLowerCase());
                }
                kmh[c.ordinal()] = v.asDouble();
            }
            boolean oneway = e.getValue().path("respectsOneway").asBoolean(false);
            modes.put(e.getKey(), new TravelMode(e.getKey(), kmh, oneway, !oneway));
        });
        List<Ring> rings = new ArrayList<>();
        for (JsonNode r : doc.path("rings")) {
            Ring ring = new Ring(r.path("ring").asInt(), r.path("name").asText(), r.path("nameEn").asText(),
                    r.path("from").asText(), r.path("to").asText(), r.path("minutes").asDouble(),
                    r.path("mode").asText(), r.path("description").asText());
            if (!(ring.minutes() > 0)) throw new IllegalArgumentException("ring " + ring.ring() + " needs minutes > 0");
            if (!modes.containsKey(ring.mode())) throw new IllegalArgumentException("ring " + ring.ring() + " uses unknown mode " + ring.mode());
            rings.add(ring);
        }
        List<String> expected = List.of("household>point", "point>grid", "grid>station", "station>center");
        List<String> got = rings.stream().map(r -> r.from() + ">" + r.to()).toList();
        if (!got.equals(expected)) {
            throw new IllegalArgumentException("rings must be, in order: " + expected + " (got " + got + ")");
        }
        return new RingPolicy(List.copyOf(rings), Map.copyOf(modes), doc.path("maxSnapMeters").asDouble(500), doc);
    }

    public Ring ring(int number) {
        return rings.stream().filter(r -> r.ring() == number).findFirst().orElseThrow();
    }

    public TravelMode mode(Ring r) { return modes.get(r.mode()); }

    /** Speed of a mode on flat ground, for the off-network walk and the plain coverage radius. */
    public double baseKmh(Ring r) { return mode(r).kmh(RoadClass.PATH); }
}
