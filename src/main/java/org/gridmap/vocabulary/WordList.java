package org.gridmap.vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A named, ordered list of terms — the one definition of that list, served to clients by {@link Vocabulary}. */
public record WordList(String id, List<Word> words) {
    public WordList {
        words = List.copyOf(words);
    }

    /** {@code of("roles", "grid_leader", "网格长", "grid leader", ...)}: triples of id, Chinese, English. */
    public static WordList of(String id, String... idZhEn) {
        if (idZhEn.length % 3 != 0) throw new IllegalArgumentException("word list " + id + ": give id, Chinese, English per term");
        List<Word> w = new ArrayList<>();
        for (int i = 0; i < idZhEn.length; i += 3) w.add(new Word(idZhEn[i], idZhEn[i + 1], idZhEn[i + 2]));
        return new WordList(id, w);
    }

    public List<String> ids() { return words.stream().map(Word::id).toList(); }

    public boolean contains(String id) { return word(id).isPresent(); }

    public Optional<Word> word(String id) { return words.stream().filter(w -> w.id().equals(id)).findFirst(); }

    /** The ids as a SQL array literal body, for the few statements that order by a list: {@code 'a','b'}. */
    public String sqlList() {
        return String.join(",", ids().stream().map(s -> "'" + s.replace("'", "''") + "'").toList());
    }
}
