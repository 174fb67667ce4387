package org.gridmap.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The public facts about Taojia town (陶家镇) that the demo town must honour: codes, names, counts, area and the
 * unit centres as published in GCJ-02. Where the sources are silent (the centres of 树立村 and 九龙村, the street
 * names) the values are plausible choices, marked as such.
 */
final class TaojiaFacts {
    static final String TOWN_CODE = "500107109000";
    static final String PREFIX = "500107109";
    static final double AREA_KM2 = 36.02;
    static final int GRIDS = 117;
    static final int POINTS = 336;
    /** Town centre, GCJ-02. */
    static final double CENTRE_GCJ_LON = 106.3467;
    static final double CENTRE_GCJ_LAT = 29.3610;

    /** suffix, name, English name, GCJ-02 lon/lat (NaN = town centre). */
    private static final Object[][] UNITS = {
        {"001", "陶怡路社区", "Taoyilu Community", Double.NaN, Double.NaN},
        {"201", "友爱村", "Youai Village", 106.3549, 29.3654},
        {"202", "文峰村", "Wenfeng Village", 106.3322, 29.3625},
        {"203", "治安村", "Zhi'an Village", 106.3643, 29.3798},
        {"204", "白果村", "Baiguo Village", 106.3506, 29.3789},
        {"205", "锣鼓洞村", "Luogudong Village", 106.3529, 29.3486},
        // Not published: placed in the otherwise empty south-east and south-west of the town.
        {"206", "树立村", "Shuli Village", 106.3680, 29.3530},
        {"207", "坚强村", "Jianqiang Village", 106.3741, 29.3783},
        {"208", "九龙村", "Jiulong Village", 106.3260, 29.3500},
    };
    static final String BAIGUO = PREFIX + "204";
    static final int BAIGUO_GRIDS = 18;
    static final int BAIGUO_PARK_GRIDS = 2;
    static final int BAIGUO_POINTS = 49;

    private TaojiaFacts() {
    }

    static double[] centreWgs84() {
        return Gcj02.toWgs84(CENTRE_GCJ_LON, CENTRE_GCJ_LAT);
    }

    /** The Taojia plan; only the household count is drawn from the seed. */
    static TownPlan plan(long seed) {
        double[] centre = centreWgs84();
        List<UnitPlan> units = new ArrayList<>();
        for (Object[] u : UNITS) {
            String code = PREFIX + u[0];
            double gLon = (Double) u[3];
            double gLat = (Double) u[4];
            double[] w = Double.isNaN(gLon) ? centre : Gcj02.toWgs84(gLon, gLat);
            boolean baiguo = code.equals(BAIGUO);
            units.add(new UnitPlan(code, (String) u[1], (String) u[2], "001".equals(u[0]), w[0], w[1],
                    baiguo ? BAIGUO_GRIDS : -1, baiguo ? BAIGUO_PARK_GRIDS : 0, baiguo ? BAIGUO_POINTS : -1));
        }
        Rng rng = Rng.derive(seed, "taojia-plan");
        int households = 15_000 + rng.between(-300, 300);
        // The boundary is an irregular ellipse around the unit centres, long axis towards the north-east where
        // the published centres spread out; offsets are metres from the town centre.
        return new TownPlan(0, seed, TOWN_CODE, "陶家镇", "Taojia Town", centre[0], centre[1], 330, 350, AREA_KM2,
                1.3, 25, units, GRIDS, POINTS, households, 7,
                List.of("陶怡路", "陶家正街", "陶兴路", "九凤路", "陶家新街"), TownKind.PUBLISHED);
    }
}
