package org.gridmap.app;

import org.gridmap.accounts.AccountRoutes;
import org.gridmap.accounts.Role;
import org.gridmap.cases.CaseRoutes;
import org.gridmap.reports.MeetingRoutes;
import org.gridmap.reports.ReportRoutes;
import org.gridmap.reports.WorkRoutes;
import org.gridmap.errands.ErrandMapRoutes;
import org.gridmap.errands.ErrandRoutes;
import org.gridmap.errands.Open311Routes;
import org.gridmap.errands.CatalogueRoutes;
import org.gridmap.errands.PositionRoutes;
import org.gridmap.grids.GridEditRoutes;
import org.gridmap.hazards.HazardRoutes;
import org.gridmap.layers.OgcRoutes;
import org.gridmap.layers.SearchRoutes;
import org.gridmap.layers.TileRoutes;
import org.gridmap.networks.NetworksRoutes;
import org.gridmap.rings.RingRoutes;
import org.gridmap.staff.StaffRoutes;
import org.gridmap.visits.VisitRoutes;
import org.gridmap.visits.VisitTileRoutes;
import org.gridmap.dashboard.DashboardRoutes;

/**
 * The route table: every route gridmap serves, grouped by capability. A route that writes names the roles it accepts
 * as its last arguments. {@link GridmapServer} builds the capabilities and hands them here.
 */
final class RouteTable {
    private RouteTable() { }

    /** Staff record visits to their grid's households; completion per grid is public, who visited is not. */
    static void visits(io.javalin.config.RoutesConfig r, Visits visits) {
        VisitRoutes v = visits.api();
        r.post("/api/visits", v::record, Role.STAFF);
        r.get("/api/visits/completion", v::completion);
        r.get("/api/visits/mine", v::mine, Role.STAFF);
        r.get("/api/grids/{id}/unvisited", v::unvisited, Role.STAFF);
        r.get("/api/visits/completion/tiles/{z}/{x}/{file}", visits.tiles()::completion);
        // staff only, like the list, but checked in the tile's own statement with the session (one round trip)
        r.get("/api/grids/{id}/unvisited/tiles/{z}/{x}/{file}", visits.tiles()::unvisited);
        r.get("/api/dashboard", visits.dashboard()::table);
        r.get("/api/dashboard/export", visits.dashboard()::export);
    }

    /** Staff open and follow the cases their visits find; every route checks the account's grids (cases.Scope). */
    static void cases(io.javalin.config.RoutesConfig r, CaseRoutes k) {
        r.post("/api/cases", k::open, Role.STAFF);
        r.get("/api/cases", k::list, Role.STAFF);
        r.get("/api/cases/layer", k::layer, Role.STAFF);
        r.get("/api/cases/map/tiles/{z}/{x}/{file}", k::tile, Role.STAFF);
        r.get("/api/cases/{id}", k::get, Role.STAFF);
        r.post("/api/cases/{id}/status", k::status, Role.STAFF);
        r.post("/api/cases/{id}/steps", k::step, Role.STAFF);
    }

    record Work(ReportRoutes reports, MeetingRoutes meetings, WorkRoutes figures) { }

    /** Grid leaders report every 3 days; a station (its grid leaders, or an admin) sees reports, notifications, meetings. */
    static void work(io.javalin.config.RoutesConfig r, Work w) {
        r.post("/api/reports", w.reports()::submit, Role.STAFF);
        r.get("/api/reports/{id}", w.reports()::get, Role.STAFF);
        r.get("/api/stations/{village}/reports", w.reports()::station, Role.STAFF);
        r.get("/api/stations/{village}/notifications", w.reports()::notifications, Role.STAFF);
        r.get("/api/stations/{village}/events", w.reports()::events, Role.STAFF);
        r.post("/api/stations/{village}/meetings", w.meetings()::record, Role.STAFF);
        r.get("/api/stations/{village}/meetings", w.meetings()::list, Role.STAFF);
        r.get("/api/work/reports-on-time", w.figures()::reportsOnTime, Role.STAFF);
        r.get("/api/work/open-cases", w.figures()::openCases, Role.STAFF);
    }

    record Visits(VisitRoutes api, VisitTileRoutes tiles, DashboardRoutes dashboard) { }

