package org.gridmap.visits;

import java.util.List;
import java.util.Map;
import org.gridmap.vocabulary.Word;
import org.gridmap.vocabulary.WordList;

/**
 * What came of a visit — the one definition of the list (the database's CHECK on {@code visits.outcome} is
 * tested against it). A visit where nobody was home does not count towards the month: the staff must go back.
 */
public final class VisitOutcomes {
    private VisitOutcomes() { }

    public static final WordList OUTCOMES = new WordList("visitOutcomes", List.of(
            new Word("met", "已见面", "met", Map.of("counts", true)),
            new Word("nobody_home", "家中无人", "nobody home", Map.of("counts", false)),
            new Word("refused", "拒绝来访", "refused", Map.of("counts", true))));

    /** The outcomes that make a household visited for the month, as a SQL {@code text[]} parameter. */
    public static String[] counting() {
        return OUTCOMES.words().stream().filter(w -> Boolean.TRUE.equals(w.facts().get("counts"))).map(Word::id)
                .toArray(String[]::new);
    }

    public static List<WordList> wordLists() { return List.of(OUTCOMES); }
}
