package org.gridmap.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridmap.staff.StaffRoles;

/**
 * Staff of every grid: the five standing roles and some special ones, with synthetic names and phone numbers
 * that cannot be real (no Chinese mobile number starts with 100).
 */
final class StaffRoster {
    /** The demo's duties of each role (the roles themselves are {@link StaffRoles}; the standing ones are in every grid). */
    static final Map<String, String> DUTIES = Map.of(
        "grid_leader", "负责网格全面工作，每月走访网格内每户居民，每3天向村便民服务站报告一次",
        "coordinator", "受理服务点转来的诉求，1天内转交网格长并跟踪办结",
        "volunteer", "协助入户走访、政策宣传和邻里互助",
        "liaison", "镇机关下派干部，指导网格工作，督办上报事项",
        "police", "负责网格治安巡查和矛盾纠纷排查化解",
        "caring_mother", "关爱留守儿童、空巢老人和困难家庭",
        "resident_rep", "收集反映居民意见建议，参与网格议事",
        "hazard_monitor", "巡查辖区地质灾害隐患点，雨季加密监测，发现险情立即报告");
    private static final String SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文陶向冉";
    private static final String GIVEN = "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛";
    private static final String GIVEN_F = "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝丽";

    private StaffRoster() {
    }

    /**
     * @param hazardGrids grid indices that contain a hazard site (each gets a hazard monitor)
     * @param phoneStart  running number of the first phone, so phones stay unique across a city
     */
    static List<StaffMember> build(List<Grid> grids, List<Integer> hazardGrids, long phoneStart, Rng rng) {
        List<StaffMember> out = new ArrayList<>();
        long phone = phoneStart;
        for (int g = 0; g < grids.size(); g++) {
            String code = grids.get(g).code();
            List<String> roles = new ArrayList<>(StaffRoles.STANDING);
            if (rng.chance(0.4)) roles.add("caring_mother");
            int reps = rng.chance(0.5) ? rng.between(1, 2) : 0;
            for (int i = 0; i < reps; i++) roles.add("resident_rep");
            if (hazardGrids.contains(g) || rng.chance(0.08)) roles.add("hazard_monitor");
            int repN = 0;
            for (String role : roles) {
                int n = role.equals("resident_rep") ? ++repN : 1;
                boolean female = role.equals("caring_mother") || rng.chance(0.35);
                out.add(new StaffMember(code, role, n, name(rng, female), phone(phone++), duties(role)));
            }
        }
        return out;
    }

    private static String duties(String role) {
        String d = DUTIES.get(role);
        if (d == null) throw new IllegalArgumentException(role);
        return d;
    }

    private static String name(Rng rng, boolean female) {
        String pool = female ? GIVEN_F : GIVEN;
        StringBuilder sb = new StringBuilder().append(SURNAMES.charAt(rng.nextInt(SURNAMES.length())));
        int len = rng.chance(0.7) ? 2 : 1;
        for (int i = 0; i < len; i++) sb.append(pool.charAt(rng.nextInt(pool.length())));
        return sb.toString();
    }

    /**
     * {@code 100-XXXX-XXXX}: the running number times a constant prime, modulo 10^8, is a permutation, so phones
     * are unique yet look scattered.
     */
    static String phone(long running) {
        long v = Math.floorMod(running * 48_271_937L + 37_194_205L, 100_000_000L);
        String d = String.format("%08d", v);
        return "100-" + d.substring(0, 4) + "-" + d.substring(4);
    }
}
