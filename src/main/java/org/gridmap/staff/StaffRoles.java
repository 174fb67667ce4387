package org.gridmap.staff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.gridmap.http.Messages;

/**
 * Who works in a grid: the five standing roles, one person each per grid, and the special roles, which may repeat.
 * This is the one definition of the roles: SQL binds {@link #ALL} or {@link #STANDING} as a parameter, the importer,
 * the demo data and the grid editor read them here, the web map gets them from {@code GET /api/vocabulary}, and
 * a test holds the database's own check on {@code staff.role} to this list. Phone numbers are checked for shape only.
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

    /** Every role id, standing roles first, in the order cards are shown. */
    public static final List<String> ALL = List.copyOf(ROLES.keySet());

    /** The role ids as a SQL {@code text[]} parameter value. */
    public static String[] all() { return ALL.toArray(String[]::new); }

    /** The standing role ids as a SQL {@code text[]} parameter value. */
    public static String[] standing() { return STANDING.toArray(String[]::new); }

    public static boolean isStanding(String role) { return STANDING.contains(role); }

    /** {@code ids} as a SQL array literal, for statements that order by the list: {@code ARRAY['a','b']}. */
    public static String sqlArray(List<String> ids) {
        return "ARRAY[" + String.join(",", ids.stream().map(s -> "'" + s.replace("'", "''") + "'").toList()) + "]";
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

    /** Null when the phone number has a plausible shape (7–15 digits), otherwise the reason (in English). */
    public static String phoneProblem(String phone) {
        Messages.Phrase reason = phoneReason(phone);
        return reason == null ? null : reason.english();
    }

    /** Null when the phone number has a plausible shape (7–15 digits), otherwise the reason in both languages. */
    public static Messages.Phrase phoneReason(String phone) {
        if (!PHONE.matcher(phone).matches()) {
            return new Messages.Phrase("staff.problem.phone_shape", Map.of("phone", phone), "phone '" + phone
                    + "' is not a phone number: use digits, optionally with a leading +, spaces, hyphens or brackets, "
                    + "e.g. 138-0000-0000 or (023) 6512 3456");
        }
        long digits = phone.chars().filter(Character::isDigit).count();
        if (digits < 7 || digits > 15) {
            return new Messages.Phrase("staff.problem.phone_digits", Map.of("phone", phone, "digits", digits),
                    "phone '" + phone + "' has " + digits + " digits; a phone number has 7 to 15");
        }
        return null;
    }
}
