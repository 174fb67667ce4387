package org.gridmap.hazards;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of a hazard (brief §3): the six national types, the threat grades by people threatened, and the
 * status lifecycle. The lifecycle is also held by the database (migration V5, gridmap_hazard_next_statuses);
 * a test checks that both agree.
 */
public final class HazardVocabulary {
    private HazardVocabulary() { }

    /** id → {Chinese, English}. */
    public static final Map<String, String[]> TYPES = ordered(
            "collapse", "崩塌", "rockfall / collapse",
            "landslide", "滑坡", "landslide",
            "debris_flow", "泥石流", "debris flow",
            "ground_collapse", "地面塌陷", "ground collapse",
            "ground_fissure", "地裂缝", "ground fissure",
            "subsidence", "地面沉降", "land subsidence");

    public static final Map<String, String[]> STATUSES = ordered(
            "reported", "已上报", "reported",
            "verified", "已核实", "verified",
            "monitoring", "监测中", "monitoring",
            "mitigated", "已治理", "mitigated",
            "closed", "已销号", "closed");

    /** Threat grades (险情等级), smallest first. */
    public static final Map<String, String[]> GRADES = ordered(
            "small", "小型 (IV)", "small (IV): fewer than 100 people",
            "medium", "中型 (III)", "medium (III): 100–499 people",
            "large", "大型 (II)", "large (II): 500–999 people",
            "huge", "特大型 (I)", "huge (I): 1000 people or more");

    /** A hazard in one of these statuses is open: it threatens, and closes roads when it blocks them. */
    public static final List<String> OPEN = List.of("reported", "verified", "monitoring");

    /** Statuses a new hazard may start in. */
    public static final List<String> INITIAL = OPEN;

    /** The statuses a hazard may move to next. */
    public static List<String> nextStatuses(String status) {
        return switch (status) {
            case "reported" -> List.of("verified", "mitigated", "closed");
            case "verified" -> List.of("monitoring", "mitigated");
            case "monitoring" -> List.of("mitigated");
            case "mitigated" -> List.of("closed", "monitoring");
            default -> List.of();
        };
    }

    public static boolean isOpen(String status) { return OPEN.contains(status); }

    /** The lists for {@code GET /api/vocabulary}: hazard types, grades and statuses (with next statuses, open). */
    public static List<org.gridmap.vocabulary.WordList> wordLists() {
        return List.of(wordList("hazardTypes", TYPES, s -> Map.of()),
                wordList("hazardGrades", GRADES, s -> Map.of()),
                wordList("hazardStatuses", STATUSES, s -> Map.of("next", nextStatuses(s), "open", isOpen(s))));
    }

    private static org.gridmap.vocabulary.WordList wordList(String id, Map<String, String[]> words,
                                                            java.util.function.Function<String, Map<String, Object>> facts) {
        return new org.gridmap.vocabulary.WordList(id, words.entrySet().stream()
                .map(e -> new org.gridmap.vocabulary.Word(e.getKey(), e.getValue()[0], e.getValue()[1], facts.apply(e.getKey())))
                .toList());
    }

    /** The grade the national scale gives for this many people inside the threat zone. */
    public static String suggestedGrade(long people) {
        if (people >= 1000) return "huge";
        if (people >= 500) return "large";
        if (people >= 100) return "medium";
        return "small";
    }

    static Map<String, Object> term(Map<String, String[]> vocabulary, String id) {
        String[] names = vocabulary.get(id);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", names == null ? id : names[0]);
        m.put("nameEn", names == null ? id : names[1]);
        return m;
    }

    /** The whole vocabulary for clients (forms, legends). */
    public static Map<String, Object> document() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("types", TYPES.keySet().stream().map(t -> term(TYPES, t)).toList());
        out.put("grades", GRADES.keySet().stream().map(g -> term(GRADES, g)).toList());
        out.put("statuses", STATUSES.keySet().stream().map(s -> {
            Map<String, Object> m = term(STATUSES, s);
            m.put("open", isOpen(s));
            m.put("next", nextStatuses(s));
            return m;
        }).toList());
        out.put("maxRadiusMeters", 5000);
        return out;
    }

    private static Map<String, String[]> ordered(String... triples) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) m.put(triples[i], new String[] {triples[i + 1], triples[i + 2]});
        return java.util.Collections.unmodifiableMap(m);
    }
}
