package org.gridmap.networks;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import org.gridmap.db.Sql;

/**
 * The networks of towns just imported, as a demo data set asks in its {@code networks.json}: party-member posts at
 * a share of the service points, volunteers at the points with one to three skills each (most agreeing to show
 * their name), and firms in every industrial-park grid with job and training offers. Fake names; written set-wise
 * in SQL inside the import's transaction. Every choice follows from the rows' ids (hashes stand in for dice), so
 * the same set always gives the same networks.
 */
public final class NetworksDemo {
    /** The file of a data set that asks for the networks. */
    public static final String FILE = "networks.json";

    /** What a set asks for: the share of points with a post, volunteers per point (0–3), firms per park grid. */
    public record Plan(double postShare, double volunteersPerPoint, int firmsPerParkGrid, LocalDate offersUntil) {
        public static Plan parse(JsonNode doc) {
            double posts = doc.path("post_share").asDouble(-1);
            double volunteers = doc.path("volunteers_per_point").asDouble(-1);
            int firms = doc.path("firms_per_park_grid").asInt(-1);
            if (!(posts >= 0 && posts <= 1)) throw new IllegalArgumentException("post_share must be 0–1");
            if (!(volunteers >= 0 && volunteers <= 3)) throw new IllegalArgumentException("volunteers_per_point must be 0–3");
            if (firms < 0 || firms > 50) throw new IllegalArgumentException("firms_per_park_grid must be 0–50");
            try {
                return new Plan(posts, volunteers, firms, LocalDate.parse(doc.path("offers_until").asText("")));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("offers_until must be a day such as 2027-06-30");
            }
        }
    }

    private NetworksDemo() { }

    /** A dice roll in [0, 1) from a row id and a salt: the same row always rolls the same. */
    private static final String DICE = "((hashint8(%s * 7919 + %d)::bigint & 2147483647) / 2147483648.0)";

    private static String dice(String id, int salt) { return DICE.formatted(id, salt); }

    private static final String NAMES = """
            ARRAY['王','李','张','刘','陈','杨','黄','周','吴','徐','孙','胡','朱','高','林','何','郭','马','罗','梁'] AS sn,
            ARRAY['秀英','桂英','玉兰','建国','志强','海燕','德明','春梅','永福','丽娟','国华','小红','文杰','淑珍','明辉',
                  '晓燕','大勇','金凤','长青','红梅'] AS gn""";

