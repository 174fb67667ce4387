package org.gridmap.vocabulary;

import java.util.Map;
import org.gridmap.http.Lang;
import org.gridmap.http.Messages;

/**
 * One term of a word list: the stable id the API, the database and the client exchange, its names in both
 * languages, and any facts that belong to the term itself (a hazard status's next statuses, a role being standing).
 */
public record Word(String id, String zh, String en, Map<String, Object> facts) implements Messages.Localized {
    public Word(String id, String zh, String en) { this(id, zh, en, Map.of()); }

    public String name(Lang lang) { return lang == Lang.EN ? en : zh; }

    /** As a message's placeholder value: the term's name in the reader's language. */
    @Override
    public String in(Lang lang) { return name(lang); }
}
