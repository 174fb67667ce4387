package org.gridmap.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import org.gridmap.accounts.AccessControl;
import org.gridmap.accounts.AccountRoutes;
import org.gridmap.accounts.LoginThrottle;
import org.gridmap.accounts.PasswordCheckGate;
import org.gridmap.accounts.PasswordHasher;
import org.gridmap.accounts.Role;
import org.gridmap.accounts.SessionStore;
import org.gridmap.accounts.UserStore;
import org.gridmap.changes.ChangeFeed;
import org.gridmap.db.Database;
import org.gridmap.errands.ErrandPolicy;
import org.gridmap.errands.ErrandRoutes;
import org.gridmap.errands.ErrandService;
import org.gridmap.errands.AddressLimiter;
import org.gridmap.errands.Open311Routes;
import org.gridmap.errands.CatalogueRoutes;
import org.gridmap.errands.CatalogueService;
import org.gridmap.errands.PositionRoutes;
import org.gridmap.errands.PositionService;
import org.gridmap.grids.EditEchoes;
import org.gridmap.grids.EditHistory;
import org.gridmap.grids.GridEditRoutes;
import org.gridmap.grids.GridEditor;
import org.gridmap.grids.GridOperations;
import org.gridmap.grids.GridTransfer;
import org.gridmap.hazards.HazardRoutes;
import org.gridmap.hazards.HazardService;
import org.gridmap.hazards.HazardVocabulary;
import org.gridmap.http.ErrorResponses;
import org.gridmap.http.JsonBodyLimit;
import org.gridmap.http.HttpDefences;
import org.gridmap.http.RequestLogging;
import org.gridmap.layers.Extents;
import org.gridmap.layers.FeatureService;
import org.gridmap.layers.LayerCatalog;
import org.gridmap.layers.MatchCounts;
import org.gridmap.layers.OgcRoutes;
import org.gridmap.layers.OpenApiDocument;
import org.gridmap.layers.SearchRoutes;
import org.gridmap.layers.SearchService;
import org.gridmap.layers.TileCache;
import org.gridmap.layers.TileRoutes;
import org.gridmap.layers.TileService;
import org.gridmap.rings.NearestServiceFinder;
import org.gridmap.rings.RingEngine;
import org.gridmap.rings.RingPolicy;
import org.gridmap.rings.RingRoutes;
import org.gridmap.rings.RoadClosures;
import org.gridmap.staff.StaffRoles;
import org.gridmap.staff.StaffRoutes;
import org.gridmap.visits.VisitRoutes;
import org.gridmap.visits.VisitOutcomes;
import org.gridmap.visits.VisitService;
import org.gridmap.vocabulary.Vocabulary;
import org.gridmap.vocabulary.VocabularyRoutes;
import org.gridmap.vocabulary.WordList;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the capabilities into one HTTP server. Every route is listed in {@link #routes}; a route that
 * writes names the roles it accepts as its last arguments.
 */
public final class GridmapServer {
    public static final String VERSION = "0.1.0";

    private final Config config;
    private final Database db;
    private final Javalin app;
    private final ChangeFeed changes;
    private final TileService tiles;
    private final RingEngine rings;

    public GridmapServer(Config config, Database db) throws java.io.IOException, java.sql.SQLException {
        this(config, db, Clock.systemUTC());
    }

    /** With the clock that errand deadlines are counted on (tests move it). */
    public GridmapServer(Config config, Database db, Clock clock) throws java.io.IOException, java.sql.SQLException {
        this.config = config;
        this.db = db;
        this.changes = new ChangeFeed(db.credentials());
        ObjectMapper json = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

        UserStore users = new UserStore(db.dataSource(), new PasswordHasher());
        SessionStore sessions = new SessionStore(db.dataSource());
        AccessControl access = new AccessControl(sessions);
        AccountRoutes accounts = new AccountRoutes(users, sessions,
                new LoginThrottle(5, 50, Duration.ofMinutes(15), Clock.systemUTC()), PasswordCheckGate.perCore(), access,
                config.secureCookies());
        HealthRoutes health = new HealthRoutes(db, VERSION, config.tiandituKey());
        List<WordList> wordLists = new ArrayList<>(HazardVocabulary.wordLists());
        wordLists.addAll(StaffRoles.wordLists());
        wordLists.addAll(VisitOutcomes.wordLists());
        wordLists.addAll(org.gridmap.errands.PositionKinds.wordLists());
        VocabularyRoutes vocabulary = new VocabularyRoutes(new Vocabulary(wordLists));

        LayerCatalog catalog = new LayerCatalog();
        Extents extents = new Extents(db.dataSource(), catalog);
        this.tiles = new TileService(db.dataSource(), catalog, new TileCache(config.tileCacheBytes()));
        changes.subscribe(tiles::onChange);
        changes.subscribe(extents::onChange);
        MatchCounts counts = new MatchCounts(catalog);
        changes.subscribe(counts::onChange);
        RingPolicy policy = config.ringPolicy() == null ? RingPolicy.builtIn() : RingPolicy.load(config.ringPolicy());
        this.rings = new RingEngine(db.dataSource(), policy).withClosures(new RoadClosures(db.dataSource())).load();
        // the grid editor rebuilds the rings after its own commits; the feed's echoes of them are left out
        EditEchoes gridEditEchoes = new EditEchoes(rings::onChange);
        changes.subscribe(gridEditEchoes::accept);
        RingRoutes ringRoutes = new RingRoutes(new org.gridmap.rings.RingService(rings));
        OpenApiDocument openApi = new OpenApiDocument(catalog);
        RingRoutes.describe(openApi);
        openApi.add("/api/vocabulary", "get", "Every word list (staff roles, hazard types, grades and statuses, ...) with names "
                + "in the reader's language (Accept-Language; zh-CN first) and both names", List.of(), false);
        GridEditRoutes gridEdits = new GridEditRoutes(new GridEditor(db.dataSource(), rings, changes, gridEditEchoes),
                new GridOperations(db.dataSource()), new EditHistory(db.dataSource()), new GridTransfer(db.dataSource()), access);
        GridEditRoutes.describe(openApi);
        HazardRoutes hazards = new HazardRoutes(new HazardService(db.dataSource(), rings, changes), access);
        StaffRoutes staff = new StaffRoutes(new org.gridmap.staff.StaffService(db.dataSource()), access);
        HazardRoutes.describe(openApi);
        StaffRoutes.describe(openApi);
        ErrandService errandService = new ErrandService(db.dataSource(), ErrandPolicy.builtIn(), clock);
        Errands errands = new Errands(new ErrandRoutes(errandService, access, new AddressLimiter(10, Duration.ofMinutes(10), clock)),
                new Open311Routes(errandService, new NearestServiceFinder(rings), new AddressLimiter(20, Duration.ofHours(1), clock),
                        ErrandPolicy.builtIn().zone()));
        ErrandRoutes.describe(openApi);
        ErrandStaff errandStaff = new ErrandStaff(new PositionRoutes(new PositionService(db.dataSource())),
                new CatalogueRoutes(new CatalogueService(db.dataSource(), clock)));
        PositionRoutes.describe(openApi);
        CatalogueRoutes.describe(openApi);
        VisitRoutes visits = new VisitRoutes(new VisitService(db.dataSource(), clock), access);
        VisitRoutes.describe(openApi);
        Layers layers = new Layers(new OgcRoutes(new FeatureService(db.dataSource(), counts), catalog, extents, openApi),
                new TileRoutes(tiles, catalog, extents), new SearchRoutes(new SearchService(db.dataSource())));

        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson(json, false));
            c.http.maxRequestSize = config.maxRequestBytes();
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            RequestLogging.install(c);
            ErrorResponses.install(c);
            c.routes.before(new JsonBodyLimit(config.maxJsonBytes(), config.maxRequestBytes(), java.util.Set.of("/api/grids/import")));
            // the grid import takes files, and Open311 clients post forms as the GeoReport spec says: both check their own bodies
            HttpDefences.install(c, config.trustedProxies(), AccessControl.COOKIE,
                    java.util.Set.of("/api/grids/import", "/open311/v2/requests.json"));
            c.routes.beforeMatched(access::check);
            WebApp.install(c);
            routes(c.routes, health, accounts, layers, ringRoutes);
            c.routes.get("/api/vocabulary", vocabulary::get);
            hazardAndStaffRoutes(c.routes, hazards, staff);
            gridEditRoutes(c.routes, gridEdits);
            errandStaffRoutes(c.routes, errandStaff);   // before errandRoutes: /api/errands/{number} would take these paths
            errandRoutes(c.routes, errands);
            visitRoutes(c.routes, visits);
        });
    }

    /** Staff record visits to their grid's households; completion per grid is public, who visited is not. */
    private static void visitRoutes(io.javalin.config.RoutesConfig r, VisitRoutes v) {
        r.post("/api/visits", v::record, Role.STAFF);
        r.get("/api/visits/completion", v::completion);
        r.get("/api/grids/{id}/unvisited", v::unvisited, Role.STAFF);
    }

    private record Errands(ErrandRoutes api, Open311Routes open311) { }

    private record ErrandStaff(PositionRoutes positions, CatalogueRoutes catalogue) { }

    /** Admins assign staff positions and edit the catalogue; staff read the positions. */
    private static void errandStaffRoutes(io.javalin.config.RoutesConfig r, ErrandStaff s) {
        r.get("/api/errands/positions", s.positions()::list, Role.STAFF);
        r.post("/api/errands/positions", s.positions()::assign, Role.ADMIN);
        r.delete("/api/errands/positions/{id}", s.positions()::remove, Role.ADMIN);
        r.get("/api/errands/catalogue/{kind}", s.catalogue()::list, Role.ADMIN);
        r.post("/api/errands/catalogue/{kind}", s.catalogue()::create, Role.ADMIN);
        r.patch("/api/errands/catalogue/{kind}/{code}", s.catalogue()::update, Role.ADMIN);
        r.delete("/api/errands/catalogue/{kind}/{code}", s.catalogue()::delete, Role.ADMIN);
    }

    /** Staff file and pass errands on (holder, receiver and supervisor rules are the service's); lookups are public. */
    private static void errandRoutes(io.javalin.config.RoutesConfig r, Errands e) {
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

    private record Layers(OgcRoutes ogc, TileRoutes tiles, SearchRoutes search) { }

    /** Hazard monitors pin and update hazards; grid staff keep the directory; reads are public. */
    private static void hazardAndStaffRoutes(io.javalin.config.RoutesConfig r, HazardRoutes h, StaffRoutes s) {
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
    private static void gridEditRoutes(io.javalin.config.RoutesConfig r, GridEditRoutes g) {
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

    private static void routes(io.javalin.config.RoutesConfig r, HealthRoutes health, AccountRoutes accounts,
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

    public GridmapServer start() {
        changes.start();
        app.start();
        return this;
    }

    public TileService tiles() { return tiles; }

    public RingEngine rings() { return rings; }

    public ChangeFeed changes() { return changes; }

    public int port() { return app.port(); }

    public void stop() {
        app.stop();
        changes.close();
        rings.close();
    }

    public Config config() { return config; }

    public Database database() { return db; }
}