    /** Writes the networks for the towns with these codes; returns the rows written (posts + volunteers + firms + offers). */
    public static long generate(Connection c, Collection<String> townCodes, Plan plan) throws SQLException {
        String[] towns = townCodes.toArray(String[]::new);
        String points = """
                FROM facilities f JOIN grids g ON g.id = f.grid_id JOIN villages v ON v.id = g.village_id
                JOIN towns tw ON tw.id = v.town_id, (SELECT %s) n
                WHERE f.level = 'point' AND tw.code = ANY (?)""".formatted(NAMES);
        long rows = Sql.update(c, """
                INSERT INTO party_posts (facility_id, title, party_group, member_name, duties, hours)
                SELECT f.id, (ARRAY['党员先锋岗','党员示范岗','党员责任岗','党员服务岗'])[1 + floor(%s * 4)::int],
                       g.name || '党小组',
                       n.gn[1 + floor(%s * 20)::int] || ' ' || n.sn[1 + floor(%s * 20)::int] || '.',
                       (ARRAY['政策宣传与代办引导','邻里纠纷调解','留守老人和儿童关爱','环境卫生监督','安全隐患巡查'])[1 + floor(%s * 5)::int],
                       (ARRAY['每周二、四 9:00–11:30','每周六 14:00–17:00','每天 8:30–10:00','每月逢 5 日赶场天'])[1 + floor(%s * 4)::int]
                """.formatted(dice("f.id", 1), dice("f.id", 2), dice("f.id", 3), dice("f.id", 4), dice("f.id", 5))
                + points + " AND " + dice("f.id", 6) + " < ?", towns, plan.postShare());
        // 0–3 volunteers per point, on average volunteersPerPoint; skills: one, often two, sometimes three
        String skill = "(ARRAY[" + NetworkWords.SKILLS.sqlList() + "])[1 + floor(%s * " + NetworkWords.SKILLS.words().size() + ")::int]";
        rows += Sql.update(c, """
                INSERT INTO volunteers (facility_id, surname, given_name, phone, skills, public_name)
                SELECT f.id, n.sn[1 + floor(%s * 20)::int], n.gn[1 + floor(%s * 20)::int],
                       '13' || lpad(floor(%s * 1e9)::bigint::text, 9, '0'),
                       ARRAY(SELECT DISTINCT s FROM unnest(ARRAY[%s,
                             CASE WHEN %s < 0.6 THEN %s END, CASE WHEN %s < 0.2 THEN %s END]) s WHERE s IS NOT NULL ORDER BY s),
                       %s < 0.7
                """.formatted(dice("f.id * 5 + i", 11), dice("f.id * 5 + i", 12), dice("f.id * 5 + i", 13),
                        skill.formatted(dice("f.id * 5 + i", 14)), dice("f.id * 5 + i", 15),
                        skill.formatted(dice("f.id * 5 + i", 16)), dice("f.id * 5 + i", 17),
                        skill.formatted(dice("f.id * 5 + i", 18)), dice("f.id * 5 + i", 19))
                + points.replace(", (SELECT", ", generate_series(1, 3) i, (SELECT")
                + " AND " + dice("f.id * 5 + i", 20) + " < ? / 3.0", towns, plan.volunteersPerPoint());
        long firstFirm = Sql.one(c, "SELECT coalesce(max(id), 0) + 1 AS next FROM firms", rs -> rs.getLong("next")).orElseThrow();
        // firms at places inside the park grids (ST_GeneratePoints with a fixed seed per grid)
        long firms = Sql.update(c, """
                INSERT INTO firms (name, industry, phone, geom)
                SELECT (ARRAY['陶家','金凤','九龙','白市','西永','鹿角','双福','含谷'])[1 + floor(%s * 8)::int]
                       || k.name || '有限公司', k.industry, '023-6' || lpad(floor(%s * 1e7)::bigint::text, 7, '0'), p.geom
                FROM grids g JOIN villages v ON v.id = g.village_id JOIN towns tw ON tw.id = v.town_id
                CROSS JOIN LATERAL (SELECT (ST_Dump(ST_GeneratePoints(g.geom, ?, g.id::int))).geom) p
                CROSS JOIN LATERAL (SELECT (ARRAY['精密机械','电子科技','食品加工','新材料','物流','服装'])[1 + floor(%s * 6)::int] AS name,
                                           (ARRAY['装备制造','电子信息','食品','材料','物流','纺织服装'])[1 + floor(%s * 6)::int] AS industry) k
                WHERE g.kind = 'park' AND tw.code = ANY (?)
                """.formatted(dice("floor(ST_X(p.geom) * 1e6)::bigint", 21), dice("g.id", 22),
                        dice("g.id * 50 + floor(ST_Y(p.geom) * 1e6)::bigint", 23),
                        dice("g.id * 50 + floor(ST_Y(p.geom) * 1e6)::bigint", 23)),
                plan.firmsPerParkGrid(), towns);
        rows += firms;
        if (firms > 0) {
            rows += Sql.update(c, """
                    INSERT INTO firm_offers (firm_id, kind, title, openings, details, until)
                    SELECT x.id, CASE WHEN i = 3 THEN 'training' ELSE 'job' END,
                           CASE WHEN i = 3 THEN (ARRAY['数控车床操作培训','电工上岗证培训','电商直播技能培训','叉车驾驶培训'])[1 + floor(%s * 4)::int]
                                ELSE (ARRAY['普工','质检员','仓库管理员','叉车司机','包装工','机修学徒'])[1 + floor(%s * 6)::int] END,
                           1 + floor(%s * 20)::int,
                           CASE WHEN i = 3 THEN '免费培训，结业推荐就业' ELSE '包午餐，缴纳五险' END, ?
                    FROM firms x, generate_series(1, 3) i
                    WHERE x.id >= ? AND (i = 1 OR %s < 0.5)
                    """.formatted(dice("x.id * 3 + i", 31), dice("x.id * 3 + i", 32), dice("x.id * 3 + i", 33),
                            dice("x.id * 3 + i", 34)), plan.offersUntil(), firstFirm);
        }
        return rows;
    }
}
