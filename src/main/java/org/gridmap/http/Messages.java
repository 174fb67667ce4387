package org.gridmap.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts people read in answers, in both languages, keyed by message key (by default the error code). The
 * catalogue lives in {@code messages_zh.properties} and {@code messages_en.properties} beside this class (UTF-8);
 * placeholders are named, {@code {grid}}, and filled from the exception's arguments. A key missing from the
 * catalogue falls back to the English text the code was thrown with, so a new message is never lost, only
 * untranslated — {@code MessagesTest} keeps both files complete for every key the code uses.
 */
public final class Messages {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final Map<Lang, Properties> CATALOGUE = load();

    private Messages() { }

    /** A placeholder value that is itself words: each reader gets their language's. */
    public record Both(String zh, String en) implements Localized {
        @Override public String in(Lang lang) { return lang == Lang.EN ? en : zh; }
        @Override public String toString() { return en; }
    }

    /** A placeholder's value that reads differently in each language (a phrase, a term of a word list). */
    public interface Localized { String in(Lang lang); }

    /**
     * A piece of text given as a placeholder's value, itself read from the catalogue in the reader's language — e.g.
     * each reason an entry was refused. A list of phrases reads as the phrases joined by the language's separator.
     */
    public record Phrase(String key, Map<String, ?> args, String english) implements Localized {
        @Override
        public String in(Lang lang) { return text(lang, key, args, english); }

        @Override
        public String toString() { return english; }
    }

    /** The text for {@code key} in {@code lang}, its placeholders filled from {@code args}, if the catalogue has it. */
    public static Optional<String> text(Lang lang, String key, Map<String, ?> args) {
        String pattern = CATALOGUE.get(lang).getProperty(key);
        if (pattern == null) return Optional.empty();
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = args.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : valueIn(lang, v)));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    private static String valueIn(Lang lang, Object v) {
        if (v instanceof Localized l) return l.in(lang);
        if (v instanceof java.util.List<?> list && !list.isEmpty() && list.stream().allMatch(Localized.class::isInstance)) {
            return String.join(lang == Lang.ZH ? "；" : "; ", list.stream().map(x -> ((Localized) x).in(lang)).toList());
        }
        return String.valueOf(v);
    }

    /** The text for {@code key}, or {@code fallback} when the catalogue lacks it. */
    public static String text(Lang lang, String key, Map<String, ?> args, String fallback) {
        return text(lang, key, args).orElse(fallback);
    }

    /** Every key the catalogue holds in {@code lang} (for the completeness test). */
    public static Set<String> keys(Lang lang) { return CATALOGUE.get(lang).stringPropertyNames(); }

    /** The raw pattern (for the completeness test). */
    public static String pattern(Lang lang, String key) { return CATALOGUE.get(lang).getProperty(key); }

    private static Map<Lang, Properties> load() {
        Map<Lang, Properties> m = new EnumMap<>(Lang.class);
        for (Lang l : Lang.values()) {
            String name = "messages_" + l.name().toLowerCase(java.util.Locale.ROOT) + ".properties";
            Properties p = new Properties();
            try (InputStream in = Messages.class.getResourceAsStream(name)) {
                if (in == null) throw new IllegalStateException("missing message catalogue " + name);
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            m.put(l, p);
        }
        return m;
    }
}
