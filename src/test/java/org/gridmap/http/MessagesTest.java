package org.gridmap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The message catalogue is complete in both languages, and every key the code reads to people exists. */
class MessagesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final Pattern SAYS = Pattern.compile("(?:says|Phrase|problem)\\(\\s*\"([a-z0-9_.]+)\"");

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholders() {
        assertThat(Messages.keys(Lang.ZH)).isEqualTo(Messages.keys(Lang.EN));
        for (String key : Messages.keys(Lang.EN)) {
            assertThat(placeholders(Messages.pattern(Lang.ZH, key))).as(key).isEqualTo(placeholders(Messages.pattern(Lang.EN, key)));
            assertThat(Messages.pattern(Lang.ZH, key)).as("zh text of " + key).containsPattern("\\p{IsHan}");
        }
    }

    @Test
    void everyKeyTheCodeSaysIsInTheCatalogue() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = SAYS.matcher(Files.readString(f));
                while (m.find()) used.add(m.group(1));
            }
        }
        assertThat(used).contains("version_conflict", "already_exists", "concurrent_change", "rule_broken");
        assertThat(Messages.keys(Lang.EN)).containsAll(used);
    }

    @Test
    void placeholdersAreFilledAndUnknownOnesStayVisible() {
        assertThat(Messages.text(Lang.EN, "already_exists", Map.of("what", "grid 500107109204001"))).hasValue(
                "Already taken: grid 500107109204001");
        assertThat(Messages.text(Lang.ZH, "already_exists", Map.of())).hasValue("已被占用：{what}");
        assertThat(Messages.text(Lang.ZH, "no.such.key", Map.of())).isEmpty();
        assertThat(Messages.text(Lang.ZH, "no.such.key", Map.of(), "fallback")).isEqualTo("fallback");
    }

    @Test
    void phrasesAndTermsGivenAsValuesReadInTheSameLanguage() {
        var reasons = java.util.List.of(
                new Messages.Phrase("staff.problem.name_required", Map.of(), "name must be given and not empty"),
                new Messages.Phrase("staff.problem.phone_digits", Map.of("phone", "12-34", "digits", 4), "phone has 4 digits"));
        assertThat(Messages.text(Lang.ZH, "staff.invalid", Map.of("problems", reasons)))
                .hasValue("人员条目未保存：须填写姓名，且不能为空；电话“12-34”有 4 位数字；电话号码为7到15位。");
        assertThat(Messages.text(Lang.EN, "staff.invalid", Map.of("problems", reasons))).hasValue(
                "The staff entry was not saved: name must be given and not empty; phone '12-34' has 4 digits; a phone number has 7 to 15.");
        var leader = new org.gridmap.vocabulary.Word("grid_leader", "网格长", "grid leader");
        assertThat(Messages.text(Lang.EN, "staff.role_taken", Map.of("grid", "G1", "role", leader)).orElseThrow())
                .startsWith("Grid G1 already has a grid leader.");
        assertThat(Messages.text(Lang.ZH, "staff.role_taken", Map.of("grid", "G1", "role", leader)).orElseThrow())
                .startsWith("网格 G1 已有网格长。");
    }

    @Test
    void theReadersLanguageIsChineseFirst() {
        assertThat(Lang.parse(null)).isEqualTo(Lang.ZH);
        assertThat(Lang.parse("")).isEqualTo(Lang.ZH);
        assertThat(Lang.parse("en-US,en;q=0.9")).isEqualTo(Lang.EN);
        assertThat(Lang.parse("zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Lang.ZH);
        assertThat(Lang.parse("fr-FR,en;q=0.5,zh;q=0.4")).isEqualTo(Lang.EN);
        assertThat(Lang.parse("en;q=0.2,zh-TW;q=0.8")).isEqualTo(Lang.ZH);
        assertThat(Lang.parse("de")).isEqualTo(Lang.ZH);
        assertThat(Lang.parse("en;q=0, fr")).isEqualTo(Lang.ZH);
        assertThat(Lang.parse(";;;===")).isEqualTo(Lang.ZH);
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> s = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) s.add(m.group(1));
        return s;
    }
}
