package org.gridmap.http;

import io.javalin.http.Context;
import java.util.Map;

/** Numbers in the query string, read one way everywhere: a finite decimal, or a 400 that names the parameter. */
public final class QueryNumbers {
    private QueryNumbers() { }

    /** The parameter {@code name} as a finite number; {@code dflt} when it is absent (a 400 if dflt is NaN). */
    public static double number(Context ctx, String name, double dflt) {
        String v = ctx.queryParam(name);
        if (v == null) {
            if (Double.isNaN(dflt)) {
                throw ApiException.badRequest("Missing parameter '" + name + "'").says("http.missing_param", Map.of("name", name));
            }
            return dflt;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a number, not '" + v + "'")
                    .says("http.not_a_number", Map.of("name", name, "value", v));
        }
    }

    /** The parameter {@code name} as a finite number; a 400 when it is absent. */
    public static double required(Context ctx, String name) { return number(ctx, name, Double.NaN); }
}