    /** The networks around the grids: lists and "nearest volunteer" are public; the staff of the place write. */
    static void networks(io.javalin.config.RoutesConfig r, NetworksRoutes n) {
        r.get("/api/party-posts", n::posts);
        r.post("/api/party-posts", n::createPost, Role.STAFF);
        r.delete("/api/party-posts/{id}", n::deletePost, Role.STAFF);
        r.get("/api/volunteers", n::volunteers);
        r.get("/api/volunteers/nearest", n::nearestVolunteers);
        r.post("/api/volunteers", n::createVolunteer, Role.STAFF);
        r.get("/api/volunteers/{id}", n::volunteer, Role.STAFF);
        r.patch("/api/volunteers/{id}", n::updateVolunteer, Role.STAFF);
        r.delete("/api/volunteers/{id}", n::deleteVolunteer, Role.STAFF);
        r.get("/api/firms", n::firms);
        r.post("/api/firms", n::createFirm, Role.STAFF);
        r.get("/api/firms/{id}", n::firm);
        r.post("/api/firms/{id}/offers", n::addOffer, Role.STAFF);
        r.delete("/api/firms/{id}/offers/{offer}", n::deleteOffer, Role.STAFF);
    }

    record Errands(ErrandRoutes api, Open311Routes open311) { }

    /** Errands on the map: per-grid counts for anyone; single errands and paths for staff, scoped by the service. */
    static void errandMap(io.javalin.config.RoutesConfig r, ErrandMapRoutes m) {
        r.get("/api/errands/map/grids", m::grids);
        r.get("/api/errands/map/grids/{z}/{x}/{file}", m::gridsTile);
        r.get("/api/errands/map/open", m::open, Role.STAFF);
        r.get("/api/errands/map/open/{z}/{x}/{file}", m::openTile, Role.STAFF);
        r.get("/api/errands/{number}/path", m::path, Role.STAFF);
    }

    record ErrandStaff(PositionRoutes positions, CatalogueRoutes catalogue) { }

    /** Admins assign staff positions and edit the catalogue; staff read the positions. */
    static void errandStaff(io.javalin.config.RoutesConfig r, ErrandStaff s) {
        r.get("/api/errands/positions", s.positions()::list, Role.STAFF);
        r.post("/api/errands/positions", s.positions()::assign, Role.ADMIN);
        r.delete("/api/errands/positions/{id}", s.positions()::remove, Role.ADMIN);
        r.get("/api/errands/catalogue/{kind}", s.catalogue()::list, Role.ADMIN);
        r.post("/api/errands/catalogue/{kind}", s.catalogue()::create, Role.ADMIN);
        r.patch("/api/errands/catalogue/{kind}/{code}", s.catalogue()::update, Role.ADMIN);
        r.delete("/api/errands/catalogue/{kind}/{code}", s.catalogue()::delete, Role.ADMIN);
    }

    /** Staff file and pass errands on (holder, receiver and supervisor rules are the service's); lookups are public. */
    static void errands(io.javalin.config.RoutesConfig r, Errands e) {
        r.get("/api/errands/catalogue", e.api()::catalogue);
        r.get("/api/errands/lookup", e.api()::lookup);
        r.get("/api/errands/stats", e.api()::stats);
        r.get("/api/errands/overdue", e.api()::overdue, Role.STAFF);
        r.get("/api/errands/mine", e.api()::mine, Role.STAFF);
        r.post("/api/errands", e.api()::file, Role.STAFF);
        r.get("/api/errands/{number}", e.api()::get, Role.STAFF);
        r.get("/api/errands/{number}/form", e.api()::form, Role.STAFF);
        r.post("/api/errands/{number}/handoffs", e.api()::handOff, Role.STAFF);
        r.post("/api/errands/{number}/handoffs/{id}/confirm", e.api()::confirm, Role.STAFF);
        r.post("/api/errands/{number}/stage", e.api()::stage, Role.STAFF);
        r.get("/api/errands/{number}/history/verify", e.api()::verify, Role.STAFF);
        r.get("/open311/v2/discovery.json", e.open311()::discovery);
        r.get("/open311/v2/services.json", e.open311()::services);
        r.get("/open311/v2/services/{file}", e.open311()::serviceDefinition);
        r.get("/open311/v2/requests.json", e.open311()::requests);
        r.post("/open311/v2/requests.json", e.open311()::post);
        r.get("/open311/v2/requests/{file}", e.open311()::request);
    }

    record Layers(OgcRoutes ogc, TileRoutes tiles, SearchRoutes search) { }

