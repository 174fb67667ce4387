package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo town's year of past errands (data/taojia/errand-history.json): plausible in number, seasons, late
 * hand-offs and ratings, consistent with the lifecycle, and with every history chain intact — checked by
 * recomputing every hash in SQL, independently of the loader.
 */
class ErrandHistoryTest {
    static ErrandTown town;

    @BeforeAll
    static void start() throws Exception { town = new ErrandTown(); }

    @AfterAll
    static void stop() { town.close(); }

    @Test
    void aYearOfErrandsPerHouseholdWithSeasonsLateHandOffsAndRatings() throws Exception {
        long households = town.longs("SELECT count(*) FROM households")[0];
        long errands = town.longs("SELECT count(*) FROM errands")[0];
        assertThat((double) errands / households).isBetween(0.6, 0.9);
        // all in the year before 2026-08-01 (Shanghai), every errand finished; most rated
        assertThat(town.longs("SELECT count(*) FROM errands WHERE filed_at < '2025-07-31T16:00Z' OR filed_at >= '2026-07-31T16:00Z' "
                + "OR stage NOT IN ('returned', 'closed')")[0]).isZero();
        assertThat(town.longs("SELECT count(*) FROM errand_history WHERE at >= '2026-07-31T16:00Z'")[0]).isZero();
        long closed = town.longs("SELECT count(*) FROM errands WHERE stage = 'closed'")[0];
        assertThat((double) closed / errands).isBetween(0.8, 0.9);
        assertThat(town.longs("SELECT min(rating), max(rating) FROM errands")).containsExactly(1, 5);
        // seasons: the spring festival month is quiet, medical insurance enrolment comes in autumn
        long feb = town.longs("SELECT count(*) FROM errands WHERE extract(month FROM filed_at AT TIME ZONE 'Asia/Shanghai') = 2")[0];
        long nov = town.longs("SELECT count(*) FROM errands WHERE extract(month FROM filed_at AT TIME ZONE 'Asia/Shanghai') = 11")[0];
        assertThat(feb * 2).isLessThan(nov);
        assertThat(town.longs("SELECT count(*) FILTER (WHERE extract(month FROM filed_at AT TIME ZONE 'Asia/Shanghai') >= 9), count(*) "
                + "FROM errands WHERE item_code = 'medical_insurance_enrolment'")[0] * 2)
                .isGreaterThan(town.longs("SELECT count(*) FROM errands WHERE item_code = 'medical_insurance_enrolment'")[0]);
        assertThat(town.longs("SELECT count(DISTINCT item_code) FROM errands")[0]).isGreaterThanOrEqualTo(30);
        // three confirmed hand-offs each, in order; some late in every ring, most on time
        assertThat(town.longs("SELECT count(*) FROM errand_handoffs")[0]).isEqualTo(3 * errands);
        assertThat(town.longs("SELECT count(*) FROM errand_handoffs WHERE confirmed_at IS NULL OR confirmed_at < sent_at")[0]).isZero();
        for (String stage : new String[] {"filed", "grid", "station"}) {
            long[] late = town.longs("SELECT count(*) FILTER (WHERE sent_at > due_at), count(*) FROM errand_handoffs WHERE from_stage = '" + stage + "'");
            assertThat((double) late[0] / late[1]).as(stage).isBetween(0.03, 0.15);
        }
        assertThat(town.longs("SELECT count(*) FROM errand_handoffs a JOIN errand_handoffs b ON b.errand_id = a.errand_id "
                + "AND b.from_stage = a.to_stage WHERE b.sent_at < a.confirmed_at")[0]).isZero();
        // fake residents only: 100- numbers
        assertThat(town.longs("SELECT count(*) FROM errands WHERE resident_phone NOT LIKE '100-%'")[0]).isZero();

        // every chain intact: each entry links to the one before and its hash is its content's
        assertThat(town.longs("SELECT count(*) FROM (SELECT seq, prev_hash, hash, lag(hash, 1, '') OVER w AS before, "
                + "row_number() OVER w AS n, errand_history_digest(prev_hash, errand_id, seq, at, actor_user_id, event, detail) AS again "
                + "FROM errand_history WINDOW w AS (PARTITION BY errand_id ORDER BY seq)) x "
                + "WHERE prev_hash <> before OR hash <> again OR seq <> n")[0]).isZero();
        assertThat(town.longs("SELECT count(*) FROM errand_history")[0]).isEqualTo(9 * errands + closed);
        String sample = town.text("SELECT number FROM errands ORDER BY filed_at, number LIMIT 1");
        JsonNode verify = town.expect(200, "GET", "/api/errands/" + sample + "/history/verify", null, town.admin);
        assertThat(verify.get("intact").asBoolean()).isTrue();
        assertThat(verify.get("entries").asInt()).isBetween(9, 10);
        // the desks that received them cannot log in
        assertThat(town.longs("SELECT count(*) FROM users WHERE username LIKE 'desk-%' AND NOT disabled")[0]).isZero();
    }

    @Test
    void theYearsFiguresAgreeWithACountOfTheHandOffs() throws Exception {
        JsonNode stats = town.expect(200, "GET", "/api/errands/stats?from=2025-08-01&to=2026-08-01", null, null);
        long total = 0, onTime = 0;
        for (JsonNode v : stats.get("villages")) {
            for (JsonNode ring : v.get("rings")) {
                total += ring.get("handoffs").asLong();
                onTime += ring.get("onTime").asLong();
            }
        }
        long[] sql = town.longs("SELECT count(*), count(*) FILTER (WHERE sent_at <= due_at) FROM errand_handoffs "
                + "WHERE sent_at >= '2025-07-31T16:00Z' AND sent_at < '2026-07-31T16:00Z'");
        assertThat(new long[] {total, onTime}).containsExactly(sql);
        assertThat(stats.get("villages").size()).isEqualTo((int) town.longs("SELECT count(*) FROM villages")[0]);
    }
}
