package org.gridmap.cases;

import java.util.List;
import java.util.Map;
import org.gridmap.vocabulary.Word;
import org.gridmap.vocabulary.WordList;

/**
 * The kinds of case a visit's finding becomes and the statuses a case passes through — the one definition of both
 * lists (the database's CHECKs on {@code cases} are tested against them). A kind's {@code dueDays} is the policy for
 * its due date; a status's {@code next} the lifecycle the database's trigger enforces.
 */
public final class CaseWords {
    private CaseWords() { }

    /** Days an urgent case of any kind has. */
    public static final int URGENT_DUE_DAYS = 1;

    public static final WordList KINDS = new WordList("caseKinds", List.of(
            new Word("opinion", "社情民意", "opinion", Map.of("dueDays", 7)),
            new Word("dispute", "矛盾纠纷", "dispute", Map.of("dueDays", 15)),
            new Word("safety", "安全隐患", "safety hazard", Map.of("dueDays", 3)),
            new Word("errand", "代办事项", "errand", Map.of("dueDays", 5))));

    public static final WordList STATUSES = new WordList("caseStatuses", List.of(
            new Word("open", "待处理", "open", Map.of("open", true, "next", List.of("in_progress", "resolved"))),
            new Word("in_progress", "处理中", "in progress", Map.of("open", true, "next", List.of("resolved"))),
            new Word("resolved", "已解决", "resolved", Map.of("open", false, "next", List.of("closed", "in_progress"))),
            new Word("closed", "已关闭", "closed", Map.of("open", false, "next", List.of()))));

    public static int dueDays(String kind, boolean urgent) {
        return urgent ? URGENT_DUE_DAYS : (Integer) KINDS.word(kind).orElseThrow().facts().get("dueDays");
    }

    @SuppressWarnings("unchecked")
    public static List<String> next(String status) {
        return (List<String>) STATUSES.word(status).orElseThrow().facts().get("next");
    }

    /** The statuses that count as open (the map layer, the age figures), as a SQL {@code text[]} parameter. */
    public static String[] openStatuses() {
        return STATUSES.words().stream().filter(w -> Boolean.TRUE.equals(w.facts().get("open"))).map(Word::id)
                .toArray(String[]::new);
    }

    public static List<WordList> wordLists() { return List.of(KINDS, STATUSES); }
}
