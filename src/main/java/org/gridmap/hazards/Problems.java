package org.gridmap.hazards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.http.ApiException;
import org.gridmap.http.Lang;
import org.gridmap.http.Messages;

/**
 * The problems found in what a client sent, all refused together in one 422. Each is kept in English (the
 * {@code problems} field and the log) and in the reader's language (the message), so a form can be corrected in
 * one go by a reader of either.
 */
final class Problems {
    private final Lang lang;
    private final List<String> english = new ArrayList<>();
    private final List<String> read = new ArrayList<>();

    Problems(Lang lang) { this.lang = lang; }

    /** A problem: its catalogue key, its English text, and placeholder values as name, value pairs. */
    void add(String key, String englishText, Object... namesAndValues) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        english.add(englishText);
        read.add(Messages.text(lang, key, args, englishText));
    }

    boolean isEmpty() { return english.isEmpty(); }

    /** The 422 {@code code}: {@code lead} + every problem, read to people as catalogue entry {@code key}. */
    ApiException refusal(String code, String lead, String key) {
        return new ApiException(422, code, lead + String.join("; ", english) + ".", Map.of("problems", List.copyOf(english)))
                .says(key, Map.of("problems", String.join(lang == Lang.EN ? "; " : "；", read)));
    }
}