    /** Hazard monitors pin and update hazards; grid staff keep the directory; reads are public. */
    static void hazardsAndStaff(io.javalin.config.RoutesConfig r, HazardRoutes h, StaffRoutes s) {
        r.get("/api/hazards", h::list);
        r.post("/api/hazards", h::create, Role.MONITOR);
        r.get("/api/hazards/vocabulary", h::vocabulary);
        r.post("/api/hazards/impact", h::preview);
        r.get("/api/hazards/{id}", h::get);
        r.patch("/api/hazards/{id}", h::update, Role.MONITOR);
        r.get("/api/hazards/{id}/impact", h::impact);
        r.get("/api/hazards/{id}/history", h::history, Role.MONITOR, Role.STAFF, Role.PLANNER);
        r.get("/api/hazards/{id}/inspections", h::inspections, Role.MONITOR, Role.STAFF, Role.PLANNER);
        r.post("/api/hazards/{id}/inspections", h::inspect, Role.MONITOR);
        r.get("/api/monitors/me/hazards", h::mine, Role.MONITOR, Role.STAFF, Role.PLANNER);

        r.get("/api/grids/at", s::gridAt);
        r.get("/api/grids/{id}/staff", s::gridStaff);
        r.post("/api/staff", s::create, Role.STAFF);
        r.get("/api/staff/{id}", s::get);
        r.patch("/api/staff/{id}", s::update, Role.STAFF);
        r.delete("/api/staff/{id}", s::delete, Role.STAFF);
    }

    /** Planners redraw grids: every write and the edit history need the planner role. */
    static void gridEdits(io.javalin.config.RoutesConfig r, GridEditRoutes g) {
        r.post("/api/grids/edits", g::edits, Role.PLANNER);
        r.post("/api/grids/merge", g::merge, Role.PLANNER);
        r.post("/api/grids/import", g::importFile, Role.PLANNER);
        r.get("/api/grids/export", g::export);
        r.post("/api/grids/{id}/reshape", g::reshape, Role.PLANNER);
        r.post("/api/grids/{id}/split", g::split, Role.PLANNER);
        r.get("/api/grids/{id}/history", g::gridHistory, Role.PLANNER);
        r.post("/api/facilities/{id}/move", g::moveFacility, Role.PLANNER);
        r.get("/api/edits", g::log, Role.PLANNER);
        r.get("/api/edits/{id}", g::edit, Role.PLANNER);
        r.post("/api/edits/{id}/revert", g::revert, Role.PLANNER);
    }

    static void core(io.javalin.config.RoutesConfig r, HealthRoutes health, AccountRoutes accounts,
                               Layers layers, RingRoutes rings) {
        r.get("/health", health::health);
        r.get("/api/config", health::clientConfig);

        r.get("/ogc", layers.ogc()::landing);
        r.get("/ogc/conformance", layers.ogc()::conformance);
        r.get("/ogc/api", layers.ogc()::api);
        r.get("/api/openapi.json", layers.ogc()::api);
        r.get("/ogc/collections", layers.ogc()::collections);
        r.get("/ogc/collections/{collection}", layers.ogc()::collection);
        r.get("/ogc/collections/{collection}/queryables", layers.ogc()::queryables);
        r.get("/ogc/collections/{collection}/items", layers.ogc()::items);
        r.get("/ogc/collections/{collection}/items/{fid}", layers.ogc()::item);
        r.get("/tiles/{name}", layers.tiles()::tileJson);
        r.get("/tiles/{set}/{z}/{x}/{file}", layers.tiles()::tile);
        r.get("/api/search", layers.search()::search);

        r.get("/api/rings", rings::policy);
        r.get("/api/rings/compliance", rings::compliance);
        r.get("/api/rings/compliance/export", rings::complianceExport);
        r.get("/api/nearest", rings::nearest);
        r.get("/api/isochrones", rings::isochrone);
        r.get("/api/coverage/households", rings::householdLayer);
        r.get("/api/coverage/gaps", rings::gaps);
        r.get("/api/coverage/suggestions", rings::suggestions);

        r.post("/api/session", accounts::login);
        r.get("/api/session", accounts::whoAmI);
        r.delete("/api/session", accounts::logout);
        r.get("/api/users", accounts::listUsers, Role.ADMIN);
        r.post("/api/users", accounts::createUser, Role.ADMIN);
    }
}
