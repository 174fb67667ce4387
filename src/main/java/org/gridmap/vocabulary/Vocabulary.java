package org.gridmap.vocabulary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.http.Lang;

/**
 * Every word list of gridmap in one catalogue, served as {@code GET /api/vocabulary}: each capability defines its
 * lists once (hazard types, staff roles, …) and hands them in here, and the web map takes its labels, legends and
 * form choices from the answer instead of keeping copies.
 */
public final class Vocabulary {
    private final Map<String, WordList> lists = new LinkedHashMap<>();

    public Vocabulary(List<WordList> all) {
        for (WordList l : all) {
            if (lists.put(l.id(), l) != null) throw new IllegalArgumentException("word list " + l.id() + " defined twice");
        }
    }

    public WordList list(String id) {
        WordList l = lists.get(id);
        if (l == null) throw new IllegalArgumentException("no word list " + id);
        return l;
    }

    /** {@code {"lang": "zh-CN", "lists": {"<list>": [{"id", "name", "zh", "en", ...facts}]}}}. */
    public Map<String, Object> document(Lang lang) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lang", lang.tag());
        Map<String, Object> ls = new LinkedHashMap<>();
        lists.forEach((id, l) -> ls.put(id, l.words().stream().map(w -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", w.id());
            m.put("name", w.name(lang));
            m.put("zh", w.zh());
            m.put("en", w.en());
            m.putAll(w.facts());
            return m;
        }).toList()));
        out.put("lists", ls);
        return out;
    }
}
