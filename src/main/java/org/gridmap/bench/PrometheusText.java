package org.gridmap.bench;

/** Reads a timer out of the Prometheus text format that {@code /metrics} answers. */
final class PrometheusText {
    private PrometheusText() { }

    /**
     * The seconds and count of timer {@code name} for {@code route}, summed over its other labels (method, status):
     * a route's 200s and 204s are one cost.
     */
    static double[] timer(String text, String name, String route) {
        String label = "route=\"" + route + "\"";
        double seconds = 0, count = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.contains(label)) continue;
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith(name + "_sum{")) seconds += value;
            else if (line.startsWith(name + "_count{")) count += value;
        }
        return new double[] {seconds, count};
    }

    /** The value of counter {@code name} without labels (0 when absent). */
    static double counter(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return 0;
    }
}
