package org.gridmap.networks;

import java.time.LocalDate;
import java.util.List;

/** The values the networks are made of. */
public final class Networks {
    private Networks() { }

    /** A service point (or any facility) as the networks see it: where it is and which grid and village it serves. */
    public record Point(long id, String code, String name, String level, Long gridId, String gridCode, String villageCode,
                        double lon, double lat) { }

    /** A party-member service post (党员服务岗) at a service point; every field is public. */
    public record PartyPost(long id, Point point, String title, String partyGroup, String memberName, String duties,
                            String hours, long version) { }

    public record NewPartyPost(long facilityId, String title, String partyGroup, String memberName, String duties,
                               String hours) { }

    /**
     * A volunteer (爱心网). The phone and the full name are personal; the public card shows the given name and the
     * surname's initial only when the volunteer agreed ({@code publicName}), and always the service point to contact.
     */
    public record Volunteer(long id, Point point, String surname, String givenName, String phone, List<String> skills,
                            boolean publicName, long version) {
        /** "秀英 L." style: given name and the surname's first letter; null without the volunteer's consent. */
        public String publicCardName() {
            if (!publicName) return null;
            return givenName + " " + surname.substring(0, surname.offsetByCodePoints(0, 1)) + ".";
        }
    }

    /** What a writer sends for a volunteer (a whole volunteer: a change replaces every field). */
    public record VolunteerInput(long facilityId, String surname, String givenName, String phone, List<String> skills,
                                 boolean publicName) { }

    /** A firm of an industrial-park grid with its open offers; its grid is the one its place lies in. */
    public record Firm(long id, String name, String industry, String phone, double lon, double lat, Long gridId,
                       String gridCode, String gridKind, String villageCode, List<Offer> offers, long version) { }

    public record NewFirm(String name, String industry, String phone, double lon, double lat) { }

    public record Offer(long id, long firmId, String kind, String title, int openings, String details, LocalDate until) { }

    public record NewOffer(long firmId, String kind, String title, int openings, String details, LocalDate until) { }

    /** Which part of the town a list is for: a village code, a grid code, or neither (all). */
    public record Area(String village, String grid) {
        public static final Area ALL = new Area(null, null);
    }

    /** One volunteer of the answer to "nearest who does X": seconds and metres on foot, and the walk. */
    public record NearestVolunteer(Volunteer volunteer, double seconds, double meters, double[] route) { }

    /** The answer to "nearest volunteer who does X" from a place. */
    public record NearestAnswer(double lon, double lat, double[] snapped, double offNetworkMeters, String skill,
                                List<NearestVolunteer> volunteers) { }
}
