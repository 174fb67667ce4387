package org.gridmap.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples of a Prometheus text exposition (format 0.0.4), read independently of the library that wrote it. */
record PromText(List<Sample> samples) {
    record Sample(String name, Map<String, String> labels, double value) { }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    static PromText parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher m = LINE.matcher(line);
            if (!m.matches()) throw new IllegalArgumentException("not a sample line: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                int end = 0;
                while (l.find()) {
                    if (l.start() != end) throw new IllegalArgumentException("bad labels: " + line);
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                    end = l.end();
                }
                if (end != m.group(3).length()) throw new IllegalArgumentException("bad labels: " + line);
            }
            out.add(new Sample(m.group(1), labels, parseValue(m.group(4))));
        }
        return new PromText(out);
    }

    private static double parseValue(String v) {
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }

    List<Sample> named(String name) { return samples.stream().filter(s -> s.name().equals(name)).toList(); }

    List<Sample> named(String name, Map<String, String> having) {
        Predicate<Sample> match = s -> having.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey())));
        return named(name).stream().filter(match).toList();
    }

    /** The one sample of this name with these labels (among others); 0 when there is none yet. */
    double value(String name, Map<String, String> having) {
        List<Sample> found = named(name, having);
        if (found.size() > 1) throw new IllegalStateException(found.size() + " samples of " + name + " " + having);
        return found.isEmpty() ? 0 : found.get(0).value();
    }

    double value(String name) { return value(name, Map.of()); }
}
