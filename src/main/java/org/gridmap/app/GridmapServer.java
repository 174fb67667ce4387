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
 * Wires the capabilities into one HTTP server. Every route is listed in {@link RouteTable}; a route that
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
        // a logout through this node ends what it vouched for at once, before the database's announcement arrives
        sessions.onEnded(user -> changes.publishAccess(org.gridmap.changes.AccessChange.users(user)));
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
        RouteTable.Errands errands = new RouteTable.Errands(new ErrandRoutes(errandService, access, new AddressLimiter(10, Duration.ofMinutes(10), clock)),
                new Open311Routes(errandService, new NearestServiceFinder(rings), new AddressLimiter(20, Duration.ofHours(1), clock),
                        ErrandPolicy.builtIn().zone()));
        ErrandRoutes.describe(openApi);
        RouteTable.ErrandStaff errandStaff = new RouteTable.ErrandStaff(new PositionRoutes(new PositionService(db.dataSource())),
                new CatalogueRoutes(new CatalogueService(db.dataSource(), clock)));
        PositionRoutes.describe(openApi);
        CatalogueRoutes.describe(openApi);
        ErrandMapRoutes errandMap = new ErrandMapRoutes(new ErrandMapService(db.dataSource(), errandService), access);
        ErrandMapRoutes.describe(openApi);
        VisitService visitService = new VisitService(db.dataSource(), clock).followAccess(changes);
        metrics.bindUnvisitedTiles(visitService, VisitService::unvisitedTilesKept, VisitService::unvisitedTilesVouched,
                VisitService::unvisitedTilesRendered);
        // the work dashboard's figures: visit completion, 3-day reports on time, open cases by age
        DashboardService dashboard = new DashboardService(db.dataSource(), List.of(new VisitColumn(),
                org.gridmap.reports.WorkColumns.reportsOnTime(clock), org.gridmap.reports.WorkColumns.openCases(clock)));
        RouteTable.Visits visits = new RouteTable.Visits(new VisitRoutes(visitService, access), new VisitTileRoutes(visitService),
                new DashboardRoutes(dashboard, visitService));
        VisitRoutes.describe(openApi);
        VisitTileRoutes.describe(openApi);
        DashboardRoutes.describe(openApi);
        CaseRoutes cases = new CaseRoutes(new CaseService(db.dataSource(), clock, hazardService, errandService), access);
        CaseRoutes.describe(openApi);
        RouteTable.Work work = new RouteTable.Work(new ReportRoutes(new ReportService(db.dataSource(), clock, new StationEvents()), access),
                new MeetingRoutes(new MeetingService(db.dataSource(), clock), access),
                new WorkRoutes(new WorkService(db.dataSource(), clock)));
        ReportRoutes.describe(openApi);
        MeetingRoutes.describe(openApi);
        WorkRoutes.describe(openApi);
        NetworksService networksService = new NetworksService(db.dataSource());
        changes.subscribe(networksService::onChange);
        NetworksRoutes networks = new NetworksRoutes(networksService, new VolunteerFinder(rings, networksService), access);
        NetworksRoutes.describe(openApi);
        RouteTable.Layers layers = new RouteTable.Layers(new OgcRoutes(new FeatureService(reads, counts), catalog, extents, openApi),
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
            RouteTable.core(c.routes, health, accounts, layers, ringRoutes);
            c.routes.get("/api/vocabulary", vocabulary::get);
            c.routes.get("/metrics", metricsRoutes::metrics);
            RouteTable.hazardsAndStaff(c.routes, hazards, staff);
            RouteTable.gridEdits(c.routes, gridEdits);
            RouteTable.errandStaff(c.routes, errandStaff);   // before RouteTable.errands: /api/errands/{number} would take these paths
            RouteTable.errands(c.routes, errands);
            RouteTable.errandMap(c.routes, errandMap);
            RouteTable.visits(c.routes, visits);
            RouteTable.cases(c.routes, cases);
            RouteTable.work(c.routes, work);
            RouteTable.networks(c.routes, networks);
        });
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
