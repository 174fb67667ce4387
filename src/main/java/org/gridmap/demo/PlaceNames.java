package org.gridmap.demo;

import java.util.Set;

/**
 * Synthetic Chinese place names with their pinyin, for the towns and villages of a synthetic city.
 *
 * <p>A name is a descriptive first character and a landform second character (青石, 龙湾, 双桥 …), the way many
 * real village names are built; the English name is the pinyin with the usual apostrophe before a syllable that
 * starts with a vowel (as in Zhi'an).
 */
final class PlaceNames {
    private static final String[][] FIRST = {
        {"青", "qing"}, {"石", "shi"}, {"龙", "long"}, {"凤", "feng"}, {"双", "shuang"}, {"高", "gao"},
        {"金", "jin"}, {"玉", "yu"}, {"桂", "gui"}, {"黄", "huang"}, {"白", "bai"}, {"红", "hong"},
        {"永", "yong"}, {"兴", "xing"}, {"新", "xin"}, {"太", "tai"}, {"大", "da"}, {"长", "chang"},
        {"清", "qing"}, {"福", "fu"}, {"东", "dong"}, {"西", "xi"}, {"南", "nan"}, {"北", "bei"},
        {"宝", "bao"}, {"瑞", "rui"}, {"安", "an"}, {"平", "ping"}, {"柳", "liu"}, {"杨", "yang"},
        {"松", "song"}, {"梅", "mei"}, {"鹤", "he"}, {"鹿", "lu"}, {"春", "chun"}, {"云", "yun"},
        {"丰", "feng"}, {"华", "hua"}, {"马", "ma"}, {"三", "san"}, {"五", "wu"}, {"九", "jiu"},
    };
    private static final String[][] SECOND = {
        {"河", "he"}, {"山", "shan"}, {"桥", "qiao"}, {"溪", "xi"}, {"坪", "ping"}, {"湾", "wan"},
        {"岭", "ling"}, {"坝", "ba"}, {"塘", "tang"}, {"堰", "yan"}, {"寨", "zhai"}, {"坡", "po"},
        {"岩", "yan"}, {"田", "tian"}, {"峰", "feng"}, {"川", "chuan"}, {"江", "jiang"}, {"池", "chi"},
        {"井", "jing"}, {"口", "kou"}, {"关", "guan"}, {"堡", "bao"}, {"场", "chang"}, {"林", "lin"},
        {"泉", "quan"}, {"沟", "gou"}, {"台", "tai"}, {"园", "yuan"}, {"垭", "ya"}, {"庙", "miao"},
        {"坎", "kan"}, {"店", "dian"}, {"安", "an"}, {"合", "he"},
    };
    private static final String SURNAMES_FOR_HAMLETS = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭罗梁宋郑谢韩唐冯邓曹彭曾肖田董潘袁蒋蔡余杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾韦夏付方邹熊孟秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱覃";
    private static final String[] HAMLET_SUFFIX = {"湾", "坡", "沟", "岩", "坪", "院子", "嘴", "垭口"};

    /** A name pair: Chinese stem (no 镇/村 suffix) and its pinyin, capitalised. */
    record Name(String zh, String pinyin) {
    }

    private PlaceNames() {
    }

    /** A two-character stem not yet in {@code used}; adds it. */
    static Name unique(Rng rng, Set<String> used) {
        for (int attempt = 0; ; attempt++) {
            String[] a = FIRST[rng.nextInt(FIRST.length)];
            String[] b = SECOND[rng.nextInt(SECOND.length)];
            if (a[0].equals(b[0])) continue;
            String zh = a[0] + b[0];
            if (used.add(zh) || attempt > 10_000) return new Name(zh, pinyin(a[1], b[1]));
        }
    }

    /** A hamlet name such as 王家湾, used in hazard-site names. */
    static String hamlet(Rng rng) {
        return SURNAMES_FOR_HAMLETS.charAt(rng.nextInt(SURNAMES_FOR_HAMLETS.length())) + "家"
                + HAMLET_SUFFIX[rng.nextInt(HAMLET_SUFFIX.length)];
    }

    static String pinyin(String first, String second) {
        String sep = "aoe".indexOf(second.charAt(0)) >= 0 ? "'" : "";
        return Character.toUpperCase(first.charAt(0)) + first.substring(1) + sep + second;
    }
}
