package org.gridmap.errands;

/** The values of staff positions: who works where on errands, and the public card they carry. */
public final class Positions {
    private Positions() { }

    /** A position as stored, with the codes of its place; {@code accountId} is the account that acts in it. */
    public record Position(long id, String kind, Long userId, Long staffId, Long accountId, String username,
                           Long facilityId, String pointCode, Long gridId, String gridCode, Long villageId,
                           String villageCode, Long townId, String townCode, String windowCode, boolean head,
                           String title, String name, String phone) { }

    /**
     * A position to assign, its place by code: a service point for {@code point}, a grid for {@code grid}, a village
     * for {@code station}, a town and window for {@code window}. Who: an account (by name) and/or a staff entry.
     */
    public record NewPosition(String kind, String username, Long staffId, String pointCode, String gridCode,
                              String villageCode, String townCode, String windowCode, boolean head, String title,
                              String name, String phone) { }

    /** Filters for the list: any of them may be null. */
    public record Filter(String kind, String villageCode, String townCode, String username) { }
}
