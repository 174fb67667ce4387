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
import org.gridmap.cases.CaseRoutes;
import org.gridmap.cases.CaseService;
import org.gridmap.cases.CaseWords;
import org.gridmap.changes.ChangeFeed;
import org.gridmap.changes.FreshReads;
import org.gridmap.reports.MeetingRoutes;
import org.gridmap.reports.MeetingService;
import org.gridmap.reports.ReportRoutes;
import org.gridmap.reports.ReportService;
import org.gridmap.reports.StationEvents;
import org.gridmap.reports.WorkRoutes;
import org.gridmap.reports.WorkService;
import org.gridmap.db.Database;
import org.gridmap.errands.ErrandMapRoutes;
import org.gridmap.errands.ErrandMapService;
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
import org.gridmap.ops.Metrics;
import org.gridmap.ops.MetricsRoutes;
import org.gridmap.ops.OpsService;
import org.gridmap.networks.NetworkWords;
import org.gridmap.networks.NetworksRoutes;
import org.gridmap.networks.NetworksService;
import org.gridmap.networks.VolunteerFinder;
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
import org.gridmap.visits.VisitTileRoutes;
import org.gridmap.visits.VisitColumn;
import org.gridmap.dashboard.DashboardRoutes;
import org.gridmap.dashboard.DashboardService;
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
    private final Database readDb;          // null: tiles and OGC items read from the primary
    private final FreshReads freshReads;    // null likewise
    private final Metrics metrics = new Metrics();

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
        OpsService ops = new OpsService(db.dataSource());
        HealthRoutes health = new HealthRoutes(ops, changes, Clock.systemUTC(), VERSION, config.tiandituKey());
        MetricsRoutes metricsRoutes = new MetricsRoutes(metrics, ops, config.metricsToken());
        metrics.bindPool(db);
        metrics.bindFeed(changes, Clock.systemUTC());
        List<WordList> wordLists = new ArrayList<>(HazardVocabulary.wordLists());
        wordLists.addAll(StaffRoles.wordLists());
        wordLists.addAll(VisitOutcomes.wordLists());
        wordLists.addAll(CaseWords.wordLists());
        wordLists.addAll(NetworkWords.wordLists());
        wordLists.addAll(org.gridmap.errands.PositionKinds.wordLists());
        VocabularyRoutes vocabulary = new VocabularyRoutes(new Vocabulary(wordLists));

        this.readDb = config.readDb() == null ? null : new Database(new Database.Credentials(config.readDb().url(),
                config.readDb().user(), config.readDb().password()), config.poolSize(), config.statementTimeoutMs());
        // subscribed first: a change raises the position a replica must have replayed before tiles are dropped
        this.freshReads = readDb == null ? null : new FreshReads(db.dataSource(), readDb.dataSource());
        if (freshReads != null) changes.subscribe(freshReads::onChange);
        javax.sql.DataSource reads = freshReads == null ? db.dataSource() : freshReads;
        LayerCatalog catalog = new LayerCatalog();
        Extents extents = new Extents(db.dataSource(), catalog);
        this.tiles = new TileService(reads, catalog, new TileCache(config.tileCacheBytes()));
        changes.subscribe(tiles::onChange);
        metrics.bindTiles(tiles.cache());
        changes.subscribe(extents::onChange);
        MatchCounts counts = new MatchCounts(catalog);
        changes.subscribe(counts::onChange);
        RingPolicy policy = config.ringPolicy() == null ? RingPolicy.builtIn() : RingPolicy.load(config.ringPolicy());
        this.rings = new RingEngine(db.dataSource(), policy).withClosures(new RoadClosures(db.dataSource())).load();
        // the grid editor rebuilds the rings after its own commits; the feed's echoes of them are left out
        metrics.bindRings(rings);
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
        HazardService hazardService = new HazardService(db.dataSource(), rings, changes);
        HazardRoutes hazards = new HazardRoutes(hazardService, access);
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
        ErrandMapRoutes errandMap = new ErrandMapRoutes(new ErrandMapService(db.dataSource(), errandService), access);
        ErrandMapRoutes.describe(openApi);
        VisitService visitService = new VisitService(db.dataSource(), clock);
        // the work dashboard's figures: visit completion, 3-day reports on time, open cases by age
        DashboardService dashboard = new DashboardService(db.dataSource(), List.of(new VisitColumn(),
                org.gridmap.reports.WorkColumns.reportsOnTime(clock), org.gridmap.reports.WorkColumns.openCases(clock)));
        Visits visits = new Visits(new VisitRoutes(visitService, access), new VisitTileRoutes(visitService),
                new DashboardRoutes(dashboard, visitService));
        VisitRoutes.describe(openApi);
        VisitTileRoutes.describe(openApi);
        DashboardRoutes.describe(openApi);
        CaseRoutes cases = new CaseRoutes(new CaseService(db.dataSource(), clock, hazardService, errandService), access);
        CaseRoutes.describe(openApi);
        Work work = new Work(new ReportRoutes(new ReportService(db.dataSource(), clock, new StationEvents()), access),
                new MeetingRoutes(new MeetingService(db.dataSource(), clock), access),
                new WorkRoutes(new WorkService(db.dataSource(), clock)));
        ReportRoutes.describe(openApi);
        MeetingRoutes.describe(openApi);
        WorkRoutes.describe(openApi);
        NetworksService networksService = new NetworksService(db.dataSource());
        changes.subscribe(networksService::onChange);
        NetworksRoutes networks = new NetworksRoutes(networksService, new VolunteerFinder(rings, networksService), access);
        NetworksRoutes.describe(openApi);
        Layers layers = new Layers(new OgcRoutes(new FeatureService(reads, counts), catalog, extents, openApi),
                new TileRoutes(tiles, catalog, extents), new SearchRoutes(new SearchService(db.dataSource())));

        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson(json, false));
            c.http.maxRequestSize = config.maxRequestBytes();
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            RequestLogging.install(c);
            c.requestLogger.http(metrics.requests()::record);
            ErrorResponses.install(c);
            c.routes.before(new JsonBodyLimit(config.maxJsonBytes(), config.maxRequestBytes(), java.util.Set.of("/api/grids/import")));
            // the grid import takes files, and Open311 clients post forms as the GeoReport spec says: both check their own bodies
            HttpDefences.install(c, config.trustedProxies(), AccessControl.COOKIE,
                    java.util.Set.of("/api/grids/import", "/open311/v2/requests.json"));
            c.routes.beforeMatched(access::check);
            WebApp.install(c);
            routes(c.routes, health, accounts, layers, ringRoutes);
            c.routes.get("/api/vocabulary", vocabulary::get);
            c.routes.get("/metrics", metricsRoutes::metrics);
            hazardAndStaffRoutes(c.routes, hazards, staff);
            gridEditRoutes(c.routes, gridEdits);
            errandStaffRoutes(c.routes, errandStaff);   // before errandRoutes: /api/errands/{number} would take these paths
            errandRoutes(c.routes, errands);
            errandMapRoutes(c.routes, errandMap);
            visitRoutes(c.routes, visits);
            caseRoutes(c.routes, cases);
            workRoutes(c.routes, work);
            networkRoutes(c.routes, networks);
        });
    }

    /** Staff record visits to their grid's households; completion per grid is public, who visited is not. */
    private static void visitRoutes(io.javalin.config.RoutesConfig r, Visits visits) {
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
    private static void caseRoutes(io.javalin.config.RoutesConfig r, CaseRoutes k) {
        r.post("/api/cases", k::open, Role.STAFF);
        r.get("/api/cases", k::list, Role.STAFF);
        r.get("/api/cases/layer", k::layer, Role.STAFF);
        r.get("/api/cases/map/tiles/{z}/{x}/{file}", k::tile, Role.STAFF);
        r.get("/api/cases/{id}", k::get, Role.STAFF);
        r.post("/api/cases/{id}/status", k::status, Role.STAFF);
        r.post("/api/cases/{id}/steps", k::step, Role.STAFF);
    }

    private record Work(ReportRoutes reports, MeetingRoutes meetings, WorkRoutes figures) { }

    /** Grid leaders report every 3 days; a station (its grid leaders, or an admin) sees reports, notifications, meetings. */
    private static void workRoutes(io.javalin.config.RoutesConfig r, Work w) {
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

    private record Visits(VisitRoutes api, VisitTileRoutes tiles, DashboardRoutes dashboard) { }

    /** The networks around the grids: lists and "nearest volunteer" are public; the staff of the place write. */
    private static void networkRoutes(io.javalin.config.RoutesConfig r, NetworksRoutes n) {
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

    private record Errands(ErrandRoutes api, Open311Routes open311) { }

    /** Errands on the map: per-grid counts for anyone; single errands and paths for staff, scoped by the service. */
    private static void errandMapRoutes(io.javalin.config.RoutesConfig r, ErrandMapRoutes m) {
        r.get("/api/errands/map/grids", m::grids);
        r.get("/api/errands/map/grids/{z}/{x}/{file}", m::gridsTile);
        r.get("/api/errands/map/open", m::open, Role.STAFF);
        r.get("/api/errands/map/open/{z}/{x}/{file}", m::openTile, Role.STAFF);
        r.get("/api/errands/{number}/path", m::path, Role.STAFF);
    }

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

    /** The replica reads' gate, or null when no read database is configured. */
    public FreshReads freshReads() { return freshReads; }

    public int port() { return app.port(); }

    public void stop() {
        app.stop();
        changes.close();
        rings.close();
        if (readDb != null) readDb.close();
        metrics.close();
    }

    public Config config() { return config; }

    public Database database() { return db; }
}
