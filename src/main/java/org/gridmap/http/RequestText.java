package org.gridmap.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a request may carry as text: UTF-8 without NUL characters, everywhere (path, query, JSON body). PostgreSQL
 * cannot store U+0000 in text, and bytes that are not UTF-8 would be stored as U+FFFD; both are refused with a 400
 * here, in one place, before any handler sees them.
 */
final class RequestText {
    private static final JsonFactory JSON = new JsonFactory();

    /** The parts of a request whose text is checked, as the messages name them. */
    static final Messages.Phrase PATH = new Messages.Phrase("http.part.path", Map.of(), "The path");
    static final Messages.Phrase QUERY = new Messages.Phrase("http.part.query", Map.of(), "The query string");
    static final Messages.Phrase BODY = new Messages.Phrase("http.part.body", Map.of(), "The request body");

    private RequestText() { }

    /** Checks a raw (still percent-encoded) path or query string. */
    static void checkEncoded(String raw, Messages.Phrase what) {
        if (raw == null || raw.isEmpty()) return;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (lo < 0) throw ApiException.badRequest(what.english() + " has a broken %-escape.")
                        .says("http.broken_escape", Map.of("what", what));
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                // non-ASCII characters the server already decoded are UTF-8 by construction
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        checkText(bytes.toByteArray(), what);
    }

    /** Checks a JSON body: UTF-8, not {@code null}, no NUL in any string or name. Broken JSON is left to the handler's parser. */
    static void checkJsonBody(byte[] body) throws IOException {
        checkText(body, BODY);
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                throw ApiException.badRequest("The request body is null; send a JSON object.").says("http.body_null", Map.of());
            }
            for (JsonToken t = first; t != null; t = p.nextToken()) {
                if ((t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) && p.getText().indexOf('\0') >= 0) {
                    throw t == JsonToken.FIELD_NAME
                            ? ApiException.badRequest("The request body holds a NUL character (\\u0000) in a field name; "
                                    + "text may not contain it.").says("http.nul_in_name", Map.of())
                            : ApiException.badRequest("The request body holds a NUL character (\\u0000) in the text of '"
                                    + p.currentName() + "'; text may not contain it.")
                                    .says("http.nul_in_text", Map.of("field", String.valueOf(p.currentName())));
                }
            }
        }
    }

    private static void checkText(byte[] bytes, Messages.Phrase what) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest(what.english() + " is not valid UTF-8 text.").says("http.not_utf8", Map.of("what", what));
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw ApiException.badRequest(what.english() + " holds a NUL character; text may not contain it.")
                        .says("http.nul", Map.of("what", what));
            }
        }
    }
}
