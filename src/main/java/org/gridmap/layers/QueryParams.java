package org.gridmap.layers;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.gridmap.http.ApiException;

/** Every OGC and tile resource refuses parameters it does not know, so a misspelt filter never passes silently. */
public final class QueryParams {
    private QueryParams() { }

    public static void allow(Map<String, List<String>> query, Set<String> allowed, String resource) {
        for (String key : query.keySet()) {
            if (!allowed.contains(key)) {
                throw allowed.isEmpty()
                        ? ApiException.badRequest("Unknown parameter '" + key + "' for " + resource + ", which takes none")
                                .says("layers.takes_no_params", Map.of("param", key, "resource", resource))
                        : ApiException.badRequest("Unknown parameter '" + key + "' for " + resource + "; it takes "
                                + new TreeSet<>(allowed)).says("layers.takes_params",
                                Map.of("param", key, "resource", resource, "allowed", new TreeSet<>(allowed)));
            }
        }
        single(query);
    }

    /** A parameter given twice is ambiguous: refuse it rather than pick one. */
    static void single(Map<String, List<String>> query) {
        query.forEach((k, v) -> {
            if (v.size() > 1) throw ApiException.badRequest("Parameter '" + k + "' is given " + v.size() + " times")
                    .says("layers.repeated_param", Map.of("param", k, "times", v.size()));
        });
    }
}
