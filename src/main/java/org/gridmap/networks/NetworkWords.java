package org.gridmap.networks;

import java.util.List;
import org.gridmap.vocabulary.WordList;

/**
 * The word lists of the networks, defined once: the skills volunteers offer (the database's CHECK on
 * {@code volunteers.skills} is tested against it), the kinds of firm offers, and the five networks themselves
 * (the web map's legend names them from here).
 */
public final class NetworkWords {
    private NetworkWords() { }

    public static final WordList SKILLS = WordList.of("volunteerSkills",
            "medical_check", "义诊体检", "medical checks",
            "tailoring", "缝补裁衣", "tailoring",
            "physiotherapy", "理疗按摩", "physiotherapy",
            "planting", "种植技术", "planting advice",
            "haircut", "义务理发", "haircuts",
            "appliance_repair", "家电维修", "appliance repair",
            "tutoring", "课业辅导", "tutoring",
            "elder_care", "助老陪护", "elder care",
            "legal_advice", "法律咨询", "legal advice");

    public static final WordList OFFER_KINDS = WordList.of("offerKinds",
            "job", "招聘岗位", "job",
            "training", "技能培训", "training");

    public static final WordList NETWORKS = WordList.of("gridNetworks",
            "affairs", "办事网", "service hall approvals",
            "errands", "服务网", "station errands",
            "party", "党建网", "party-member posts",
            "jobs", "就业网", "jobs and training",
            "care", "爱心网", "volunteers");

    public static List<WordList> wordLists() { return List.of(SKILLS, OFFER_KINDS, NETWORKS); }
}
