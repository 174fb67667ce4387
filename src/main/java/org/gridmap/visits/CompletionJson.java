package org.gridmap.visits;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A month's completion as the answer's JSON ({@code month, from, to, visited, total, grids: [{id, code, name, village,
 * visited, total, visitors?}]}), written field by field straight into the response: a city's month is 11,251 grids,
 * and building a map per grid, then the whole answer as one string, cost more than writing the grids themselves.
 */
public final class CompletionJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private CompletionJson() { }

    /** {@code withVisitors}: each grid names who visited (staff and admins only). */
    public static void write(OutputStream out, Visits.Completion c, boolean withVisitors) throws IOException {
        long visited = 0, total = 0;
        for (Visits.GridCompletion g : c.grids()) {
            visited += g.visited();
            total += g.total();
        }
        Map<Long, List<Visits.Visitor>> byGrid = new HashMap<>();
        for (Visits.Visitor v : c.visitors()) byGrid.computeIfAbsent(v.gridId(), k -> new ArrayList<>()).add(v);
        try (JsonGenerator j = FACTORY.createGenerator(out)) {
            j.writeStartObject();
            j.writeStringField("month", c.month().toString());
            j.writeStringField("from", c.month().from().toString());
            j.writeStringField("to", c.month().to().toString());
            j.writeNumberField("visited", visited);
            j.writeNumberField("total", total);
            j.writeArrayFieldStart("grids");
            for (Visits.GridCompletion g : c.grids()) {
                j.writeStartObject();
                j.writeNumberField("id", g.gridId());
                j.writeStringField("code", g.gridCode());
                j.writeStringField("name", g.gridName());
                j.writeStringField("village", g.villageCode());
                j.writeNumberField("visited", g.visited());
                j.writeNumberField("total", g.total());
                if (withVisitors) {
                    j.writeArrayFieldStart("visitors");
                    for (Visits.Visitor v : byGrid.getOrDefault(g.gridId(), List.of())) {
                        j.writeStartObject();
                        if (v.staffId() == null) j.writeNullField("staffId"); else j.writeNumberField("staffId", v.staffId());
                        j.writeStringField("name", v.name());
                        j.writeNumberField("households", v.households());
                        j.writeEndObject();
                    }
                    j.writeEndArray();
                }
                j.writeEndObject();
            }
            j.writeEndArray();
            j.writeEndObject();
        }
    }
}
