package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The printable four-part form: four copies of the errand, the resident only for those allowed, a QR code that reads back. */
class ErrandFormTest {
    static ErrandTown town;

    @BeforeAll
    static void start() throws Exception { town = new ErrandTown(); }

    @AfterAll
    static void stop() { town.close(); }

    /** Draws the SVG's modules into pixels (4 per module) and lets zxing's own reader decode them. */
    static String decode(String svg) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(box.find()).isTrue();
        int modules = Integer.parseInt(box.group(1)), scale = 4, side = modules * scale;
        int[] pixels = new int[side * side];
        Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher m = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        int dark = 0;
        while (m.find()) {
            int x = Integer.parseInt(m.group(1)), y = Integer.parseInt(m.group(2));
            for (int dy = 0; dy < scale; dy++) for (int dx = 0; dx < scale; dx++) pixels[(y * scale + dy) * side + x * scale + dx] = 0xFF000000;
            dark++;
        }
        assertThat(dark).isGreaterThan(100);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)))).getText();
    }

    @Test
    void fourCopiesWithTheNumberAndAQrCodeThatReadsTheLookupAddress() throws Exception {
        String n = town.file("pension_claim", false, "100-0000-4321").get("number").asText();
        long h = town.handOff(n, "grid", "\"to_staff\":" + town.leaderStaff, 201, town.volunteer).get("id").asLong();
        town.confirm(n, h, 200, town.leader);

        HttpResponse<String> r = town.sendUnspecified("GET", "/api/errands/" + n + "/form", null, town.volunteer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String html = r.body();
        assertThat(html).contains("@page { size: A4");
        for (String copy : new String[] {"存根联", "网格联", "服务站联", "部门联"}) assertThat(html).contains(copy);
        assertThat(html.split("<section class=\"copy\">", -1)).hasSize(5);
        assertThat(html.split(Pattern.quote(n), -1).length - 1).isGreaterThanOrEqualTo(8);   // title + 4 × (number, QR caption)
        assertThat(html).contains("测试居民").contains("100-0000-4321");
        Matcher svg = Pattern.compile("<svg[^>]*class=\"qr\".*?</svg>").matcher(html);
        assertThat(svg.find()).isTrue();
        assertThat(decode(svg.group())).isEqualTo(town.server.url("/lookup?number=" + n));
        // the print is a read of personal data: logged, and refused to those who may not read it
        assertThat(town.longs("SELECT count(*) FROM personal_data_reads r JOIN errands e ON e.id = r.errand_id "
                + "WHERE e.number = '" + n + "' AND r.purpose = 'four-part form'")[0]).isEqualTo(1);
        town.expect(401, "GET", "/api/errands/" + n + "/form", null, null);
        town.expect(403, "GET", "/api/errands/" + n + "/form", null, town.otherLeader);
        town.expect(404, "GET", "/api/errands/E20261102AAAAAAAAAA/form", null, town.admin);
        // in English when asked
        assertThat(town.send("GET", "/api/errands/" + n + "/form", null, town.leader).body()).contains("grid copy");
    }

    @Test
    void whatTheResidentWroteIsPrintedAsTextNotMarkup() throws Exception {
        String body = "{\"item\":\"id_card\",\"point\":\"" + town.pointCode + "\",\"resident\":{\"name\":\"<b>某</b>\","
                + "\"phone\":\"100-0000-9876\"}}";
        String n = town.expect(201, "POST", "/api/errands", body, town.volunteer).get("number").asText();
        String html = town.send("GET", "/api/errands/" + n + "/form", null, town.volunteer).body();
        assertThat(html).contains("&lt;b&gt;某&lt;/b&gt;").doesNotContain("<b>某</b>");
    }
}
