package org.gridmap.demo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;

/**
 * Chooses a handful of hazard sites: on steep ground just uphill of houses and close to a road, as slope
 * failures in a hilly town are. The threat grade follows the national scale by people living inside the threat
 * radius (小型 &lt; 100, 中型 100–499, 大型 500–999, 特大型 ≥ 1000), so it matches what gridmap would compute.
 */
final class HazardSites {
    /** type, Chinese name, weight. */
    private static final Object[][] TYPES = {
        {"landslide", "滑坡", 0.40}, {"collapse", "崩塌", 0.25}, {"debris_flow", "泥石流", 0.10},
        {"ground_collapse", "地面塌陷", 0.10}, {"ground_fissure", "地裂缝", 0.10}, {"subsidence", "地面沉降", 0.05},
    };
    /** A demo hazard is still open: one of the statuses that threaten. */
    private static final String[] STATUS = org.gridmap.hazards.HazardVocabulary.OPEN.toArray(String[]::new);

    private HazardSites() {
    }

    interface GridLocator {
        int gridAt(Coordinate metric);
    }

    static List<Hazard> place(TownPlan plan, List<Unit> units, List<Grid> grids, List<Household> households,
                              RoadDraft draft, Terrain terrain, LocalPlane plane, GridLocator locator, Rng rng) {
        List<double[]> cands = new ArrayList<>();
        for (int i = 0; i < 3000 && !households.isEmpty(); i++) {
            Coordinate h = households.get(rng.nextInt(households.size())).metric();
            double[] g = terrain.gradient(h.x, h.y);
            double slope = Math.hypot(g[0], g[1]);
            if (slope == 0) continue;
            double up = rng.range(30, 70);
            cands.add(new double[] {h.x + g[0] / slope * up, h.y + g[1] / slope * up, slope});
        }
        cands.sort((a, b) -> Double.compare(b[2], a[2]));
        List<Hazard> out = new ArrayList<>();
        int blocking = rng.between(1, 2);
        for (double[] c : cands) {
            if (out.size() >= plan.hazards()) break;
            Coordinate m = new Coordinate(c[0], c[1]);
            boolean crowded = false;
            for (Hazard o : out) if (o.metric().distance(m) < 700) crowded = true;
            if (crowded) continue;
            int grid = locator.gridAt(m);
            RoadDraft.Attach road = draft.nearest(m.x, m.y, 100, e -> true);
            if (grid < 0 || road == null) continue;
            Object[] type = pickType(rng);
            int radius = 10 * rng.between(5, 30);
            boolean blocks = out.stream().filter(Hazard::blocksRoads).count() < blocking;
            if (blocks) radius = Math.max(radius, 10 * (int) Math.ceil((road.distance() + 20) / 10));
            int homes = 0;
            int people = 0;
            for (Household h : households) {
                if (h.metric().distance(m) <= radius) {
                    homes++;
                    people += h.members();
                }
            }
            String grade = people >= 1000 ? "huge" : people >= 500 ? "large" : people >= 100 ? "medium" : "small";
            String unit = units.get(grids.get(grid).unit()).plan().name();
            String hamlet = PlaceNames.hamlet(rng);
            String code = "HZ" + plan.code() + String.format("%02d", out.size() + 1);
            String desc = describe((String) type[0], hamlet, homes, people, blocks);
            out.add(new Hazard(code, unit + hamlet + type[1], (String) type[0], radius,
                    STATUS[rng.nextInt(STATUS.length)], blocks, grade, desc, grid, m, plane.toGrid(m)));
        }
        return out;
    }

    private static Object[] pickType(Rng rng) {
        double r = rng.nextDouble();
        for (Object[] t : TYPES) {
            r -= (Double) t[2];
            if (r < 0) return t;
        }
        return TYPES[0];
    }

    private static String describe(String type, String hamlet, int homes, int people, boolean blocks) {
        String what = switch (type) {
            case "landslide" -> hamlet + "后山斜坡土体松散，坡体后缘出现拉张裂缝，强降雨时易整体滑移";
            case "collapse" -> hamlet + "上方陡崖岩体节理发育，局部危岩悬空，雨季易发生崩落";
            case "debris_flow" -> hamlet + "冲沟内松散物源丰富，暴雨时可能形成泥石流冲出沟口";
            case "ground_collapse" -> hamlet + "地下有废弃采空区，地表已见小型塌陷坑";
            case "ground_fissure" -> hamlet + "坡脚房屋与地坪出现贯通裂缝，裂缝仍在缓慢扩展";
            default -> hamlet + "地面持续缓慢下沉，部分房屋墙体开裂";
        };
        return what + "。威胁" + homes + "户" + people + "人" + (blocks ? "，并威胁道路通行" : "") + "。";
    }
}
