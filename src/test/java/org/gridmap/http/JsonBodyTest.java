package org.gridmap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import org.gridmap.vocabulary.WordList;
import org.junit.jupiter.api.Test;

/** The one reader of JSON object bodies: what each getter accepts, and that one 422 lists every problem. */
class JsonBodyTest {
    private static final WordList COLOURS = WordList.of("colours", "red", "红", "red", "blue", "蓝", "blue");

    @Test
    void onlyAnObjectIsABody() {
        for (String raw : new String[] {null, "", "  ", "[1]", "\"text\"", "42", "true"}) {
            assertThatThrownBy(() -> JsonBody.parse(raw)).as(String.valueOf(raw)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.code()).isEqualTo("bad_request");
                assertThat(e.key()).isEqualTo("http.not_an_object");
            });
        }
        assertThatThrownBy(() -> JsonBody.parse("{\"a\": ")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aValidBodyReadsIntoItsValues() throws Exception {
        JsonBody b = JsonBody.parse("{\"n\": 9007199254740993, \"c\": \"blue\", \"t\": \"  two words \","
                + " \"blank\": \"  \", \"p\": {\"lon\": 106.5, \"lat\": -29.25}, \"o\": {\"inner\": {\"t\": \"deep\"}},"
                + " \"l\": [{\"t\": \"x\"}, {\"t\": \"y\"}]}");
        assertThat(b.wholeNumber("n")).isEqualTo(9007199254740993L);
        assertThat(b.word("c", COLOURS)).isEqualTo("blue");
        assertThat(b.text("t", 12)).as("the length is judged before trimming").isEqualTo("two words");
        assertThat(b.text("blank", 9)).isNull();
        assertThat(b.text("absent", 9)).isNull();
        assertThat(b.point("p")).isEqualTo(new JsonBody.Point(106.5, -29.25));
        assertThat(b.at("o").at("inner").text("t", 10)).isEqualTo("deep");
        assertThat(b.each("l").stream().map(e -> e.text("t", 1)).toList()).containsExactly("x", "y");
        assertThat(b.has("o")).isTrue();
        assertThat(b.has("absent")).isFalse();
        assertThat(b.valid()).isTrue();
        b.requireValid("invalid_thing", "things.invalid");
    }

    @Test
    void everyProblemOfTheBodyAndItsPartsIsInTheOne422() throws Exception {
        JsonBody b = JsonBody.parse("{\"n\": 1.5, \"m\": 18446744073709551616, \"c\": \"green\", \"d\": 7, \"t\": \"0123456789\","
                + " \"u\": 5, \"p\": {\"lon\": 181, \"lat\": 0}, \"q\": {\"lon\": \"1\", \"lat\": 2}, \"o\": {\"t\": [1]}}");
        assertThat(b.wholeNumber("n")).isZero();
        b.wholeNumber("m", "m must be the number you read");
        b.wholeNumber("absent");
        assertThat(b.word("c", COLOURS)).isNull();
        b.word("d", COLOURS);
        assertThat(b.text("t", 9)).isNull();
        b.text("u", 9);
        b.point("p");
        b.point("q");
        b.point("absent");
        b.at("o").text("t", 9);
        b.problem("a rule between fields");
        assertThat(b.valid()).isFalse();
        List<String> expected = List.of("n must be a whole number", "m must be the number you read", "absent must be a whole number",
                "c must be one of red, blue", "d must be one of red, blue", "t must be text of at most 9 characters",
                "u must be text of at most 9 characters", "p must be {lon, lat} in degrees (WGS 84)",
                "q must be {lon, lat} in degrees (WGS 84)", "absent must be {lon, lat} in degrees (WGS 84)",
                "t must be text of at most 9 characters", "a rule between fields");
        assertThatThrownBy(() -> b.requireValid("invalid_thing", "things.invalid")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.code()).isEqualTo("invalid_thing");
            assertThat(e.getMessage()).isEqualTo(String.join("; ", expected));
            assertThat(e.details()).isEqualTo(Map.of("problems", expected));
            assertThat(e.key()).isEqualTo("things.invalid");
            assertThat(e.args()).isEqualTo(Map.of("problems", String.join("; ", expected)));
        });
    }
}
