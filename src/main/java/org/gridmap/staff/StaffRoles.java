package org.gridmap.staff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who works in a grid (brief §3): the five standing roles, one person each per grid, and the special roles,
 * which may repeat. Phone numbers are checked for shape only.
 */
public final class StaffRoles {
    private StaffRoles() { }

    /** id → {Chinese, English}; standing roles first, in the order cards are shown. */
    public static final Map<String, String[]> ROLES;
    public static final List<String> STANDING = List.of("grid_leader", "coordinator", "volunteer", "liaison", "police");

    static {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("grid_leader", new String[] {"网格长", "grid leader"});
        m.put("coordinator", new String[] {"综合协调员", "coordinator"});
        m.put("volunteer", new String[] {"志愿者", "volunteer"});
        m.put("liaison", new String[] {"机关指导员", "government liaison"});
        m.put("police", new String[] {"民警", "police officer"});
        m.put("caring_mother", new String[] {"爱心妈妈", "caring mother"});
        m.put("resident_rep", new String[] {"居民代表", "resident representative"});
        m.put("hazard_monitor", new String[] {"地质灾害监测员", "hazard monitor"});
        ROLES = java.util.Collections.unmodifiableMap(m);
    }

    /** The roles as word lists for {@code GET /api/vocabulary}: {@code staffRoles}, each with {@code standing}. */
    public static List<org.gridmap.vocabulary.WordList> wordLists() {
        List<org.gridmap.vocabulary.Word> words = ROLES.entrySet().stream()
                .map(e -> new org.gridmap.vocabulary.Word(e.getKey(), e.getValue()[0], e.getValue()[1],
                        Map.of("standing", STANDING.contains(e.getKey()))))
                .toList();
        return List.of(new org.gridmap.vocabulary.WordList("staffRoles", words));
    }

    /** Digits with an optional leading +, and spaces, hyphens or brackets between them. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()\\-]*[0-9]");

    /** Null when the phone number has a plausible shape (7–15 digits), otherwise the reason. */
    public static String phoneProblem(String phone) {
        if (!PHONE.matcher(phone).matches()) {
            return "phone '" + phone + "' is not a phone number: use digits, optionally with a leading +, spaces, hyphens "
                    + "or brackets, e.g. 138-0000-0000 or (023) 6512 3456";
        }
        long digits = phone.chars().filter(Character::isDigit).count();
        if (digits < 7 || digits > 15) return "phone '" + phone + "' has " + digits + " digits; a phone number has 7 to 15";
        return null;
    }

    /** The SQL ordering of cards: standing roles in their order, then special roles, then by id. */
    static final String CARD_ORDER = " array_position(ARRAY['grid_leader','coordinator','volunteer','liaison','police',"
            + "'caring_mother','resident_rep','hazard_monitor'], s.role), s.id";
}
