package org.gridmap.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/**
 * The reader's language. gridmap speaks Simplified Chinese first and English second: the first language range
 * of {@code Accept-Language} (by weight) that is Chinese or English decides, and a request that names neither
 * is answered in Chinese, the language of the town's staff and villagers.
 */
public enum Lang {
    ZH("zh-CN"), EN("en");

    private final String tag;

    Lang(String tag) { this.tag = tag; }

    /** The BCP 47 tag for {@code Content-Language}. */
    public String tag() { return tag; }

    public static Lang of(Context ctx) {
        return parse(ctx.header("Accept-Language"));
    }

    /** The language an {@code Accept-Language} value (or a single tag) asks for. */
    public static Lang parse(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) return ZH;
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return ZH;   // a malformed header is no reason to refuse the request
        }
        for (Locale.LanguageRange r : ranges) {
            if (r.getWeight() <= 0) continue;
            String range = r.getRange().toLowerCase(Locale.ROOT);
            if (range.equals("zh") || range.startsWith("zh-")) return ZH;
            if (range.equals("en") || range.startsWith("en-")) return EN;
        }
        return ZH;
    }
}
