package org.gridmap.errands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lookup's time tells nothing: over real HTTP, the median time of a wrong phone, of an unknown number and of a
 * hit lie within a small tolerance of each other, so a guesser cannot learn that a number exists from how fast the
 * 404 comes. The three kinds are asked interleaved in a random order, so load on the machine falls on all alike.
 */
class ErrandLookupTimingTest {
    static final int ROUNDS = 400, WARM_UP = 60;
    static ErrandTown town;

    @BeforeAll
    static void start() throws Exception { town = new ErrandTown(); }

    @AfterAll
    static void stop() { town.close(); }

    @Test
    void aWrongPhoneAnUnknownNumberAndAHitTakeTheSameTime() throws Exception {
        String n = errandLikeTheStandIn("100-0000-1234");
        Random random = new Random(11);
        String[] kinds = {"hit", "wrongPhone", "unknownNumber"};
        List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round < WARM_UP + ROUNDS; round++) {
            if (round % 4 == 0) town.clock.advance(Duration.ofMinutes(11));   // misses age out of the address's budget
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
            Collections.shuffle(order, random);
            for (int k : order) {
                String path = switch (k) {
                    case 0 -> "/api/errands/lookup?number=" + n + "&phone=1234";
                    case 1 -> "/api/errands/lookup?number=" + n + "&phone=" + (5000 + random.nextInt(4000));
                    default -> "/api/errands/lookup?number=" + n.substring(0, 9) + randomBase32(random) + "&phone=1234";
                };
                long t0 = System.nanoTime();
                int status = town.send("GET", path, null, null).statusCode();
                long took = System.nanoTime() - t0;
                assertThat(status).as(kinds[k]).isEqualTo(k == 0 ? 200 : 404);
                if (round >= WARM_UP) times.get(k).add(took);
            }
        }
        double hit = median(times.get(0)), wrongPhone = median(times.get(1)), unknown = median(times.get(2));
        String figures = String.format("median ms: hit %.3f, wrong phone %.3f, unknown number %.3f", hit / 1e6,
                wrongPhone / 1e6, unknown / 1e6);
        System.out.println("lookup timing, " + ROUNDS + " of each: " + figures);
        // over HTTP the jitter of a shared machine is ~0.1 ms, more than the work a lookup does (~0.1 ms): this end-to-end
        // check catches a miss doing extra work (the address budget, an error path); the one below measures the work
        double tolerance = Math.max(0.20 * hit, 200_000);
        assertThat(Math.abs(wrongPhone - unknown)).as(figures).isLessThanOrEqualTo(tolerance);
        assertThat(Math.abs(wrongPhone - hit)).as(figures).isLessThanOrEqualTo(tolerance);
        assertThat(Math.abs(unknown - hit)).as(figures).isLessThanOrEqualTo(tolerance);
    }

    @Test
    void inProcessTheThreeOutcomesDoTheSameWork() throws Exception {
        String n = errandLikeTheStandIn("100-0000-4321");
        // the service the server runs, on the same database, policy and clock, without HTTP's noise around it
        ErrandService service = new ErrandService(town.server.database().dataSource(), ErrandPolicy.builtIn(), town.clock);
        Random random = new Random(12);
        List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int rounds = 1500, warmUp = 300;
        for (int round = 0; round < warmUp + rounds; round++) {
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
            Collections.shuffle(order, random);
            for (int k : order) {
                String number = k == 2 ? n.substring(0, 9) + randomBase32(random) : n;
                String phone = k == 1 ? Integer.toString(5000 + random.nextInt(4000)) : "4321";
                long t0 = System.nanoTime();
                boolean found = service.lookup(number, phone).isPresent();
                long took = System.nanoTime() - t0;
                assertThat(found).isEqualTo(k == 0);
                if (round >= warmUp) times.get(k).add(took);
            }
        }
        double hit = median(times.get(0)), wrongPhone = median(times.get(1)), unknown = median(times.get(2));
        String figures = String.format("median ms: hit %.3f, wrong phone %.3f, unknown number %.3f", hit / 1e6,
                wrongPhone / 1e6, unknown / 1e6);
        System.out.println("lookup timing in process, " + rounds + " of each: " + figures);
        // before the stand-in, an unknown number skipped the errand's hand-offs and card: 25 % quicker than a hit
        double tolerance = 0.15 * hit;
        assertThat(Math.abs(wrongPhone - hit)).as(figures).isLessThanOrEqualTo(tolerance);
        assertThat(Math.abs(unknown - hit)).as(figures).isLessThanOrEqualTo(tolerance);
        assertThat(Math.abs(unknown - wrongPhone)).as(figures).isLessThanOrEqualTo(tolerance);
    }

    /**
     * An errand as far along as the stand-in an unknown number reads (the first errand filed: here one of the demo
     * year's, handed on to the department), so that a hit and a miss read errands of the same size.
     */
    static String errandLikeTheStandIn(String phone) throws Exception {
        long hops = town.longs("SELECT count(*) FROM errand_handoffs WHERE errand_id = (SELECT min(id) FROM errands)")[0];
        assertThat(hops).isBetween(1L, 3L);
        String n = town.file("pension_claim", false, phone).get("number").asText();
        String[][] route = {{"grid", "\"to_staff\":" + town.leaderStaff}, {"station", "\"to_user\":\"st\""},
                {"department", "\"to_user\":\"dp\""}};
        String[] senders = {town.volunteer, town.leader, town.station};
        String[] receivers = {town.leader, town.station, town.department};
        for (int i = 0; i < hops; i++) {
            long h = town.handOff(n, route[i][0], route[i][1], 201, senders[i]).get("id").asLong();
            town.confirm(n, h, 200, receivers[i]);
        }
        return n;
    }

    static String randomBase32(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 10; i++) b.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(r.nextInt(32)));
        return b.toString();
    }

    static double median(List<Long> xs) {
        long[] a = xs.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
    }
}
