package org.gridmap.networks;

import static org.gridmap.http.QueryNumbers.number;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridmap.accounts.AccessControl;
import org.gridmap.accounts.User;
import org.gridmap.http.ApiException;
import org.gridmap.http.Lang;
import org.gridmap.layers.OpenApiDocument;
import org.gridmap.rings.NearestServiceFinder;

/**
 * HTTP for the networks around the grids: party-member posts, volunteers and firms' offers (lists public, writes
 * for the staff of the place), and "the nearest volunteers who do X". Parses into records, calls
 * {@link NetworksService} and {@link VolunteerFinder}, writes JSON; no SQL here.
 */
public final class NetworksRoutes {
    private final NetworksService service;
    private final VolunteerFinder finder;
    private final AccessControl access;

    public NetworksRoutes(NetworksService service, VolunteerFinder finder, AccessControl access) {
        this.service = service;
        this.finder = finder;
        this.access = access;
    }

    // ---- party-member posts

    public void posts(Context ctx) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Networks.PartyPost p : service.posts(area(ctx))) out.add(post(p));
        ctx.json(Map.of("posts", out));
    }

    public void createPost(Context ctx) throws Exception {
        ctx.status(201).json(post(service.createPost(NetworkInput.of(ctx).post(), user(ctx))));
    }

    public void deletePost(Context ctx) throws Exception {
        service.deletePost(pathId(ctx, "id"), user(ctx));
        ctx.status(204);
    }

    // ---- volunteers

    /** Public cards: a name only with the volunteer's consent, never a phone. */
    public void volunteers(Context ctx) throws Exception {
        String skill = skill(ctx, false);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Networks.Volunteer v : service.volunteers(area(ctx), skill)) out.add(publicCard(v));
        ctx.json(Map.of("volunteers", out));
    }

    /** The whole entry, phone included, for the staff of the volunteer's grid or an admin. */
    public void volunteer(Context ctx) throws Exception {
        ctx.header("Cache-Control", "no-store");
        ctx.json(fullEntry(service.volunteer(pathId(ctx, "id"), user(ctx))));
    }

    public void createVolunteer(Context ctx) throws Exception {
        ctx.status(201).json(fullEntry(service.createVolunteer(NetworkInput.of(ctx).volunteer(), user(ctx))));
    }

    /** A whole volunteer and the {@code version} it was edited from. */
    public void updateVolunteer(Context ctx) throws Exception {
        NetworkInput in = NetworkInput.of(ctx);
        long version = in.version();
        Networks.VolunteerInput v = in.volunteer();
        ctx.json(fullEntry(service.updateVolunteer(pathId(ctx, "id"), version, v, user(ctx))));
    }

    public void deleteVolunteer(Context ctx) throws Exception {
        service.deleteVolunteer(pathId(ctx, "id"), user(ctx));
        ctx.status(204);
    }

    /** {@code ?lon&lat&skill[&k]}: the k (1–10, default 3) nearest volunteers offering the skill, on foot. */
    public void nearestVolunteers(Context ctx) throws Exception {
        double lon = number(ctx, "lon", Double.NaN), lat = number(ctx, "lat", Double.NaN);
        if (!(Math.abs(lon) <= 180) || !(Math.abs(lat) <= 90)) {
            throw ApiException.badRequest("lon and lat must be a longitude (−180…180) and a latitude (−90…90)")
                    .says("rings.lon_lat_range", Map.of());
        }
        double kk = number(ctx, "k", 3);
        if (kk != Math.rint(kk) || kk < 1 || kk > 10) throw ApiException.badRequest("k must be from 1 to 10").says("rings.k", Map.of());
        String skill = skill(ctx, true);
        Networks.NearestAnswer a = finder.nearest(lon, lat, skill, (int) kk);
        Lang lang = Lang.of(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("origin", List.of(lon, lat));
        out.put("skill", Map.of("id", skill, "name", NetworkWords.SKILLS.word(skill).orElseThrow().name(lang)));
        out.put("reachable", a.snapped() != null);
        out.put("snapped", a.snapped() == null ? null : List.of(a.snapped()[0], a.snapped()[1]));
        out.put("offNetworkMeters", NearestServiceFinder.round1(a.offNetworkMeters()));
        List<Map<String, Object>> vs = new ArrayList<>();
        for (Networks.NearestVolunteer n : a.volunteers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("volunteer", publicCard(n.volunteer()));
            m.put("travelSeconds", NearestServiceFinder.round1(n.seconds()));
            m.put("walkingMinutes", Math.round(n.seconds() / 6) / 10.0);
            m.put("distanceMeters", NearestServiceFinder.round1(n.meters()));
            m.put("route", NearestServiceFinder.lineString(n.route()));
            vs.add(m);
        }
        out.put("volunteers", vs);
        ctx.json(out);
    }

    // ---- firms

    public void firms(Context ctx) throws Exception {
        String kind = ctx.queryParam("kind");
        if (kind != null && !NetworkWords.OFFER_KINDS.contains(kind)) {
            throw ApiException.badRequest("kind must be one of " + String.join(", ", NetworkWords.OFFER_KINDS.ids()))
                    .says("networks.kind", Map.of("kinds", String.join(", ", NetworkWords.OFFER_KINDS.ids())));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Networks.Firm f : service.firms(area(ctx), kind)) out.add(firm(f));
        ctx.json(Map.of("firms", out));
    }

    public void firm(Context ctx) throws Exception { ctx.json(firm(service.firm(pathId(ctx, "id")))); }

    public void createFirm(Context ctx) throws Exception {
        ctx.status(201).json(firm(service.createFirm(NetworkInput.of(ctx).firm(), user(ctx))));
    }

    public void addOffer(Context ctx) throws Exception {
        long firm = pathId(ctx, "id");
        ctx.status(201).json(offer(service.addOffer(NetworkInput.of(ctx).offer(firm), user(ctx))));
    }

    public void deleteOffer(Context ctx) throws Exception {
        service.deleteOffer(pathId(ctx, "id"), pathId(ctx, "offer"), user(ctx));
        ctx.status(204);
    }

    // ---- parameters

    private Networks.Area area(Context ctx) throws java.sql.SQLException {
        String village = ctx.queryParam("village"), grid = ctx.queryParam("grid");
        if (village != null && !village.matches("[0-9]{12}")) {
            throw ApiException.badRequest("village must be a 12-digit village code").says("networks.village_code", Map.of());
        }
        if (grid != null && !grid.matches("[0-9]{15}")) {
            throw ApiException.badRequest("grid must be a 15-digit grid code").says("networks.grid_code", Map.of());
        }
        Networks.Area a = new Networks.Area(village, grid);
        service.requireArea(a);
        return a;
    }

    private static String skill(Context ctx, boolean required) {
        String s = ctx.queryParam("skill");
        if (s == null && !required) return null;
        if (s == null || !NetworkWords.SKILLS.contains(s)) {
            throw ApiException.badRequest("skill must be one of " + String.join(", ", NetworkWords.SKILLS.ids()))
                    .says("networks.skill", Map.of("skills", String.join(", ", NetworkWords.SKILLS.ids())));
        }
        return s;
    }

    private static long pathId(Context ctx, String name) {
        try {
            long id = Long.parseLong(ctx.pathParam(name));
            if (id > 0) return id;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest(name + " must be a whole number").says("networks.path_id", Map.of("name", name));
    }

    private User user(Context ctx) throws Exception {
        return access.currentUser(ctx).orElseThrow(() -> ApiException.unauthorized("Log in first.").says("networks.log_in", Map.of()));
    }

    // ---- answers

    private static Map<String, Object> point(Networks.Point p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("code", p.code());
        m.put("name", p.name());
        m.put("level", p.level());
        m.put("grid", p.gridCode());
        m.put("village", p.villageCode());
        m.put("lon", p.lon());
        m.put("lat", p.lat());
        return m;
    }

    private static Map<String, Object> post(Networks.PartyPost p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("title", p.title());
        m.put("partyGroup", p.partyGroup());
        m.put("memberName", p.memberName());
        m.put("duties", p.duties());
        m.put("hours", p.hours());
        m.put("point", point(p.point()));
        m.put("version", p.version());
        return m;
    }

    /** What anyone may read: the service point to contact, the skills, and a name only with consent. */
    static Map<String, Object> publicCard(Networks.Volunteer v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("name", v.publicCardName());
        m.put("skills", v.skills());
        m.put("point", point(v.point()));
        return m;
    }

    private static Map<String, Object> fullEntry(Networks.Volunteer v) {
        Map<String, Object> m = publicCard(v);
        m.put("surname", v.surname());
        m.put("givenName", v.givenName());
        m.put("phone", v.phone());
        m.put("publicName", v.publicName());
        m.put("version", v.version());
        return m;
    }

    private static Map<String, Object> firm(Networks.Firm f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("name", f.name());
        m.put("industry", f.industry());
        m.put("phone", f.phone());
        m.put("position", Map.of("lon", f.lon(), "lat", f.lat()));
        m.put("grid", f.gridCode());
        m.put("village", f.villageCode());
        m.put("offers", f.offers().stream().map(NetworksRoutes::offer).toList());
        m.put("version", f.version());
        return m;
    }

    private static Map<String, Object> offer(Networks.Offer o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("firm", o.firmId());
        m.put("kind", o.kind());
        m.put("title", o.title());
        m.put("openings", o.openings());
        m.put("details", o.details());
        m.put("until", o.until() == null ? null : o.until().toString());
        return m;
    }

    public static void describe(OpenApiDocument api) {
        var area = List.of(OpenApiDocument.param("village", "query", "string", false, "village code (12 digits)"),
                OpenApiDocument.param("grid", "query", "string", false, "grid code (15 digits)"));
        var id = OpenApiDocument.param("id", "path", "integer", true, "id");
        api.add("/api/party-posts", "get", "Party-member service posts (党员服务岗) at service points", area, false);
        api.add("/api/party-posts", "post", "Add a post at a service point of your grid: {facility_id, title, party_group, "
                + "member_name, duties?, hours?}", List.of(), true);
        api.add("/api/party-posts/{id}", "delete", "Remove a post (staff of its grid, admin)", List.of(id), true);
        List<Map<String, Object>> vol = new ArrayList<>(area);
        vol.add(OpenApiDocument.param("skill", "query", "string", false, "one of volunteerSkills in /api/vocabulary"));
        api.add("/api/volunteers", "get", "Volunteers' public cards: skills, the service point to contact, a name only "
                + "with the volunteer's consent", vol, false);
        api.add("/api/volunteers", "post", "Add a volunteer at a service point of your grid: {facility_id, surname, "
                + "given_name, phone?, skills: [...], public_name}", List.of(), true);
        api.add("/api/volunteers/nearest", "get", "The k nearest volunteers offering a skill, by walking time on the road "
                + "network, with their walks", List.of(OpenApiDocument.param("lon", "query", "number", true, "longitude"),
                OpenApiDocument.param("lat", "query", "number", true, "latitude"),
                OpenApiDocument.param("skill", "query", "string", true, "one of volunteerSkills"),
                OpenApiDocument.param("k", "query", "integer", false, "1–10, default 3")), false);
        api.add("/api/volunteers/{id}", "get", "A volunteer with phone and full name (staff of the grid, admin)", List.of(id), true);
        api.add("/api/volunteers/{id}", "patch", "Replace a volunteer: the same fields and the version edited", List.of(id), true);
        api.add("/api/volunteers/{id}", "delete", "Remove a volunteer", List.of(id), true);
        List<Map<String, Object>> firms = new ArrayList<>(area);
        firms.add(OpenApiDocument.param("kind", "query", "string", false, "job or training: firms with such offers"));
        api.add("/api/firms", "get", "Firms of industrial-park grids with their job and training offers", firms, false);
        api.add("/api/firms", "post", "Add a firm in an industrial-park grid of yours: {name, industry?, phone?, position: "
                + "{lon, lat}}", List.of(), true);
        api.add("/api/firms/{id}", "get", "One firm with its offers", List.of(id), false);
        api.add("/api/firms/{id}/offers", "post", "Add an offer: {kind: job|training, title, openings, details?, until?}",
                List.of(id), true);
        api.add("/api/firms/{id}/offers/{offer}", "delete", "Withdraw an offer", List.of(id,
                OpenApiDocument.param("offer", "path", "integer", true, "offer id")), true);
    }
}
