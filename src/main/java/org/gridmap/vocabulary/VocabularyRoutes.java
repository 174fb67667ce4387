package org.gridmap.vocabulary;

import io.javalin.http.Context;
import org.gridmap.http.Lang;

/** {@code GET /api/vocabulary}: every word list, names in the reader's language (both names always given). */
public final class VocabularyRoutes {
    private final Vocabulary vocabulary;

    public VocabularyRoutes(Vocabulary vocabulary) { this.vocabulary = vocabulary; }

    public void get(Context ctx) {
        Lang lang = Lang.of(ctx);
        ctx.header("Content-Language", lang.tag());
        ctx.header("Vary", "Accept-Language");
        ctx.json(vocabulary.document(lang));
    }
}
