package org.gridmap.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import org.gridmap.errands.ErrandHistory;
import org.gridmap.networks.NetworksDemo;
import org.gridmap.reports.WorkHistory;
import org.gridmap.visits.VisitHistory;

/**
 * What a demo set asks to be generated for its towns: a year of past errands ({@code errand-history.json}), of
 * visits ({@code visit-history.json}), of grid work — cases, 3-day reports, meetings ({@code work-history.json}) —
 * or the networks around its grids ({@code networks.json}). Each plan is null when the set has no such file.
 */
record DemoPlans(ErrandHistory.Plan errands, VisitHistory.Plan visits, WorkHistory.Plan work, NetworksDemo.Plan networks) {
    static DemoPlans read(FeatureFiles files, Problems problems) throws IOException {
        return new DemoPlans(plan(files, ErrandHistory.FILE, ErrandHistory.Plan::parse, problems),
                plan(files, VisitHistory.FILE, VisitHistory.Plan::parse, problems),
                plan(files, WorkHistory.FILE, WorkHistory.Plan::parse, problems),
                plan(files, NetworksDemo.FILE, NetworksDemo.Plan::parse, problems));
    }

    /** The plan in that file, or null when the set has none (or refused: then a problem says why). */
    private static <T> T plan(FeatureFiles files, String file, Function<JsonNode, T> parse, Problems problems)
            throws IOException {
        try (InputStream in = files.open(file)) {
            if (in == null) return null;
            return parse.apply(new ObjectMapper().readTree(in));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(file, null, e.getMessage());
            return null;
        }
    }
}
